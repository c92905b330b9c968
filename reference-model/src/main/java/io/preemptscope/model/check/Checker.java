package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replays observations against the model and says which rule each one breaks. Deterministic:
 * the same observations in the same order give the same violations.
 *
 * <p>Each concern is a rule set of its own; an observation goes to every rule set that handles it.
 */
public final class Checker {
    /** Violations kept per id: a capture of any size keeps memory bounded; the rest are counted. */
    public static final int DEFAULT_KEPT_PER_ID = 1000;

    private final List<Violation> found = new ArrayList<>();
    private final java.util.EnumMap<AnomalyId, long[]> counts =
            new java.util.EnumMap<>(AnomalyId.class);
    private final int keptPerId;
    private final SignalRules signals;
    private final InterruptRules interrupts;
    private final SysmonRules sysmon;
    private final RunRules runs;
    private final StopRules stops;
    private final SuspendRules suspends;
    private final ForwardRules forwards;
    private final SyscallTargetRules syscallTargets;
    private final FaultRules faults;
    private final RepreemptRules repreempts;
    private final CheckerSettings settings;

    public Checker(CheckerSettings settings) {
        this(settings, DEFAULT_KEPT_PER_ID);
    }

    /** @param keptPerId how many violations of one id to keep; all are counted */
    public Checker(CheckerSettings settings, int keptPerId) {
        this.settings = settings;
        this.keptPerId = keptPerId;
        ViolationSink sink = this::record;
        this.signals = new SignalRules(settings, sink);
        this.interrupts = new InterruptRules(settings, sink);
        this.sysmon = new SysmonRules(settings, sink);
        this.runs = new RunRules(sink);
        this.stops = new StopRules(settings, sink);
        this.suspends = new SuspendRules(sink);
        this.forwards = new ForwardRules(sink);
        this.syscallTargets = new SyscallTargetRules(sink);
        this.faults = new FaultRules(settings, sink);
        this.repreempts = new RepreemptRules(sink);
    }

    public void observe(Observation o) {
        // most observations are syscall entries and user runs: test for them first
        if (o instanceof Observation.SyscallEntered e) {
            signals.entered(e);
            interrupts.entered(e);
            syscallTargets.entered(e);
        } else if (o instanceof Observation.UserRun r) {
            runs.ran(r);
        } else if (o instanceof Observation.SignalSent s) {
            signals.sent(s);
            stops.sent(s);
            suspends.sent(s);
            repreempts.sent(s);
        } else if (o instanceof Observation.SignalDelivered d) {
            signals.delivered(d);
            interrupts.delivered(d);
            stops.delivered(d);
            suspends.delivered(d);
            forwards.delivered(d);
            syscallTargets.delivered(d);
            repreempts.delivered(d);
        } else if (o instanceof Observation.SignalReturned r) {
            signals.returned(r);
            interrupts.returned(r);
        } else if (o instanceof Observation.SyscallInterrupted i) {
            interrupts.interrupted(i);
            syscallTargets.interrupted(i);
        } else if (o instanceof Observation.HandlerInstalled h) {
            interrupts.installed(h);
        } else if (o instanceof Observation.SysmonSlept s) {
            sysmon.slept(s);
            repreempts.slept(s.tid());
        } else if (o instanceof Observation.SysmonDeepSlept d) {
            sysmon.deepSlept(d);
            repreempts.slept(d.tid());
        } else if (o instanceof Observation.TimeSlice t) {
            runs.slice(t);
        } else if (o instanceof Observation.ThreadExited x) {
            signals.exited(x);
            repreempts.exited(x);
        } else if (o instanceof Observation.NoteSleep n) {
            stops.slept(n);
        } else if (o instanceof Observation.WorldStopped w) {
            stops.stopped(w);
        } else if (o instanceof Observation.Yielded y) {
            suspends.yielded(y);
        } else if (o instanceof Observation.SignalSentOut s) {
            forwards.sentOut(s);
        } else if (o instanceof Observation.MemoryLockFailed m) {
            faults.mlockFailed(m);
        }
    }

    private void record(AnomalyId id, Supplier<Violation> violation) {
        long[] n = counts.computeIfAbsent(id, k -> new long[1]);
        if (n[0]++ < keptPerId) {
            Violation v = violation.get();
            if (v.id() != id) {
                throw new IllegalStateException("a rule announced " + id + " but made " + v.id());
            }
            found.add(v);
        }
    }

    /** How many violations of each id were found, kept or not. */
    public java.util.Map<AnomalyId, Long> counts() {
        java.util.Map<AnomalyId, Long> out =
                new java.util.EnumMap<>(AnomalyId.class);
        counts.forEach((id, n) -> out.put(id, n[0]));
        return out;
    }

    /** Ends the replay: rules that wait for something that never came decide now. */
    public List<Violation> finish() {
        return finish(settings);
    }

    /**
     * Ends the replay with thresholds calibrated from the whole capture (the slack of sysmon's
     * observed sleeps): the time rules that wait for the end use these.
     */
    public List<Violation> finish(CheckerSettings calibrated) {
        return finish(calibrated, true);
    }

    /**
     * As {@link #finish(CheckerSettings)}; runsObservable is false for a capture that traced only
     * some syscalls, where the gaps between them say nothing about how long code ran.
     */
    public List<Violation> finish(CheckerSettings calibrated, boolean runsObservable) {
        // the run rules take a stop that waited on a running thread as proof that its run was one slice
        List<StopRules.Wait> waits = stops.finish(calibrated, runsObservable);
        runs.finish(calibrated, sysmon.tid(), runsObservable, waits);
        interrupts.finish();
        signals.finish(calibrated);
        sysmon.finish();
        suspends.finish(calibrated, runsObservable);
        faults.finish();
        repreempts.finish(calibrated, waits);
        List<Violation> sorted = new ArrayList<>(found);
        // one plain comparison, not a chain of key extractors: this code runs once, mostly interpreted
        sorted.sort((a, b) -> a.timeNs() != b.timeNs() ? Long.compare(a.timeNs(), b.timeNs())
                : a.id().name().compareTo(b.id().name()));
        return sorted;
    }

    /** Checks a whole sequence at once. */
    public static List<Violation> check(CheckerSettings settings, Iterable<? extends Observation> observations) {
        Checker checker = new Checker(settings);
        for (Observation o : observations) {
            checker.observe(o);
        }
        return checker.finish();
    }
}
