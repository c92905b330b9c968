package io.preemptscope.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed's experiment: the baseline behaves like Go 1.13 (no SIGURG; a call-free loop holds its
 * P and starves others, or the program hangs) and the candidate has working async preemption
 * (SIGURG sent and delivered, slices ended by it, latency within the model's band, nobody starved).
 * Each condition is its own check, so a pair that cannot pass says exactly which one and why.
 */
final class Go114PreemptionChecks extends CheckSet {
    /** A loop that held its P: starvation the model proves from the capture. */
    static final String[] STARVATION = {"COOP_STARVATION", "STW_STRAGGLER", "SIGURG_DELIVERED_NO_PREEMPT"};
    private static final String NO_PREEMPT = "SIGURG_DELIVERED_NO_PREEMPT";

    @Override
    public String name() {
        return GO114_PREEMPTION;
    }

    @Override
    List<CheckResult> evaluate(SideFigures b, SideFigures c, Tolerances tolerances) {
        List<CheckResult> out = new ArrayList<>();
        out.add(baselineNoSigurg(b));
        out.add(baselineStarved(b));
        out.add(candidateSent(c));
        out.add(candidateDelivered(c));
        out.add(candidateAsync(c));
        out.add(candidateLatency(c));
        out.add(candidateNotStarved(c));
        return out;
    }

    private static CheckResult baselineNoSigurg(SideFigures b) {
        String name = "baseline-no-sigurg";
        if (!b.strace()) {
            // a Go trace records no signals; an async preemption is a SIGURG that arrived
            return CheckResult.of(name, b.asyncPreemptions() + " async preemptions", "-",
                    b.asyncPreemptions() == 0 ? Verdict.PASS : Verdict.FAIL,
                    b.asyncPreemptions() == 0
                            ? "the baseline's Go trace shows no async preemption, so no SIGURG preempted anything, as under Go 1.13"
                            : "the baseline's Go trace shows " + b.asyncPreemptions()
                                    + " async preemptions, each begun by a SIGURG: it is not Go 1.13 behaviour");
        }
        return CheckResult.of(name, b.sigurgSent() + " sent", "-", b.sigurgSent() == 0 ? Verdict.PASS : Verdict.FAIL,
                b.sigurgSent() == 0 ? "the baseline sent no SIGURG, as Go 1.13 (or asyncpreemptoff=1) does"
                        : "the baseline sent " + b.sigurgSent() + " SIGURG: async preemption was on, not Go 1.13 behaviour");
    }

    private static CheckResult baselineStarved(SideFigures b) {
        long starved = b.warningsOf(STARVATION);
        String value = b.hung() ? "hung" : starved > 0 ? "longest run " + Format.ms(b.longestRunMs()) : "none";
        if (b.hung()) {
            return CheckResult.of("baseline-starved", value, "-", Verdict.PASS,
                    "the baseline did not end and was stopped: a loop without calls held its P, which only async"
                            + " preemption could have taken back");
        }
        if (starved > 0) {
            return CheckResult.of("baseline-starved", value, "-", Verdict.PASS, String.format(Locale.ROOT,
                    "a call-free loop held a P in the baseline (%s): Go 1.13 behaviour", ids(b, STARVATION)));
        }
        if (!b.strace() && b.asyncOffOnEvidence()) {
            return CheckResult.of("baseline-starved", "a slice past the deadline", "-", Verdict.PASS,
                    "a time slice in the baseline's Go trace ran past the deadline and ended without async preemption:"
                            + " Go 1.13 behaviour, though no other goroutine was waiting for that P");
        }
        return CheckResult.of("baseline-starved", value, "-", Verdict.FAIL,
                "the baseline shows no starvation and no hang: nothing held a P long enough for async preemption to matter,"
                        + " so the pair shows nothing about it");
    }

    private static CheckResult candidateSent(SideFigures c) {
        String name = "candidate-sigurg-sent";
        if (!c.strace()) {
            return fromTrace(name, c, "sent");
        }
        return CheckResult.of(name, "-", c.sigurgSent() + " sent", c.sigurgSent() > 0 ? Verdict.PASS : Verdict.FAIL,
                c.sigurgSent() > 0 ? "the candidate's runtime sent " + c.sigurgSent() + " SIGURG to preempt"
                        : "the candidate sent no SIGURG: async preemption is off or never needed");
    }

    private static CheckResult candidateDelivered(SideFigures c) {
        String name = "candidate-sigurg-delivered";
        if (!c.strace()) {
            return fromTrace(name, c, "delivered");
        }
        boolean ok = c.sigurgDelivered() > 0;
        return CheckResult.of(name, "-", c.sigurgDelivered() + " delivered", ok ? Verdict.PASS : Verdict.FAIL,
                ok ? c.sigurgDelivered() + " of " + c.sigurgSent() + " SIGURG reached their thread"
                        : "no SIGURG reached a thread of the candidate");
    }

    private static CheckResult fromTrace(String name, SideFigures c, String what) {
        boolean ok = c.asyncPreemptions() > 0;
        return CheckResult.of(name, "-", c.asyncPreemptions() + " async preemptions", ok ? Verdict.PASS : Verdict.FAIL,
                ok ? "a Go trace records no signals, but each of its " + c.asyncPreemptions()
                        + " async preemptions began with a SIGURG " + what
                        : "the candidate's Go trace shows no async preemption, so no SIGURG was " + what);
    }

    private static CheckResult candidateAsync(SideFigures c) {
        long ranOn = c.warnings().getOrDefault(NO_PREEMPT, 0L);
        String value = c.asyncPreemptions() + (ranOn > 0 ? " (slice ran on)" : "");
        if (c.asyncPreemptions() == 0) {
            return CheckResult.of("candidate-async-preemptions", "-", value, Verdict.FAIL,
                    "no time slice of the candidate ended by async preemption");
        }
        if (ranOn > 0) {
            return CheckResult.of("candidate-async-preemptions", "-", value, Verdict.FAIL,
                    "SIGURG reached the spinning thread on every sysmon round and the slice never ended"
                            + " (SIGURG_DELIVERED_NO_PREEMPT): the loop runs where async preemption is unsafe, e.g."
                            + " an assembly function without safe points, which no Go release can preempt; the"
                            + " signals are sent and delivered, the preemption cannot happen");
        }
        return CheckResult.of("candidate-async-preemptions", "-", value, Verdict.PASS,
                c.strace() && c.asyncPreemptions() > 0 && c.cooperativePreemptions() == 0
                        ? c.asyncPreemptions() + " SIGURG interrupted user code and no slice ran on past them"
                        : c.asyncPreemptions() + " time slices ended by async preemption");
    }

    private static CheckResult candidateLatency(SideFigures c) {
        String name = "candidate-latency-in-band";
        String band = "≤ " + Format.ms(c.deadlineMs()) + " p50";
        if (c.latencyP50Ms() == null || c.latencyCount() < LatencyTest.MIN_SAMPLES) {
            return new CheckResult(name, "-", c.latencyCount() + " samples", band, Verdict.INCONCLUSIVE,
                    "fewer than " + LatencyTest.MIN_SAMPLES + " preemption latencies measured: inconclusive", null);
        }
        boolean ok = c.latencyP50Ms() <= c.deadlineMs();
        return new CheckResult(name, "-", "p50 " + Format.ms(c.latencyP50Ms()), band, ok ? Verdict.PASS : Verdict.FAIL,
                String.format(Locale.ROOT, "median %s %s over %d %s %s the model's deadline"
                        + " of %s (forcePreemptNS + 2 rounds of sysmon, calibrated to this capture)",
                        // from strace the value is the run since the last syscall, not a time slice
                        c.strace() ? "user-space run at each SIGURG" : "preempted time slice",
                        Format.ms(c.latencyP50Ms()), c.latencyCount(), c.strace() ? "SIGURGs" : "preemptions",
                        ok ? "is within" : "exceeds", Format.ms(c.deadlineMs())), null);
    }

    private static CheckResult candidateNotStarved(SideFigures c) {
        long starved = c.warningsOf(STARVATION);
        // between two SIGURG that changed nothing the strace run length restarts; the finding knows better
        String value = c.hung() ? "hung" : starved > 0 ? ids(c, STARVATION) : "longest run " + Format.ms(c.longestRunMs());
        if (c.hung()) {
            return CheckResult.of("candidate-no-starvation", "-", value, Verdict.FAIL,
                    "the candidate did not end and was stopped");
        }
        if (starved > 0) {
            return CheckResult.of("candidate-no-starvation", "-", value, Verdict.FAIL,
                    "a loop held its P in the candidate despite async preemption (" + ids(c, STARVATION) + ")");
        }
        if (!c.strace() && c.asyncOffOnEvidence()) {
            return CheckResult.of("candidate-no-starvation", "-", "a slice past the deadline", Verdict.FAIL,
                    "a time slice in the candidate's Go trace ran past the deadline and ended without async"
                            + " preemption: a goroutine kept its P as under Go 1.13");
        }
        return CheckResult.of("candidate-no-starvation", "-", value, Verdict.PASS,
                "no goroutine held a P past the deadline in the candidate");
    }

    private static String ids(SideFigures s, String... ids) {
        List<String> parts = new ArrayList<>();
        for (String id : ids) {
            long n = s.warnings().getOrDefault(id, 0L);
            if (n > 0) {
                parts.add(id + " ×" + n);
            }
        }
        return String.join(", ", parts);
    }
}
