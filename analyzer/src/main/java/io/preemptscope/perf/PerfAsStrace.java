package io.preemptscope.perf;

import io.preemptscope.strace.args.SignalNames;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.SourceRef;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.strace.record.SyscallResult;
import io.preemptscope.util.IntMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the tracepoint hits of a perf capture into the events a strace capture of the same run
 * would have: a syscall from its sys_enter and sys_exit (emitted at its exit, as strace emits a
 * call another thread's output split), a signal at its signal_deliver, a thread's end at its
 * sched_process_exit. The replay then judges both captures by one model.
 *
 * <p>What perf shows as registers is written the way strace writes the same call, for the calls
 * the analysis reads (tgkill, futex, epoll waits, clone, nanosleep). What lies behind a pointer
 * (a futex timeout, a nanosleep request, a sigaction) perf cannot see: it is written as strace
 * writes a struct it could not read, the bare address, and the analysis treats its value as
 * unknown.
 *
 * <p>State is per thread and per pending signal only: bounded by the threads alive at once.
 */
public final class PerfAsStrace {
    private static final int MAX_QUEUED_SIGNALS = 64;
    private static final int SIGKILL = 9;
    /** The call number rt_sigreturn's sys_exit shows: the restored frame's orig_ax. */
    private static final long RESTORED = -1;

    private final String file;
    private final IntMap<Entered> entered = new IntMap<>();
    /**
     * Calls that returned an error a signal may explain (EINTR, a restart code), held until the
     * thread's next event: when that is a SIGKILL (another thread's exit_group) or the thread's
     * end, the call never returned to the program, as strace shows it ("= ?").
     */
    private final IntMap<SyscallEvent> interrupted = new IntMap<>();
    /** The senders of signals generated and not yet delivered, per target thread (or process). */
    private final IntMap<ArrayDeque<Generated>> generated = new IntMap<>();

    /** A sys_enter waiting for its sys_exit. */
    private record Entered(long line, String time, long timeNs, long nr, String name, List<String> args) {}

    /** A signal_generate: who sent which signal, for the delivery that follows. */
    private record Generated(int signal, long senderPid) {}

    /** @param file the perf script file's name, which evidence refers to */
    public PerfAsStrace(String file) {
        this.file = file;
    }

    /** The strace events this perf event completes, in order; most complete none or one. */
    public void accept(PerfEvent e, Consumer<StraceEvent> out) {
        int tid = (int) e.tid();
        PerfEvent.Payload payload = e.payload();
        if (!(payload instanceof PerfEvent.Switch)) {
            SyscallEvent held = interrupted.get(tid);
            if (held != null) {
                interrupted.remove(tid);
                out.accept(killedBy(e) ? vanished(held) : held);
            }
        }
        if (payload instanceof PerfEvent.SyscallEnter enter) {
            Entered before = take(tid);
            if (before != null) {
                // no sys_exit for the call before: a lost event; the call's end is not known
                out.accept(syscall(before, tid, null, null, SyscallEvent.Status.INCOMPLETE));
            }
            entered.put(tid, new Entered(e.line(), e.time(), e.timeNs(), enter.nr(), enter.name(), enter.args()));
        } else if (payload instanceof PerfEvent.SyscallExit exit) {
            Entered call = take(tid);
            if (call != null && exit.nr() == RESTORED && call.name().equals("rt_sigreturn")) {
                // rt_sigreturn restores orig_ax = -1, so its sys_exit names no call: its value is the restored rax
                out.accept(syscall(call, tid, e, restored(exit), SyscallEvent.Status.COMPLETE));
                return;
            }
            if (call == null || call.nr() != exit.nr()) {
                if (call != null) {
                    out.accept(syscall(call, tid, null, null, SyscallEvent.Status.INCOMPLETE));
                }
                // an exit without its entry: the capture began inside the call (execve, --pid)
                call = new Entered(e.line(), e.time(), e.timeNs(), exit.nr(), exit.name(), List.of());
            }
            SyscallEvent done = syscall(call, tid, e, result(exit), SyscallEvent.Status.COMPLETE);
            if (exit.errno() != null && (exit.errno().equals("EINTR") || exit.errno().startsWith("ERESTART"))) {
                interrupted.put(tid, done);
            } else {
                out.accept(done);
            }
        } else if (payload instanceof PerfEvent.Fields f) {
            fields(e, f, tid, out);
        }
    }

    /** Whether the event is the kernel ending its thread: SIGKILL's delivery or the thread's exit. */
    private static boolean killedBy(PerfEvent e) {
        if (e.payload() instanceof PerfEvent.Fields f) {
            return e.event().equals("sched:sched_process_exit")
                    || e.event().equals("signal:signal_deliver") && String.valueOf(SIGKILL).equals(f.get("sig"));
        }
        return false;
    }

    private static SyscallEvent vanished(SyscallEvent call) {
        return new SyscallEvent(call.source(), call.exitLine(), call.tid(), call.name(), call.args(), UNKNOWN,
                call.ts(), call.exit(), call.durationNanos(), SyscallEvent.Status.VANISHED);
    }

    /** The capture ends: calls still inside the kernel never returned in it. */
    public void finish(Consumer<StraceEvent> out) {
        List<Integer> held = new ArrayList<>();
        interrupted.forEach((call, tid) -> held.add(tid));
        held.sort(null);
        for (int tid : held) {
            out.accept(interrupted.get(tid));
            interrupted.remove(tid);
        }
        List<Integer> tids = new ArrayList<>();
        entered.forEach((call, tid) -> tids.add(tid));
        tids.sort(null);
        for (int tid : tids) {
            out.accept(syscall(take(tid), tid, null, null, SyscallEvent.Status.INCOMPLETE));
        }
    }

    /** The call {@code tid} has entered and not left, taken out of the pending ones; null if none. */
    private Entered take(int tid) {
        Entered call = entered.get(tid);
        if (call != null) {
            entered.remove(tid);
        }
        return call;
    }

    private void fields(PerfEvent e, PerfEvent.Fields f, int tid, Consumer<StraceEvent> out) {
        switch (e.event()) {
            case "signal:signal_generate" -> {
                int target = intField(f, "pid");
                int sig = intField(f, "sig");
                if (target > 0 && sig > 0) {
                    ArrayDeque<Generated> q = generated.get(target);
                    if (q == null) {
                        q = new ArrayDeque<>();
                        generated.put(target, q);
                    }
                    if (q.size() < MAX_QUEUED_SIGNALS) {
                        q.addLast(new Generated(sig, e.pid()));
                    }
                }
            }
            case "signal:signal_deliver" -> {
                // SIGKILL has no handler and strace never shows its delivery, only the thread's end
                if (!String.valueOf(SIGKILL).equals(f.get("sig"))) {
                    out.accept(delivered(e, f, tid));
                }
            }
            case "sched:sched_process_exit" -> {
                Entered call = take(tid);
                int status = 0;
                if (call != null) {
                    boolean exiting = call.name().equals("exit") || call.name().equals("exit_group");
                    if (exiting && !call.args().isEmpty()) {
                        status = (int) (parseHex(call.args().get(0)) & 0xff);
                    }
                    // strace: "exit_group(0) = ?"; a call cut short by another thread's exit_group vanishes
                    out.accept(syscall(call, tid, null, exiting ? UNKNOWN : null,
                            exiting ? SyscallEvent.Status.COMPLETE : SyscallEvent.Status.VANISHED));
                }
                generated.remove(tid);
                out.accept(new ExitEvent(ref(e.line()), tid, timestamp(e.time(), e.timeNs()), status));
            }
            default -> { }
        }
    }

    private SignalEvent delivered(PerfEvent e, PerfEvent.Fields f, int tid) {
        int sig = intField(f, "sig");
        String signal = SignalNames.signal(String.valueOf(sig));
        String code = f.get("code");
        String siCode = code == null ? null : SignalNames.siCode(code);
        long senderPid = sender(tid, sig);
        if (senderPid < 0 && e.pid() > 0) {
            senderPid = sender((int) e.pid(), sig);
        }
        StringBuilder siginfo = new StringBuilder("si_signo=").append(signal);
        if (siCode != null) {
            siginfo.append(", si_code=").append(siCode);
        }
        if (senderPid > 0) {
            siginfo.append(", si_pid=").append(senderPid);
        }
        return new SignalEvent(ref(e.line()), tid, timestamp(e.time(), e.timeNs()), signal, siginfo.toString(),
                siCode, "SI_TKILL".equals(siCode) ? (int) senderPid : -1);
    }

    /** The sender of the first pending generation of {@code sig} for {@code target}, taken from the queue; -1 if none. */
    private long sender(int target, int sig) {
        ArrayDeque<Generated> q = generated.get(target);
        if (q == null) {
            return -1;
        }
        for (var it = q.iterator(); it.hasNext(); ) {
            Generated g = it.next();
            if (g.signal() == sig) {
                it.remove();
                if (q.isEmpty()) {
                    generated.remove(target);
                }
                return g.senderPid();
            }
        }
        return -1;
    }

    private static final SyscallResult UNKNOWN = new SyscallResult("?", null, null, null, List.of(), false);

    private SyscallEvent syscall(Entered call, int tid, PerfEvent exit, SyscallResult result, SyscallEvent.Status status) {
        Timestamp entry = timestamp(call.time(), call.timeNs());
        Timestamp end = exit == null ? Timestamp.ABSENT : timestamp(exit.time(), exit.timeNs());
        long exitLine = exit == null ? -1 : exit.line();
        long duration = exit == null ? -1 : exit.timeNs() - call.timeNs();
        return new SyscallEvent(ref(call.line()), exitLine, tid, call.name(), PerfSyscallArgs.format(call.name(), call.args()),
                result, entry, end, duration, status);
    }

    /** rt_sigreturn's value as strace prints it: the restored rax, unsigned, or -1 and the errno it holds. */
    private static SyscallResult restored(PerfEvent.SyscallExit exit) {
        if (exit.errno() != null && !exit.errno().startsWith("ERESTART")) {
            return new SyscallResult("-1", exit.errno(), null, null, List.of(), false);
        }
        return new SyscallResult(Long.toUnsignedString(exit.ret()), null, null, null, List.of(), false);
    }

    /** The result as strace prints it: a restart code as "?", an error as -1 and its name. */
    private static SyscallResult result(PerfEvent.SyscallExit exit) {
        if (exit.errno() == null) {
            return new SyscallResult(Long.toString(exit.ret()), null, null, null, List.of(), false);
        }
        boolean restart = exit.errno().startsWith("ERESTART");
        return new SyscallResult(restart ? "?" : "-1", exit.errno(), null, null, List.of(), false);
    }

    private SourceRef ref(long line) {
        return new SourceRef(file, line);
    }

    private static Timestamp timestamp(String printed, long nanos) {
        return new Timestamp(printed, nanos, Timestamp.Clock.MONOTONIC);
    }

    private static int intField(PerfEvent.Fields f, String key) {
        String v = f.get(key);
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    static long parseHex(String hex) {
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException notHex) {
            return -1;
        }
    }
}
