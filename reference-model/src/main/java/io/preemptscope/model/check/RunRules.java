package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.sysmon.SysmonConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long a thread ran user code unpreempted (preemption-model.md §1.9, §4.2).
 *
 * <p>The deadline depends on the slack a capture shows (tracing slows everything), which is known
 * only at the end; runs that could break the shortest possible deadline are kept until then. Each
 * kept run stands for at least forcePreemptNS of capture time, so they stay few.
 */
final class RunRules {
    private final ViolationSink sink;
    /**
     * The longest runs only, so memory stays bounded on any capture; a run that is not among the
     * longest this many cannot be flagged when these are not.
     */
    static final int MAX_CANDIDATES = 50_000;

    private final java.util.PriorityQueue<Observation.UserRun> candidates =
            new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Observation.UserRun::lengthNs));
    private final List<Observation.TimeSlice> slices = new ArrayList<>();

    RunRules(ViolationSink sink) {
        this.sink = sink;
    }

    void ran(Observation.UserRun r) {
        if (r.lengthNs() > SysmonConstants.FORCE_PREEMPT_NS) {
            candidates.add(r);
            if (candidates.size() > MAX_CANDIDATES) {
                candidates.poll();
            }
        }
    }

    /**
     * A trace's time slice that another goroutine waited behind for at least forcePreemptNS: one
     * that was runnable while every P was busy. A goroutine that was blocked or asleep, or that a
     * free P could have run, did not wait for this slice.
     */
    void slice(Observation.TimeSlice t) {
        if (t.lengthNs() > SysmonConstants.FORCE_PREEMPT_NS && t.othersWaitedNs() >= SysmonConstants.FORCE_PREEMPT_NS
                && slices.size() < MAX_CANDIDATES) {
            slices.add(t);
        }
    }

    /**
     * @param sysmonTid the sysmon thread, -1 when unknown: it holds no P, so a long run there is
     *     sysmon starved, which also explains late preemption elsewhere at that time
     * @param runsObservable false for a capture that filters syscalls: its gaps are not user runs
     */
    void finish(CheckerSettings settings, int sysmonTid, boolean runsObservable) {
        if (runsObservable) {
            long stallNs = SysmonConstants.MAX_DELAY_NS + settings.slackNs();
            // only runs past their limit can be flagged: just those are sorted, stably, so in the same order
            List<Observation.UserRun> runs = new ArrayList<>();
            for (Observation.UserRun r : candidates) {
                if (r.lengthNs() > (r.tid() == sysmonTid ? stallNs : settings.preemptDeadlineNs())) {
                    runs.add(r);
                }
            }
            runs.sort((a, b) -> Long.compare(a.timeNs(), b.timeNs()));
            List<Observation.UserRun> stalls = new ArrayList<>();
            for (Observation.UserRun r : runs) {
                if (r.tid() == sysmonTid && r.lengthNs() > stallNs) {
                    stalls.add(r);
                    sink.add(AnomalyId.SYSMON_STALL, () -> new Violation(AnomalyId.SYSMON_STALL,
                            AnomalyId.SYSMON_STALL.severity(), r.tid(),
                            r.timeNs(), List.of(r.ref()), String.format(Locale.ROOT,
                                    "sysmon (thread %d) made no syscall for %.1f ms: it was not running, so no"
                                            + " preemption could be requested meanwhile", r.tid(), r.lengthNs() / 1e6)));
                }
            }
            for (Observation.UserRun r : runs) {
                if (r.tid() != sysmonTid) {
                    judge(r, settings, stalls);
                }
            }
        }
        candidates.clear();
        for (Observation.TimeSlice t : slices) {
            judgeSlice(t, settings);
        }
        slices.clear();
    }

    /**
     * A slice past the deadline while another goroutine waited: the trace shows the time slice
     * itself (§1.9), not a thread's user run, so this is the precise form of both rules.
     */
    private void judgeSlice(Observation.TimeSlice t, CheckerSettings settings) {
        long deadline = settings.preemptDeadlineNs();
        if (t.lengthNs() <= deadline) {
            return;
        }
        String how = switch (t.end()) {
            case PREEMPTED_ASYNC -> "until an async preemption";
            case PREEMPTED_COOPERATIVE -> "until a cooperative preemption";
            case CAPTURE_END -> "until the trace ended";
            default -> "until it gave up the P itself";
        };
        AnomalyId id = settings.runtimeSendsSigurg() ? AnomalyId.PREEMPT_LATENCY_EXCEEDED : AnomalyId.COOP_STARVATION;
        sink.add(id, () -> new Violation(id, id.severity(), -1, t.timeNs(), List.of(t.ref()), String.format(Locale.ROOT,
                "goroutine %d ran %.1f ms on P%d %s while goroutine %d stood runnable for %.1f ms of it with every P"
                        + " running a goroutine; the deadline is %.1f ms",
                t.goroutine(), t.lengthNs() / 1e6, t.p(), how, t.waiter(), t.othersWaitedNs() / 1e6, deadline / 1e6),
                t.goroutine()));
    }

    private static Observation.UserRun overlapping(Observation.UserRun r, List<Observation.UserRun> stalls) {
        Observation.UserRun best = null;
        long most = 0;
        for (Observation.UserRun s : stalls) {
            if (s.timeNs() >= r.endNs()) {
                break; // the stalls are in time order: none from here on starts before the run ends
            }
            long overlap = overlapNs(r, s);
            if (overlap > most) {
                best = s;
                most = overlap;
            }
        }
        return best;
    }

    private static long overlapNs(Observation.UserRun a, Observation.UserRun b) {
        return Math.max(0, Math.min(a.endNs(), b.endNs()) - Math.max(a.timeNs(), b.timeNs()));
    }

    private void judge(Observation.UserRun r, CheckerSettings settings, List<Observation.UserRun> stalls) {
        long deadline = settings.preemptDeadlineNs();
        if (r.lengthNs() <= deadline) {
            return;
        }
        // strace cannot see goroutines switch on a thread: a cooperative switch needs no syscall, and
        // then sysmon rightly sends nothing. Only a hang or a run far past the deadline is one slice.
        boolean certain = r.stillRunning() || r.lengthNs() > FAR_PAST * deadline;
        if (!settings.runtimeSendsSigurg()) {
            String mode = settings.asyncpreemptoff() ? "asyncpreemptoff=1" : settings.profile().label();
            sink.add(AnomalyId.COOP_STARVATION, () -> new Violation(AnomalyId.COOP_STARVATION,
                    certain ? AnomalyId.COOP_STARVATION.severity() : Severity.INFO, r.tid(), r.timeNs(),
                    List.of(r.ref()), r.stillRunning() ? hang(r, mode, deadline) : certain
                            ? String.format(Locale.ROOT, "thread %d ran %.1f ms of user code without a syscall; with %s"
                                    + " only a function call can stop such a loop, so its P was held the whole time",
                            r.tid(), r.lengthNs() / 1e6, mode)
                            : String.format(Locale.ROOT, "thread %d ran %.1f ms of user code without a syscall, past"
                                    + " the %.1f ms deadline; %s", r.tid(), r.lengthNs() / 1e6, deadline / 1e6,
                            UNSEEN_SWITCHES)));
        } else if (r.sigurgSent() == 0) {
            sink.add(AnomalyId.PREEMPT_LATENCY_EXCEEDED, () -> unpreempted(r, deadline, overlapping(r, stalls),
                    certain));
        }
    }

    /** How many deadlines a run must last before strace alone can call it one time slice. */
    private static final int FAR_PAST = 3;
    private static final String UNSEEN_SWITCHES = "strace cannot tell whether one goroutine held the P all that"
            + " time or several took turns (a cooperative switch makes no syscall); a Go trace of the run"
            + " (capture --gotrace) shows the time slices themselves";

    /**
     * A run the capture saw no end of: the program was stuck in a loop that only async preemption
     * could have interrupted, until it was killed or the capture stopped.
     */
    private static String hang(Observation.UserRun r, String mode, long deadline) {
        return String.format(Locale.ROOT, "thread %d ran user code without a syscall for %.1f ms and was still running"
                        + " when %s: a hang. With %s nothing preempts a loop without function calls, so it held its P"
                        + " (and every goroutine waiting for that P) the whole time; async preemption (Go 1.14+,"
                        + " without asyncpreemptoff=1) would have stopped it within %.1f ms",
                r.tid(), r.lengthNs() / 1e6, r.cutShortBy(), mode, deadline / 1e6);
    }

    /** @param stall the sysmon stall that overlaps the run most, or null */
    private static Violation unpreempted(Observation.UserRun r, long deadline, Observation.UserRun stall,
            boolean certain) {
        if (!certain && stall == null) {
            return new Violation(AnomalyId.PREEMPT_LATENCY_EXCEEDED, Severity.INFO, r.tid(), r.timeNs(),
                    List.of(r.ref()), String.format(Locale.ROOT, "thread %d ran %.1f ms of user code, past the %.1f ms"
                            + " deadline, and no SIGURG was sent to it; %s, and sysmon sends none while goroutines"
                            + " switch", r.tid(), r.lengthNs() / 1e6, deadline / 1e6, UNSEEN_SWITCHES));
        }
        return new Violation(AnomalyId.PREEMPT_LATENCY_EXCEEDED, AnomalyId.PREEMPT_LATENCY_EXCEEDED.severity(),
                r.tid(), r.timeNs(), stall == null ? List.of(r.ref()) : List.of(r.ref(), stall.ref()),
                String.format(Locale.ROOT, "thread %d ran %.1f ms of user code%s and no SIGURG was sent to it;"
                                + " sysmon should have asked for preemption within %.1f ms%s",
                        r.tid(), r.lengthNs() / 1e6,
                        r.stillRunning() ? " (still running when " + r.cutShortBy() + ")" : "", deadline / 1e6,
                        stall == null ? "" : String.format(Locale.ROOT,
                                " (sysmon itself was stalled %.1f ms of that time)", overlapNs(r, stall) / 1e6)));
    }
}
