package io.preemptscope.strace.args;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the typed arguments of the syscalls that matter out of their printed text. */
public final class ArgDecoder {
    private static final SyscallArgs UNTYPED = new SyscallArgs.Untyped();
    private static final Pattern NAMED_TIMESPEC = Pattern.compile("\\{tv_sec=(\\d+), tv_nsec=(\\d+)}");
    private static final Pattern OLD_TIMESPEC = Pattern.compile("\\{(\\d+), (\\d+)}");
    // [^<>] keeps each try within one decoration: ".+" made many of them quadratic
    private static final Pattern RESUMING = Pattern.compile("<\\.\\.\\. resuming interrupted ([^<>]+) \\.\\.\\.>");

    private ArgDecoder() {}

    public static SyscallArgs decode(String name, String args) {
        return switch (name) {
            case "tgkill" -> signalSend(args, 3);
            case "tkill", "kill" -> signalSend(args, 2);
            case "rt_sigaction" -> sigaction(args);
            case "rt_sigprocmask" -> {
                List<String> a = ArgSplitter.split(args);
                yield a.size() < 2 ? UNTYPED : new SyscallArgs.SigProcMask(a.get(0), a.get(1));
            }
            case "nanosleep" -> new SyscallArgs.Sleep(timespecNanos(first(args)));
            case "clock_nanosleep" -> {
                List<String> a = ArgSplitter.split(args);
                yield a.size() < 3 ? UNTYPED : new SyscallArgs.Sleep(timespecNanos(a.get(2)));
            }
            case "futex" -> futex(args);
            case "epoll_wait", "epoll_pwait", "epoll_pwait2" -> epoll(name, args);
            case "read", "write", "readv", "writev", "pread64", "pwrite64", "recvfrom", "sendto",
                    "recvmsg", "sendmsg", "accept", "accept4", "connect" -> {
                List<String> a = ArgSplitter.split(args);
                yield a.isEmpty() ? UNTYPED : new SyscallArgs.FdCall(NumericValues.leadingInt(a.get(0), -1));
            }
            case "rt_sigreturn" -> {
                String text = args.strip();
                yield new SyscallArgs.SigReturn(text.startsWith("{mask=")
                        ? text.substring("{mask=".length(), Math.max("{mask=".length(), text.length() - 1)) : null);
            }
            case "restart_syscall" -> {
                Matcher m = RESUMING.matcher(args);
                yield new SyscallArgs.RestartSyscall(m.find() ? m.group(1) : null);
            }
            case "clone" -> new SyscallArgs.Clone(field(args, "flags"));
            case "clone3" -> new SyscallArgs.Clone(field(args, "flags"));
            case "fork", "vfork" -> new SyscallArgs.Clone(null);
            case "execve" -> new SyscallArgs.Exec(quoted(first(args)));
            case "mlock" -> memoryLock(args);
            case "exit", "exit_group" -> {
                // empty for an exit half whose entry the capture does not show
                String status = first(args);
                yield new SyscallArgs.Exit(status == null ? -1 : NumericValues.leadingInt(status, -1));
            }
            default -> UNTYPED;
        };
    }

    private static SyscallArgs signalSend(String args, int arity) {
        List<String> a = ArgSplitter.split(args);
        if (a.size() < arity) {
            return UNTYPED;
        }
        String signal = SignalNames.signal(a.get(arity - 1));
        if (arity == 3) {
            return new SyscallArgs.SignalSend(
                    NumericValues.leadingInt(a.get(0), -1), NumericValues.leadingInt(a.get(1), -1), signal);
        }
        return new SyscallArgs.SignalSend(-1, NumericValues.leadingInt(a.get(0), -1), signal);
    }

    private static SyscallArgs sigaction(String args) {
        // the old action and the size that follow are never read
        List<String> a = ArgSplitter.leading(args, 2);
        if (a.size() < 2) {
            return UNTYPED;
        }
        String signal = SignalNames.signal(a.get(0));
        String act = a.get(1);
        if (act.equals("NULL")) {
            return new SyscallArgs.SigAction(signal, null, null);
        }
        String handler = field(act, "sa_handler");
        String flags = field(act, "sa_flags");
        if (handler == null && act.startsWith("{")) {
            // strace <= 4.14 printed the struct without field names: {handler, mask, flags, restorer}
            int end = act.length() > 1 && act.endsWith("}") ? act.length() - 1 : act.length();
            List<String> parts = ArgSplitter.split(act.substring(1, end));
            handler = parts.isEmpty() ? null : parts.get(0);
            flags = parts.size() > 2 ? parts.get(2) : null;
        }
        return new SyscallArgs.SigAction(signal, handler, flags);
    }

