package io.preemptscope.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Before/after: the candidate is not worse than the baseline. A latency difference fails only
 * when it is beyond the tolerance and a test on the samples says it is not noise; counts are
 * compared as rates per second of run time, since two runs never last exactly as long.
 */
final class NoRegressionChecks extends CheckSet {
    /** Below these a latency difference is jitter of one sysmon round, whatever the percentage. */
    private static final double P50_FLOOR_MS = 1;
    private static final double P99_FLOOR_MS = 2;
    private static final double DELIVERY_FLOOR_MS = 1;
    private static final double RATE_FLOOR_PER_S = 1;
    private static final double EINTR_FLOOR_PER_S = 0.5;
    /**
     * Runs up to this many deadlines long are what a loaded machine under strace shows of a
     * healthy program (a thread descheduled mid-slice); a loop that holds its P runs far longer.
     */
    private static final double STARVATION_DEADLINES = 3;
    /** Ids judged by a check of their own, with its tolerance, not by new-warnings. */
    private static final Set<String> OWN_CHECK = Set.of("SYSMON_STALL");
    /**
     * The runtime's own calls: it retries them on EINTR itself (futexsleep, netpoll, usleep), so
     * their EINTR never reaches program code and changes with timing alone.
     */
    static final Set<String> RUNTIME_RETRIED = Set.of("futex", "epoll_wait", "epoll_pwait", "nanosleep",
            "clock_nanosleep", "sched_yield", "rt_sigreturn");

    @Override
    public String name() {
        return NO_REGRESSION;
    }

    @Override
    List<CheckResult> evaluate(SideFigures b, SideFigures c, Tolerances t) {
        List<CheckResult> out = new ArrayList<>();
        out.add(latency("latency-p50", b.latencyP50Ms(), c.latencyP50Ms(), b, c, t.get("p50"), P50_FLOOR_MS, false));
        out.add(latency("latency-p99", b.latencyP99Ms(), c.latencyP99Ms(), b, c, t.get("p99"), P99_FLOOR_MS, true));
        out.add(longestRun(b, c, t.get("longest-run")));
        out.addAll(eintr(b, c, t.get("eintr")));
        out.add(sigurgRate(b, c, t.get("sigurg-rate")));
        out.add(delivery(b, c, t.get("delivery")));
        out.add(newWarnings(b, c));
        out.add(sysmonStalls(b, c, t.get("sysmon-stalls")));
        return out;
    }

    private static CheckResult latency(String name, Double base, Double cand, SideFigures b, SideFigures c,
            Tolerances.Tolerance tol, double floorMs, boolean tail) {
        if (base == null || cand == null) {
            String missing = cand == null && base == null ? "neither side" : cand == null ? "the candidate" : "the baseline";
            return new CheckResult(name, Format.ms(base), Format.ms(cand), "-", Verdict.INCONCLUSIVE,
                    missing + " shows a preemption latency to compare (no SIGURG interrupted user code, or no timed"
                            + " capture): inconclusive; see longest-run for starvation", null);
        }
        double allowed = Math.max(tol.allowed(base), floorMs);
        Statistic stat = LatencyTest.enough(b.latencyMs(), c.latencyMs())
                ? (tail ? LatencyTest.tail(b.latencyMs(), c.latencyMs()) : LatencyTest.shift(b.latencyMs(), c.latencyMs()))
                : null;
        String change = Format.change(base, cand);
        String limit = String.format(Locale.ROOT, "tolerance %s (at least %s)", tol, Format.ms(floorMs));
        if (cand - base <= allowed) {
            return new CheckResult(name, Format.ms(base), Format.ms(cand), change, Verdict.PASS,
                    String.format(Locale.ROOT, "within %s of the baseline", limit), stat);
        }
        if (stat == null) {
            return new CheckResult(name, Format.ms(base), Format.ms(cand), change, Verdict.INCONCLUSIVE,
                    String.format(Locale.ROOT, "larger by %s, beyond the %s, but with %d and %d samples (fewer than %d)"
                            + " no test can tell it from noise: inconclusive", Format.ms(cand - base), limit,
                            b.latencyMs().length, c.latencyMs().length, LatencyTest.MIN_SAMPLES), null);
        }
        boolean significant = stat.pValue() < LatencyTest.ALPHA;
        return new CheckResult(name, Format.ms(base), Format.ms(cand), change,
                significant ? Verdict.FAIL : Verdict.PASS,
                String.format(Locale.ROOT, "larger by %s, beyond the %s; %s p = %s (%s = %s), %s at %s",
                        Format.ms(cand - base), limit, stat.test(), Format.p(stat.pValue()), stat.effectName(),
                        Format.number(stat.effect()), significant ? "significant" : "not significant",
                        Format.number(LatencyTest.ALPHA)), stat);
    }

