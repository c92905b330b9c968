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
     * @param stopWaits the stop-the-world waits past the straggler threshold
     */
    void finish(CheckerSettings settings, int sysmonTid, boolean runsObservable, List<StopRules.Wait> stopWaits) {
        if (runsObservable) {
            long stallNs = SysmonConstants.MAX_DELAY_NS + settings.slackNs();
            // only runs past their limit can be flagged: just those are sorted, stably, so in the same order
            List<Observation.UserRun> runs = new ArrayList<>();
            long longestEnded = 0;
            for (Observation.UserRun r : candidates) {
                if (r.tid() != sysmonTid && !r.stillRunning()) {
                    longestEnded = Math.max(longestEnded, r.lengthNs());
                }
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
            Evidence evidence = new Evidence(settings, stalls, stopWaits, longestEnded);
            for (Observation.UserRun r : runs) {
                if (r.tid() != sysmonTid) {
                    judge(r, settings, evidence);
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

    /**
     * What else the capture shows about a long run. strace sees no goroutine switch on a thread (a
     * cooperative switch makes no syscall), so a run long past the deadline may be many short time
     * slices. It is one slice only when something else shows it: the program never got past it
     * (a hang), or another thread waited for the world to stop while it ran.
     *
     * @param longestEnded the longest run outside sysmon that ended with a syscall: a busy program's
     *     normal stretch of work, which a run cut short by the end of the capture must exceed to be a hang
     */
    private record Evidence(CheckerSettings settings, List<Observation.UserRun> stalls,
            List<StopRules.Wait> stopWaits, long longestEnded) {

        boolean hang(Observation.UserRun r) {
            return r.stillRunning() && r.lengthNs() > HANG_DEADLINES * settings.preemptDeadlineNs()
                    && r.lengthNs() > longestEnded;
        }

        /** Judged by the time on a CPU when the capture shows it: turn-taking goroutines also wait for the CPU. */
        boolean farPast(Observation.UserRun r) {
            return r.busyNs() > FAR_PAST_DEADLINES * settings.preemptDeadlineNs();
        }

        /**
         * A stop of the world that another thread waited for and that ended as this run did: the
         * goroutine on this thread kept its P past the stop request, so the run was one time slice.
         * Both ends get the tolerance of one loop step and the capture's slack, since strace stamps
         * a run's start at the previous syscall's return.
         */
        StopRules.Wait heldUpStop(Observation.UserRun r) {
            long tolerance = StopRules.LOOP_STEP_NS + 2 * settings.slackNs();
            for (StopRules.Wait w : stopWaits) {
                boolean endedTogether = w.ended() ? Math.abs(r.endNs() - w.endNs()) <= tolerance
                        : r.stillRunning() && r.endNs() >= w.endNs() - tolerance;
                if (w.tid() != r.tid() && r.timeNs() <= w.timeNs() + tolerance && endedTogether) {
                    return w;
                }
            }
            return null;
        }

        /** The sysmon stall that overlaps the run most, or null. */
        Observation.UserRun stall(Observation.UserRun r) {
            Observation.UserRun best = null;
            long most = 0;
            for (Observation.UserRun s : stalls) {
                if (s.timeNs() >= r.endNs()) {
                    break; // the stalls are in time order: none from here on starts before the run ends
                }
                long overlap = overlapNs(r.timeNs(), r.endNs(), s.timeNs(), s.endNs());
                if (overlap > most) {
                    best = s;
                    most = overlap;
                }
            }
            return best;
        }
    }

    private static long overlapNs(long aStart, long aEnd, long bStart, long bEnd) {
        return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
    }

    private void judge(Observation.UserRun r, CheckerSettings settings, Evidence evidence) {
        long deadline = settings.preemptDeadlineNs();
        if (r.lengthNs() <= deadline) {
            return;
        }
        if (!settings.runtimeSendsSigurg()) {
            sink.add(AnomalyId.COOP_STARVATION, () -> starved(r, settings, evidence));
        } else if (r.sigurgSent() == 0) {
            sink.add(AnomalyId.PREEMPT_LATENCY_EXCEEDED, () -> unpreempted(r, deadline, evidence));
        }
    }

    /** How many deadlines a run cut short by the capture's end must last before it reads as a hang. */
    private static final int HANG_DEADLINES = 3;
    /**
     * How many deadlines a run without a syscall must last before strace alone calls it one slice.
     * Busy real programs (gojq, fzf under asyncpreemptoff=1) run up to 6 deadlines between syscalls
     * while their goroutines take turns; a call-free loop runs until it is done.
     */
    private static final int FAR_PAST_DEADLINES = 10;
    private static final String UNSEEN_SWITCHES = "a syscall capture (strace, perf) cannot tell whether one"
            + " goroutine held the P all that time or several took turns (a cooperative switch makes no syscall), and no other thread showed"
            + " a wait for it; a Go trace of the run (capture --gotrace) shows the time slices themselves";

    private static Violation starved(Observation.UserRun r, CheckerSettings settings, Evidence evidence) {
        String mode = settings.asyncpreemptoff() ? "asyncpreemptoff=1" : settings.profile().label();
        long deadline = settings.preemptDeadlineNs();
        if (evidence.hang(r)) {
            return new Violation(AnomalyId.COOP_STARVATION, AnomalyId.COOP_STARVATION.severity(), r.tid(), r.timeNs(),
                    List.of(r.ref()), hang(r, mode, deadline));
        }
        StopRules.Wait stop = evidence.heldUpStop(r);
        if (stop != null) {
            return new Violation(AnomalyId.COOP_STARVATION, AnomalyId.COOP_STARVATION.severity(), r.tid(), r.timeNs(),
                    List.of(r.ref(), stop.ref()), String.format(Locale.ROOT, "thread %d ran %.1f ms of user code"
                                    + " without a syscall%s while thread %d waited %.1f ms for the world to stop or a safe point: its"
                                    + " goroutine kept its P past the stop request, and with %s only a function call"
                                    + " lets it stop",
                            r.tid(), r.lengthNs() / 1e6, cutShort(r), stop.tid(), stop.lengthNs() / 1e6, mode));
        }
        if (evidence.farPast(r)) {
            return new Violation(AnomalyId.COOP_STARVATION, AnomalyId.COOP_STARVATION.severity(), r.tid(), r.timeNs(),
                    List.of(r.ref()), String.format(Locale.ROOT, "thread %d ran %.1f ms of user code without a syscall%s,"
                                    + "%s %.0f times the %.1f ms deadline: goroutines taking turns make a syscall well"
                                    + " within that, so one goroutine most likely held its P, and with %s only a"
                                    + " function call can stop such a loop. A syscall capture (strace, perf) does not"
                                    + " show who waited for that P; a Go trace (capture --gotrace) does",
                            r.tid(), r.lengthNs() / 1e6, cutShort(r), r.onCpuNs() < 0 ? ""
                                    : String.format(Locale.ROOT, " on a CPU %.1f ms of it,", r.onCpuNs() / 1e6),
                            Math.floor((double) r.busyNs() / deadline), deadline / 1e6, mode));
        }
        return new Violation(AnomalyId.COOP_STARVATION, Severity.INFO, r.tid(), r.timeNs(), List.of(r.ref()),
                String.format(Locale.ROOT, "thread %d ran %.1f ms of user code without a syscall%s, past the %.1f ms"
                        + " deadline; %s", r.tid(), r.lengthNs() / 1e6, cutShort(r), deadline / 1e6, UNSEEN_SWITCHES));
    }

    private static String cutShort(Observation.UserRun r) {
        return r.stillRunning() ? " (still running when " + r.cutShortBy() + ")" : "";
    }

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

    private static Violation unpreempted(Observation.UserRun r, long deadline, Evidence evidence) {
        Observation.UserRun stall = evidence.stall(r);
        String stalled = stall == null ? "" : String.format(Locale.ROOT,
                " (sysmon itself was stalled %.1f ms of that time)",
                overlapNs(r.timeNs(), r.endNs(), stall.timeNs(), stall.endNs()) / 1e6);
        boolean hang = evidence.hang(r);
        StopRules.Wait stop = hang ? null : evidence.heldUpStop(r);
        if (!hang && stop == null && !evidence.farPast(r)) {
            return new Violation(AnomalyId.PREEMPT_LATENCY_EXCEEDED, Severity.INFO, r.tid(), r.timeNs(),
                    stall == null ? List.of(r.ref()) : List.of(r.ref(), stall.ref()), String.format(Locale.ROOT,
                            "thread %d ran %.1f ms of user code%s, past the %.1f ms deadline, and no SIGURG was sent"
                                    + " to it%s; sysmon sends none while goroutines switch or the thread is off the"
                                    + " CPU, and %s", r.tid(), r.lengthNs() / 1e6, cutShort(r), deadline / 1e6,
                            stalled, UNSEEN_SWITCHES));
        }
        List<Long> refs = new ArrayList<>(List.of(r.ref()));
        if (stop != null) {
            refs.add(stop.ref());
        }
        if (stall != null) {
            refs.add(stall.ref());
        }
        return new Violation(AnomalyId.PREEMPT_LATENCY_EXCEEDED, AnomalyId.PREEMPT_LATENCY_EXCEEDED.severity(),
                r.tid(), r.timeNs(), List.copyOf(refs),
                String.format(Locale.ROOT, "thread %d ran %.1f ms of user code%s and no SIGURG was sent to it%s;"
                                + " sysmon should have asked for preemption within %.1f ms%s",
                        r.tid(), r.lengthNs() / 1e6, hang ? " (still running when " + r.cutShortBy() + ": a hang)"
                                : cutShort(r),
                        stop == null ? "" : String.format(Locale.ROOT,
                                " while thread %d waited %.1f ms for the world to stop or a safe point", stop.tid(),
                                stop.lengthNs() / 1e6),
                        deadline / 1e6, stalled));
    }
}