    private static SyscallArgs memoryLock(String args) {
        List<String> a = ArgSplitter.split(args);
        if (a.size() < 2) {
            return UNTYPED;
        }
        try {
            return new SyscallArgs.MemoryLock(Long.decode(a.get(1)));
        } catch (NumberFormatException notANumber) {
            return UNTYPED;
        }
    }

    /** The text of a string argument printed whole ({@code "/bin/x"}), or null. */
    private static String quoted(String arg) {
        if (arg == null || arg.length() < 2 || !arg.startsWith("\"") || !arg.endsWith("\"")) {
            return null;
        }
        return arg.substring(1, arg.length() - 1);
    }

    private static SyscallArgs futex(String args) {
        List<String> a = ArgSplitter.split(args);
        if (a.size() < 2) {
            return UNTYPED;
        }
        String op = NumericValues.symbolic(a.get(1));
        long timeout = -1;
        if (a.size() > 3 && (op.contains("WAIT") || op.contains("LOCK_PI"))) {
            timeout = unreadPointer(a.get(3)) ? UNREAD_TIMESPEC : timespecNanos(a.get(3));
        }
        return new SyscallArgs.Futex(a.get(0), op, timeout);
    }

    private static SyscallArgs epoll(String name, String args) {
        List<String> a = ArgSplitter.split(args);
        if (a.size() < 4) {
            return UNTYPED;
        }
        int epfd = NumericValues.leadingInt(a.get(0), -1);
        if (name.equals("epoll_pwait2")) {
            long ns = timespecNanos(a.get(3));
            return new SyscallArgs.EpollWait(epfd, ns < 0 ? -1 : ns / 1_000_000);
        }
        return new SyscallArgs.EpollWait(epfd, NumericValues.leadingLong(a.get(3), Long.MIN_VALUE));
    }

    /**
     * A timespec given, but only as its address: strace prints one it could not read that way, and
     * a perf capture shows registers only. A timeout that exists, of unknown length.
     */
    public static final long UNREAD_TIMESPEC = Long.MAX_VALUE;

    /** Whether an argument is a bare, non-NULL address where a struct would be printed. */
    public static boolean unreadPointer(String arg) {
        return arg != null && arg.strip().startsWith("0x");
    }

    /** {tv_sec=0, tv_nsec=20000} (strace 4.15+) or {0, 20000} (older), in ns; -1 otherwise. */
    public static long timespecNanos(String text) {
        return text == null ? -1 : timespecNanos(text, 0);
    }

    /** As {@link #timespecNanos(String)} of {@code text.substring(from)}, without the copy (futex is hot). */
    public static long timespecNanos(String text, int from) {
        // the form strace 4.15+ prints, read without a regex: nanosleep and futex are hot
        if (text.startsWith("{tv_sec=", from)) {
            int comma = text.indexOf(", tv_nsec=", from);
            int close = text.indexOf('}', from);
            if (comma > from + 8 && close > comma && allDigits(text, from + 8, comma)
                    && allDigits(text, comma + 10, close)) {
                try {
                    return Math.addExact(
                            Math.multiplyExact(Long.parseLong(text, from + 8, comma, 10), 1_000_000_000L),
                            Long.parseLong(text, comma + 10, close, 10));
                } catch (ArithmeticException | NumberFormatException tooLarge) {
                    return -1;
                }
            }
        }
        Matcher m = NAMED_TIMESPEC.matcher(text).region(from, text.length());
        if (!m.find()) {
            m = OLD_TIMESPEC.matcher(text).region(from, text.length());
            if (!m.find()) {
                return -1;
            }
        }
        try {
            return Math.addExact(Math.multiplyExact(Long.parseLong(m.group(1)), 1_000_000_000L),
                    Long.parseLong(m.group(2)));
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return -1;
        }
    }

    /** Whether s[from, to) is one or more ASCII digits. */
    public static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String first(String args) {
        return ArgSplitter.first(args);
    }

    /** A struct field's value anywhere in the text ("flags=" in clone's arguments). */
    private static String field(String text, String name) {
        return SiginfoFields.field(text, name);
    }
}