    private static CheckResult longestRun(SideFigures b, SideFigures c, Tolerances.Tolerance tol) {
        String base = b.hung() ? "hung" : Format.ms(b.longestRunMs());
        String cand = c.hung() ? "hung" : Format.ms(c.longestRunMs());
        String change = Format.change(b.longestRunMs(), c.longestRunMs());
        if (c.hung() && !b.hung()) {
            return new CheckResult("longest-run", base, cand, "-", Verdict.FAIL,
                    "the candidate did not end and was stopped; the baseline ended", null);
        }
        double limit = Math.max(STARVATION_DEADLINES * c.deadlineMs(), b.longestRunMs() + tol.allowed(b.longestRunMs()));
        boolean ok = c.longestRunMs() <= limit;
        return new CheckResult("longest-run", base, cand, change, ok ? Verdict.PASS : Verdict.FAIL, ok
                ? String.format(Locale.ROOT, "no starvation beyond %s (three deadlines, or the baseline's plus %s)",
                        Format.ms(limit), tol)
                : String.format(Locale.ROOT, "the candidate kept others from running for %s, beyond %s (the"
                        + " baseline's %s plus %s, and three %s deadlines): a loop that holds its P",
                        Format.ms(c.longestRunMs()), Format.ms(limit), Format.ms(b.longestRunMs()), tol,
                        Format.ms(c.deadlineMs())), null);
    }

    private static List<CheckResult> eintr(SideFigures b, SideFigures c, Tolerances.Tolerance tol) {
        if (!b.strace() || !c.strace() || b.durationS() <= 0 || c.durationS() <= 0) {
            return List.of(CheckResult.of("eintr", "-", "-", Verdict.INCONCLUSIVE,
                    "EINTR is measured from timed strace captures only; a side has none: inconclusive"));
        }
        Set<String> calls = new TreeSet<>(b.eintr().keySet());
        calls.addAll(c.eintr().keySet());
        calls.removeAll(RUNTIME_RETRIED);
        if (calls.isEmpty()) {
            return List.of(CheckResult.of("eintr", "0", "0", Verdict.PASS,
                    "no EINTR reached program code on either side (the runtime retries its own futex, epoll and"
                            + " sleep calls, which are not counted)"));
        }
        List<CheckResult> out = new ArrayList<>();
        for (String call : calls) {
            double br = b.eintr().getOrDefault(call, 0L) / b.durationS();
            double cr = c.eintr().getOrDefault(call, 0L) / c.durationS();
            double allowed = Math.max(tol.allowed(br), EINTR_FLOOR_PER_S);
            boolean ok = cr - br <= allowed;
            out.add(new CheckResult("eintr-" + call, rate(br), rate(cr), Format.change(br, cr),
                    ok ? Verdict.PASS : Verdict.FAIL, String.format(Locale.ROOT,
                            "EINTR from %s reaching the program: %s in the baseline, %s in the candidate (tolerance %s,"
                                    + " at least %s/s)", call, rate(br), rate(cr), tol, Format.number(EINTR_FLOOR_PER_S)),
                    null));
        }
        return out;
    }

    private static CheckResult sigurgRate(SideFigures b, SideFigures c, Tolerances.Tolerance tol) {
        Double br = b.sigurgRate();
        Double cr = c.sigurgRate();
        if (br == null || cr == null) {
            return CheckResult.of("sigurg-rate", br == null ? "-" : rate(br), cr == null ? "-" : rate(cr),
                    Verdict.INCONCLUSIVE, "SIGURG is counted from timed strace captures only; a side has none: inconclusive");
        }
        double allowed = Math.max(tol.allowed(br), RATE_FLOOR_PER_S);
        boolean ok = cr - br <= allowed;
        return new CheckResult("sigurg-rate", rate(br), rate(cr), Format.change(br, cr), ok ? Verdict.PASS : Verdict.FAIL,
                String.format(Locale.ROOT, "SIGURG sent per second of run time %s the baseline's plus %s (at least %s/s)",
                        ok ? "within" : "beyond", tol, Format.number(RATE_FLOOR_PER_S)), null);
    }

