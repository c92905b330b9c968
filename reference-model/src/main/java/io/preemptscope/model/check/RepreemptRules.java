package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.sysmon.SysmonConstants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Async preemption that keeps failing (preemption-model.md §7 A6), seen from sysmon's side.
 * retake asks for a preemption only once a P's time slice (its schedtick) is forcePreemptNS old,
 * and does not move schedwhen when it asks (§1.6): while the slice lasts, it asks again on every
 * round. A slice that a SIGURG ended gets its next request at least forcePreemptNS later, two
 * rounds or more; a SIGURG on each consecutive round to one thread therefore means each handled
 * signal left the slice running (§3.3: the goroutine was at no async safe point, or runnext
 * handed the slice to the next goroutine). The slice is then at least forcePreemptNS plus the
 * span of the requests long, and when that passes the preemption deadline, a goroutine (or a
 * chain of them) held the P past it despite the signals.
 */
final class RepreemptRules {
    private static final String SIGURG = "SIGURG";
    /** Fewer consecutive requests are common and harmless (the catalogue's K). */
    static final int MIN_REQUESTS = 3;
    /** Runs that could be flagged are kept up to this many, so memory does not grow with the capture. */
    static final int MAX_KEPT = 10_000;

    /** Consecutive-round SIGURGs from sysmon to one thread. */
    private static final class Run {
        final Observation.SignalSent first;
        Observation.SignalSent last;
        long lastRound;
        int requests = 1;
        int delivered;

        Run(Observation.SignalSent first, long round) {
            this.first = first;
            this.last = first;
            this.lastRound = round;
        }

        long spanNs() {
            return last.timeNs() - first.timeNs();
        }
    }

    private final ViolationSink sink;
    private final Map<Integer, Run> open = new HashMap<>();
    private final List<Run> closed = new ArrayList<>();
    private int sysmonTid = -1;
    /** sysmon's sleeps so far: one per round. */
    private long rounds;

    RepreemptRules(ViolationSink sink) {
        this.sink = sink;
    }

    /** A sysmon sleep, plain or deep: a round boundary. */
    void slept(int tid) {
        sysmonTid = tid;
        rounds++;
    }

    void sent(Observation.SignalSent s) {
        if (s.sender() != sysmonTid || !SIGURG.equals(s.signal())) {
            return;
        }
        Run run = open.get(s.targetTid());
        if (run != null && rounds - run.lastRound == 1) {
            run.requests++;
            run.last = s;
            run.lastRound = rounds;
            return;
        }
        close(run);
        open.put(s.targetTid(), new Run(s, rounds));
    }

    void delivered(Observation.SignalDelivered d) {
        Run run = open.get(d.tid());
        if (run != null && SIGURG.equals(d.signal()) && d.fromProcess()) {
            run.delivered++;
        }
    }

    void exited(Observation.ThreadExited x) {
        close(open.remove(x.tid()));
    }

    /** @param waits the stops (and safe-point waits) that waited past the straggler threshold */
    void finish(CheckerSettings calibrated, List<StopRules.Wait> waits) {
        open.values().forEach(this::close);
        open.clear();
        long deadline = calibrated.preemptDeadlineNs();
        for (Run run : closed) {
            long sliceAtLeast = SysmonConstants.FORCE_PREEMPT_NS + run.spanNs();
            if (sliceAtLeast > deadline) {
                report(run, sliceAtLeast, deadline, waitDuring(run, waits));
            }
        }
        closed.clear();
    }

    /** A wait of the target thread itself that overlaps the streak: its P was held by the wait. */
    private static StopRules.Wait waitDuring(Run run, List<StopRules.Wait> waits) {
        for (StopRules.Wait w : waits) {
            if (w.tid() == run.first.targetTid() && w.timeNs() <= run.last.timeNs() && w.endNs() >= run.first.timeNs()) {
                return w;
            }
        }
        return null;
    }

    private void close(Run run) {
        if (run != null && run.requests >= MIN_REQUESTS && closed.size() < MAX_KEPT) {
            closed.add(run);
        }
    }

    private void report(Run run, long sliceAtLeast, long deadline, StopRules.Wait waiting) {
        int tid = run.first.targetTid();
        AnomalyId id = AnomalyId.SIGURG_DELIVERED_NO_PREEMPT;
        if (waiting != null) {
            // stopTheWorld and forEachP wait on the system stack holding their P: sysmon sees that P's slice
            // go on and asks again each round, but the waiter is not what holds things up
            sink.add(id, () -> new Violation(id, Severity.INFO, tid, run.first.timeNs(),
                    List.of(run.first.ref(), run.last.ref(), waiting.ref()), String.format(Locale.ROOT,
                            "sysmon (thread %d) sent SIGURG to thread %d on %d consecutive rounds over %.1f ms (%d"
                                    + " delivered) while that thread itself waited %.1f ms for the world to stop or"
                                    + " for every P to pass a safe point: the wait holds its P, so its slice lasts"
                                    + " until the straggler stops (see STW_STRAGGLER)",
                            run.first.sender(), tid, run.requests, run.spanNs() / 1e6, run.delivered,
                            (waiting.endNs() - waiting.timeNs()) / 1e6)));
            return;
        }
        sink.add(id, () -> new Violation(id, id.severity(),
                tid, run.first.timeNs(), List.of(run.first.ref(), run.last.ref()), String.format(Locale.ROOT,
                        "sysmon (thread %d) sent SIGURG to thread %d on %d consecutive rounds over %.1f ms (%d"
                                + " delivered) and the time slice never ended: it ran at least %.1f ms, past the"
                                + " %.1f ms deadline; the goroutine was where async preemption is unsafe (assembly,"
                                + " runtime or nosplit code, locks held) or runnext kept handing the slice on",
                        run.first.sender(), tid, run.requests, run.spanNs() / 1e6, run.delivered,
                        sliceAtLeast / 1e6, deadline / 1e6)));
    }
}
