package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SIGURG that lands on a thread blocked in a syscall (preemption-model.md §7 B16). The runtime
 * signals only Ms running Go code (a P in a syscall has no M; suspendG never signals a
 * _Gsyscall G), so this happens only when the tgkill races the thread's entry into the syscall:
 * now and then. Often means a thread that runs Go code long enough to be preempted and then
 * blocks without telling the runtime (a raw syscall), or an external sender.
 *
 * <p>The runtime's own waits do not count: a thread blocked on a runtime lock or note (futex) or
 * in usleep (nanosleep) is, to the scheduler, an M running Go code, so signalling it is the
 * rule, not a race (§2.1, §5.7).
 */
final class SyscallTargetRules {
    private static final String SIGURG = "SIGURG";
    static final long WINDOW_NS = 1_000_000_000L;
    /** More than this many per second on one thread is no longer the occasional race. */
    static final int PER_SECOND = 5;

    private final ViolationSink sink;
    private final Map<Integer, Observation.SyscallInterrupted> interrupted = new HashMap<>();
    private final Map<Integer, ArrayDeque<Observation.SignalDelivered>> recent = new HashMap<>();
    private final Map<Integer, Long> reportedUntil = new HashMap<>();

    SyscallTargetRules(ViolationSink sink) {
        this.sink = sink;
    }

    void interrupted(Observation.SyscallInterrupted i) {
        if (!runtimeInternal(i.syscall())) {
            interrupted.put(i.tid(), i);
        }
    }

    private static boolean runtimeInternal(String syscall) {
        return syscall.equals("futex") || syscall.equals("nanosleep") || syscall.equals("clock_nanosleep");
    }

    /** Any later syscall on the thread means the delivery that follows did not interrupt that one. */
    void entered(Observation.SyscallEntered e) {
        Observation.SyscallInterrupted i = interrupted.get(e.tid());
        if (i != null && e.timeNs() > i.timeNs()) {
            interrupted.remove(e.tid());
        }
    }

    void delivered(Observation.SignalDelivered d) {
        if (!SIGURG.equals(d.signal())) {
            return;
        }
        Observation.SyscallInterrupted i = interrupted.remove(d.tid());
        if (i == null) {
            return;
        }
        ArrayDeque<Observation.SignalDelivered> window = recent.computeIfAbsent(d.tid(), k -> new ArrayDeque<>());
        window.addLast(d);
        while (window.peekFirst().timeNs() <= d.timeNs() - WINDOW_NS) {
            window.pollFirst();
        }
        if (window.size() > PER_SECOND && reportedUntil.getOrDefault(d.tid(), Long.MIN_VALUE) < d.timeNs()) {
            reportedUntil.put(d.tid(), d.timeNs() + WINDOW_NS);
            Observation.SignalDelivered first = window.peekFirst();
            sink.add(AnomalyId.SIGURG_TO_SYSCALL_THREAD, () -> new Violation(AnomalyId.SIGURG_TO_SYSCALL_THREAD,
                    AnomalyId.SIGURG_TO_SYSCALL_THREAD.severity(),
                    d.tid(), first.timeNs(), List.of(first.ref(), d.ref(), i.ref()), String.format(Locale.ROOT,
                            "%d SIGURG within %.0f ms hit thread %d while it was blocked in a syscall (last: %s):"
                                    + " more than the occasional tgkill/entersyscall race; a raw blocking syscall"
                                    + " or an external sender", window.size(), (d.timeNs() - first.timeNs()) / 1e6,
                            d.tid(), i.syscall())));
        }
    }
}