    private static CheckResult delivery(SideFigures b, SideFigures c, Tolerances.Tolerance tol) {
        Double base = SideFigures.percentile(b.deliveryMs(), 99);
        Double cand = SideFigures.percentile(c.deliveryMs(), 99);
        String name = "delivery-latency-p99";
        if (cand == null) {
            return new CheckResult(name, Format.ms(base), "-", "-", b.strace() && c.strace() ? Verdict.PASS
                    : Verdict.INCONCLUSIVE, b.strace() && c.strace() ? "the candidate delivered no SIGURG, so none late"
                    : "signal delivery is measured from timed strace captures only: inconclusive", null);
        }
        if (base == null) {
            return new CheckResult(name, "-", Format.ms(cand), "-", Verdict.INCONCLUSIVE,
                    "the baseline delivered no SIGURG to compare with: inconclusive", null);
        }
        double allowed = Math.max(tol.allowed(base), DELIVERY_FLOOR_MS);
        Statistic stat = LatencyTest.enough(b.deliveryMs(), c.deliveryMs()) ? LatencyTest.tail(b.deliveryMs(), c.deliveryMs())
                : null;
        if (cand - base <= allowed) {
            return new CheckResult(name, Format.ms(base), Format.ms(cand), Format.change(base, cand), Verdict.PASS,
                    String.format(Locale.ROOT, "SIGURG delivery p99 within %s (at least %s) of the baseline", tol,
                            Format.ms(DELIVERY_FLOOR_MS)), stat);
        }
        Verdict v = stat == null ? Verdict.INCONCLUSIVE : stat.pValue() < LatencyTest.ALPHA ? Verdict.FAIL : Verdict.PASS;
        return new CheckResult(name, Format.ms(base), Format.ms(cand), Format.change(base, cand), v,
                stat == null ? "SIGURG delivery p99 larger beyond the tolerance, but fewer than " + LatencyTest.MIN_SAMPLES
                        + " deliveries on a side: inconclusive"
                        : String.format(Locale.ROOT, "SIGURG delivery p99 larger by %s; %s p = %s (D = %s), %s",
                                Format.ms(cand - base), stat.test(), Format.p(stat.pValue()), Format.number(stat.effect()),
                                v == Verdict.FAIL ? "significant" : "not significant"), stat);
    }

    private static CheckResult newWarnings(SideFigures b, SideFigures c) {
        Set<String> fresh = new TreeSet<>(c.warnings().keySet());
        fresh.removeAll(b.warnings().keySet());
        fresh.removeAll(OWN_CHECK);
        if (ReleaseChanges.crossesTimerMove(b, c)) {
            fresh.removeAll(ReleaseChanges.TIMER_FINDINGS);
        }
        String base = String.join(" ", b.warnings().keySet());
        String cand = String.join(" ", c.warnings().keySet());
        return CheckResult.of("new-warnings", base.isEmpty() ? "none" : base, cand.isEmpty() ? "none" : cand,
                fresh.isEmpty() ? Verdict.PASS : Verdict.FAIL, fresh.isEmpty()
                        ? "no finding id at warning or above that the baseline did not have"
                        : "new at warning or above in the candidate: " + String.join(", ", fresh));
    }

    private static CheckResult sysmonStalls(SideFigures b, SideFigures c, Tolerances.Tolerance tol) {
        long base = b.findingCounts().getOrDefault("SYSMON_STALL", 0L);
        long cand = c.findingCounts().getOrDefault("SYSMON_STALL", 0L);
        String change = Format.change((double) base, (double) cand);
        if (ReleaseChanges.crossesTimerMove(b, c)) {
            return new CheckResult("sysmon-stalls", Long.toString(base), Long.toString(cand), change, Verdict.PASS,
                    "sysmon's sleeps changed with the release (Go 1.14 bounds its deep sleep by the next timer on a P):"
                            + " a release change, not a regression", null);
        }
        boolean ok = cand - base <= tol.allowed(base);
        return new CheckResult("sysmon-stalls", Long.toString(base), Long.toString(cand), change,
                ok ? Verdict.PASS : Verdict.FAIL, String.format(Locale.ROOT,
                        "SYSMON_STALL findings %s the baseline's plus %s", ok ? "within" : "beyond", tol), null);
    }

    private static String rate(double perSecond) {
        return Format.number(perSecond) + "/s";
    }
}
