package io.preemptscope.perf;

import io.preemptscope.strace.args.SignalNames;
import java.util.List;
import java.util.Locale;

/**
 * A syscall's argument registers, as raw_syscalls:sys_enter prints them (hex, no prefix), written
 * the way strace writes the same call, so that one set of decoders reads both captures. Only the
 * calls the analysis reads are given their strace shape; any other call gets its first register
 * in decimal (a descriptor, for most) and the rest in hex. Memory behind a pointer is not in the
 * registers: such an argument is the address, as strace prints a struct it could not read.
 */
public final class PerfSyscallArgs {
    private PerfSyscallArgs() {}

    private static final String[] FUTEX_OPS = {"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
        "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
        "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI", "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2"};
    private static final int FUTEX_PRIVATE = 128;
    private static final int FUTEX_CLOCK_REALTIME = 256;

    private static final String[] CLONE_FLAGS = new String[25];

    static {
        String[] names = {"CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND", "CLONE_PIDFD", "CLONE_PTRACE",
            "CLONE_VFORK", "CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWNS", "CLONE_SYSVSEM", "CLONE_SETTLS",
            "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID", "CLONE_DETACHED", "CLONE_UNTRACED",
            "CLONE_CHILD_SETTID"};
        for (int i = 0; i < names.length; i++) {
            CLONE_FLAGS[8 + i] = names[i];
        }
    }

    /** The arguments of {@code name} as strace would print them; "" when the registers are not known. */
    public static String format(String name, List<String> regs) {
        if (regs.isEmpty()) {
            return "";
        }
        return switch (name) {
            case "tgkill" -> dec(regs, 0) + ", " + dec(regs, 1) + ", " + signal(regs, 2);
            case "tkill" -> dec(regs, 0) + ", " + signal(regs, 1);
            case "kill" -> int32(regs, 0) + ", " + signal(regs, 1);
            case "futex" -> futex(regs);
            case "nanosleep" -> ptr(regs, 0) + ", " + ptr(regs, 1);
            case "clock_nanosleep" -> dec(regs, 0) + ", " + dec(regs, 1) + ", " + ptr(regs, 2) + ", " + ptr(regs, 3);
            case "epoll_wait" -> dec(regs, 0) + ", " + ptr(regs, 1) + ", " + dec(regs, 2) + ", " + int32(regs, 3);
            case "epoll_pwait" -> dec(regs, 0) + ", " + ptr(regs, 1) + ", " + dec(regs, 2) + ", " + int32(regs, 3)
                    + ", " + ptr(regs, 4) + ", " + dec(regs, 5);
            case "epoll_pwait2" -> dec(regs, 0) + ", " + ptr(regs, 1) + ", " + dec(regs, 2) + ", " + ptr(regs, 3)
                    + ", " + ptr(regs, 4) + ", " + dec(regs, 5);
            case "clone" -> "child_stack=" + ptr(regs, 1) + ", flags=" + cloneFlags(PerfAsStrace.parseHex(regs.get(0)));
            case "rt_sigaction" -> signal(regs, 0) + ", " + ptr(regs, 1) + ", " + ptr(regs, 2) + ", " + dec(regs, 3);
            case "exit", "exit_group" -> int32(regs, 0);
            case "mlock" -> ptr(regs, 0) + ", " + dec(regs, 1);
            case "rt_sigreturn", "sched_yield", "getpid", "gettid", "getppid" -> "";
            default -> generic(regs);
        };
    }

    private static String futex(List<String> regs) {
        int op = (int) PerfAsStrace.parseHex(regs.get(1));
        int cmd = op & ~(FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME);
        String name = cmd >= 0 && cmd < FUTEX_OPS.length ? FUTEX_OPS[cmd] : String.valueOf(cmd);
        if ((op & FUTEX_PRIVATE) != 0) {
            name += "_PRIVATE";
        }
        if ((op & FUTEX_CLOCK_REALTIME) != 0) {
            name += "|FUTEX_CLOCK_REALTIME";
        }
        String head = "0x" + regs.get(0) + ", " + name + ", " + int32(regs, 2);
        boolean waits = name.startsWith("FUTEX_WAIT") || name.startsWith("FUTEX_LOCK_PI");
        return waits ? head + ", " + ptr(regs, 3) : head;
    }

    /** strace's flag list: CLONE_VM|CLONE_FS|...|SIGCHLD, the low byte being the exit signal. */
    static String cloneFlags(long flags) {
        StringBuilder b = new StringBuilder();
        for (int bit = 8; bit < CLONE_FLAGS.length; bit++) {
            if ((flags & (1L << bit)) != 0 && CLONE_FLAGS[bit] != null) {
                b.append(b.length() == 0 ? "" : "|").append(CLONE_FLAGS[bit]);
            }
        }
        long rest = flags & ~0xffL;
        for (int bit = 8; bit < CLONE_FLAGS.length; bit++) {
            if (CLONE_FLAGS[bit] != null) {
                rest &= ~(1L << bit);
            }
        }
        if (rest != 0) {
            b.append(b.length() == 0 ? "" : "|").append("0x").append(Long.toHexString(rest));
        }
        int exitSignal = (int) (flags & 0xff);
        if (exitSignal != 0) {
            b.append(b.length() == 0 ? "" : "|").append(SignalNames.signal(String.valueOf(exitSignal)));
        }
        return b.length() == 0 ? "0" : b.toString();
    }

    private static String generic(List<String> regs) {
        StringBuilder b = new StringBuilder(dec(regs, 0));
        for (int i = 1; i < regs.size(); i++) {
            b.append(", ").append(ptr(regs, i));
        }
        return b.toString();
    }

    private static String signal(List<String> regs, int i) {
        return SignalNames.signal(dec(regs, i));
    }

    private static String dec(List<String> regs, int i) {
        return i < regs.size() ? Long.toUnsignedString(PerfAsStrace.parseHex(regs.get(i))) : "?";
    }

    /** A 32-bit argument: the kernel reads an int, so ffffffff is -1. */
    private static String int32(List<String> regs, int i) {
        return i < regs.size() ? Integer.toString((int) PerfAsStrace.parseHex(regs.get(i))) : "?";
    }

    private static String ptr(List<String> regs, int i) {
        if (i >= regs.size()) {
            return "?";
        }
        long v = PerfAsStrace.parseHex(regs.get(i));
        return v == 0 ? "NULL" : "0x" + Long.toHexString(v).toLowerCase(Locale.ROOT);
    }
}
