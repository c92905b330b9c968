package io.preemptscope.analysis;

import io.preemptscope.analysis.input.BadInputException;
import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.analysis.input.DecodedTrace;
import io.preemptscope.analysis.input.StraceStream;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.check.Checker;
import io.preemptscope.model.check.CheckerSettings;
import io.preemptscope.model.check.Violation;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.strace.event.StraceEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass of a run's captures through the checker: the Go traces, then the strace events as they
 * stream. It keeps what the rules and the measurements need, and what the captures showed about
 * async preemption.
 */
final class RunReplay {
    private final EvidenceRefs refs = new EvidenceRefs();
    private final ReplayMetrics metrics = new ReplayMetrics();
    private final TraceMetrics traceMetrics = new TraceMetrics();
    private final ComparisonFigures comparison = new ComparisonFigures();
    private final Checker checker;
    private final StraceReplay strace;
    private boolean traceShowsAsync;
    private boolean straceReplayed;
    private boolean tracesReplayed;
    private CaptureSeries series;
    /** The first Go trace's marks and name, joined with the strace capture at the end. */
    private io.preemptscope.analysis.join.TraceMarks traceMarks;
    private String traceName;
    private io.preemptscope.analysis.join.StraceMarks straceMarks;
    private io.preemptscope.analysis.join.JoinMetrics join;
    private boolean joined;
    private java.util.function.Consumer<StraceEvent> tap;
    /** What a perf capture shows of the kernel, when the events come from one; else null. */
    private io.preemptscope.analysis.kernel.KernelView kernel;

    /**
     * @param settings what the checker assumes while it observes; every rule that depends on
     *     async preemption decides only at {@link #finish}, with the settings the evidence settles on
     */
    RunReplay(CheckerSettings settings) {
        checker = new Checker(settings);
        strace = new StraceReplay(this::observe, refs, metrics);
    }

    /** Also feeds the HTML report's aggregates. */
    void series(CaptureSeries s) {
        series = s;
        strace.series(s);
    }

    void trace(DecodedTrace t) throws BadInputException {
        tracesReplayed = true;
        try {
            GoTraceReplay.replay(t.name(), t.trace(), refs, this::observe, traceMetrics, series);
        } catch (GoTraceFormatException e) {
            throw BadInputException.of(t.name(), e);
        }
        traceShowsAsync |= t.trace().asyncPreemptions() > 0;
        if (traceMarks == null) {
            try {
                traceMarks = io.preemptscope.analysis.join.TraceMarks.of(t.trace());
            } catch (GoTraceFormatException e) {
                throw BadInputException.of(t.name(), e);
            }
            traceName = t.name();
            straceMarks = new io.preemptscope.analysis.join.StraceMarks();
            strace.marks(straceMarks);
        }
    }

    /** The strace capture joined with the first Go trace; null unless both were replayed. */
    io.preemptscope.analysis.join.JoinMetrics join() {
        if (!joined) {
            joined = true;
            if (traceMarks != null && straceReplayed) {
                join = io.preemptscope.analysis.join.CaptureJoin.join(traceMarks, straceMarks, strace.sysmonTid(),
                        ref -> refs.evidence(ref).toString(), traceName);
                if (kernel != null && join.clockOffsetNs() != null) {
                    join = join.withOnCpuChecks(onCpuChecks(join));
                }
            }
        }
        return join;
    }

    /**
     * perf knows when each thread was on a CPU: each mapped M's run slices, on perf's clock, should
     * fall in its thread's stretches on a CPU (their midpoints, so the offset's uncertainty matters little).
     */
    private List<io.preemptscope.analysis.join.OnCpuCheck> onCpuChecks(io.preemptscope.analysis.join.JoinMetrics j) {
        List<io.preemptscope.analysis.join.OnCpuCheck> checks = new java.util.ArrayList<>();
        for (io.preemptscope.analysis.join.ThreadMapping t : j.threadMap()) {
            long[] bounds = traceMarks.sliceBounds(t.m());
            int on = 0;
            int switchedOut = 0;
            io.preemptscope.analysis.join.Delays.Recorder off = new io.preemptscope.analysis.join.Delays.Recorder();
            for (int i = 0; i < bounds.length; i += 2) {
                long from = bounds[i] + j.clockOffsetNs();
                long to = bounds[i + 1] + j.clockOffsetNs();
                if (kernel.onCpuAt(t.tid(), from + (to - from) / 2)) {
                    on++;
                }
                long offCpu = (to - from) - kernel.onCpuNs(t.tid(), from, to);
                off.record(offCpu);
                // a few µs at either end is the offset's uncertainty, not a switch-out
                if (offCpu > Math.max(j.clockOffsetUncertaintyNs(), 0) * 2 + 10_000) {
                    switchedOut++;
                }
            }
            checks.add(new io.preemptscope.analysis.join.OnCpuCheck(t.m(), t.tid(), bounds.length / 2, on,
                    switchedOut, off.delays()));
        }
        return checks;
    }

    /** The name of the Go trace the strace capture is joined with. */
    String joinedTrace() {
        return traceName;
    }

    /** The capture recorded only the preemption calls: its gaps between syscalls are not user runs. */
    void subsetRecorded() {
        metrics.subsetRecorded();
    }

    /** The events come from a perf capture, which also showed the kernel's scheduling. */
    void kernel(io.preemptscope.analysis.kernel.KernelView view) {
        kernel = view;
        metrics.basis(ReplayMetrics.PERF_BASIS);
        strace.perfCapture(view);
    }

    /** Also hands every strace event to {@code tap} as it is replayed (the timeline). */
    void tap(java.util.function.Consumer<StraceEvent> tap) {
        this.tap = tap;
    }

    /** Replays every strace event, calling {@code onEvent} after each (progress). */
    void strace(StraceStream events, Runnable onEvent) throws BadInputException {
        straceReplayed = true;
        for (StraceEvent e = events.next(); e != null; e = events.next()) {
            strace.accept(e);
            if (tap != null) {
                tap.accept(e);
            }
            onEvent.run();
        }
        strace.finish();
    }

    /** strace's long user runs (tid:start -> end), which the join can check against the trace's time slices. */
    private final Map<String, Long> longRuns = new java.util.HashMap<>();

    private void observe(io.preemptscope.model.check.Observation o) {
        if (traceMarks != null && o instanceof io.preemptscope.model.check.Observation.UserRun run) {
            longRuns.put(run.tid() + ":" + run.timeNs(), run.endNs());
        }
        comparison.observe(o);
        checker.observe(o);
    }

    /** The latencies behind {@code metrics}, sampled for comparing runs. */
    LatencySamples samples(AnalysisMetrics reported) {
        boolean straceLatency = straceReplayed && !traceMetrics.present() && reported.preemptLatencyMs().count() > 0;
        return comparison.samples(straceLatency ? metrics.latencySamples.sample() : null, traceMetrics.present(),
                straceReplayed && metrics.startNs() != null);
    }

    /** The process sent itself SIGURG (tgkill). */
    boolean runtimeSentSigurg() {
        return metrics.runtimeSentSigurg();
    }

    /**
     * Whether the captures show a Go runtime at all: a Go trace, or in strace sysmon's sleeps, Go's
     * SIGURG handler or SIGURG sent to itself.
     */
    boolean goRuntimeSeen() {
        return tracesReplayed || metrics.runtimeSentSigurg() || (straceReplayed && strace.goRuntimeSeen());
    }

    /** A Go trace shows async preemptions. */
    boolean traceShowsAsync() {
        return traceShowsAsync;
    }

    /** The longest Go trace time slice of Go code that no async preemption ended, 0 without a trace. */
    long longestUnpreemptedTraceSliceNs() {
        return traceMetrics.longestUnpreemptedNs();
    }

    /** sysmon's slack per round as the capture's own sysmon sleeps show it, or the model's when they show less. */
    long observedSlackNs() {
        return Math.max(SysmonConstants.slackNs(), metrics.overshootP99Ns());
    }

    /** sysmon's largest delay seen, or the model's steady state when the capture shows none. */
    long observedSysmonDelayNs() {
        return metrics.maxSysmonDelayNs() > 0 ? metrics.maxSysmonDelayNs() : SysmonConstants.MAX_DELAY_NS;
    }

    /** The violations under the settings the evidence settled on, as findings with their evidence. */
    List<Finding> finish(CheckerSettings settled) {
        boolean runsObservable = !straceReplayed || metrics.runsObservable(strace.sysmonTid());
        return checker.finish(settled, runsObservable).stream().map(this::finding).map(this::withGoroutine)
                .map(f -> judgedByTrace(f, settled.preemptDeadlineNs()))
                .map(f -> judgedByKernel(f, settled.preemptDeadlineNs())).toList();
    }

    /** The strace forms of the starvation rules: a thread's run of user code without a syscall. */
    private static final java.util.Set<String> RUN_RULES = java.util.Set.of("COOP_STARVATION",
            "PREEMPT_LATENCY_EXCEEDED");

    /**
     * strace sees a thread run user code without a syscall; it cannot see the scheduler switch
     * goroutines on it, which takes none. Joined with a Go trace, a long run that the trace shows
     * as several time slices, each within the deadline, is no starvation: the trace's own rules
     * judge the slices (and flag one that is too long), so the strace finding becomes information.
     */
    private Finding judgedByTrace(Finding f, long deadlineNs) {
        io.preemptscope.analysis.join.JoinMetrics j = join();
        if (j == null || j.clockOffsetNs() == null || !RUN_RULES.contains(f.id()) || fromTrace(f.evidence())
                || f.severity() == io.preemptscope.model.anomaly.Severity.INFO || metrics.startNs() == null
                || j.clockOffsetUncertaintyNs() > deadlineNs / 4) {
            // an offset known to a quarter of the deadline cannot misplace a run that long
            return f;
        }
        long start = straceNs(f);
        Long end = longRuns.get(f.tid() + ":" + start);
        io.preemptscope.analysis.join.ThreadMapping m = mappingOf(j, f.tid());
        if (end == null || m == null) {
            return f;
        }
        var within = traceMarks.slicesWithin(m.m(), start - j.clockOffsetNs(), end - j.clockOffsetNs());
        if (within.count() < 2 || within.longestNs() > deadlineNs) {
            return f;
        }
        String message = f.message() + " — but the Go trace, joined, shows no single time slice: " + within.count()
                + " run slices of goroutines " + within.goroutines().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", "))
                + (within.goroutines().size() == 5 ? ", ..." : "") + " took turns on this thread (M " + m.m()
                + "), the longest " + Durations.ms(within.longestNs()) + " ms, within the "
                + Durations.ms(deadlineNs) + " ms deadline: the scheduler switched them without a syscall";
        return f.rejudged(io.preemptscope.model.anomaly.Severity.INFO, f.goroutine(), message);
    }

    /**
     * perf shows when the thread was on a CPU. A run that was long only because the kernel kept the
     * thread off any CPU for part of it, on a CPU no longer than the deadline, is not the Go
     * scheduler's doing: the finding becomes information, with the kernel's figures. Any long run
     * gets them.
     */
    private Finding judgedByKernel(Finding f, long deadlineNs) {
        if (kernel != null && f.id().equals(AnomalyId.SIGNAL_DELIVERY_LATENCY.name())) {
            return withDeliveryFacts(f);
        }
        if (kernel == null || !RUN_RULES.contains(f.id()) || fromTrace(f.evidence())) {
            return f;
        }
        io.preemptscope.analysis.kernel.KernelView.LongRun run = kernel.longRun(f.tid(), straceNs(f));
        if (run == null || metrics.subsetIsRecorded()) {
            return f;
        }
        String switchedOut = "switched out " + run.switchedOut() + (run.switchedOut() == 1 ? " time" : " times")
                + " (off any CPU " + Durations.ms(run.offCpuNs()) + " ms)";
        String facts = "perf: on a CPU " + Durations.ms(run.onCpuNs()) + " ms of the " + Durations.ms(run.endNs()
                - run.startNs()) + " ms, " + switchedOut;
        if (run.onCpuNs() <= deadlineNs && f.severity() != io.preemptscope.model.anomaly.Severity.INFO) {
            return f.rejudged(io.preemptscope.model.anomaly.Severity.INFO, f.goroutine(), f.message() + " — but " + facts
                    + ": within the " + Durations.ms(deadlineNs) + " ms deadline on a CPU; the kernel, not the Go"
                    + " scheduler, made the run long");
        }
        // the rules judged the run by its time on a CPU, and said it, when they had it
        boolean saidOnCpu = f.message().contains(" on a CPU ");
        return f.rejudged(f.severity(), f.goroutine(), f.message() + "; " + (saidOnCpu ? "perf: " + switchedOut : facts));
    }

    /**
     * A late SIGURG delivery, with what perf saw of its target when the signal was generated. Off
     * any CPU: the model's reading (descheduled) is what perf shows. On a CPU and never switched
     * out until the delivery: the signal waited in the kernel, for the thread's return to user
     * space (a page fault, another long kernel path), which no syscall capture shows.
     */
    private Finding withDeliveryFacts(Finding f) {
        io.preemptscope.analysis.kernel.KernelView.LateDelivery d = kernel.lateDelivery(f.tid(), straceNs(f));
        if (d == null || d.targetOnCpu() == null) {
            return f;
        }
        if (d.targetOnCpu() && d.switchedInNs() < 0) {
            String message = f.message();
            int because = message.indexOf(": the target was off the CPU");
            return f.rejudged(f.severity(), f.goroutine(), (because < 0 ? message : message.substring(0, because))
                    + ": perf shows the target on a CPU from the signal's generation to its delivery, so it waited in"
                    + " the kernel for the thread's return to user space (a page fault or another long kernel path)");
        }
        String facts = d.targetOnCpu() ? "perf: it was on a CPU when the kernel generated the signal, and was"
                + " switched out before the delivery"
                : "perf: it was off any CPU when the kernel generated the signal" + (d.switchedInNs() < 0 ? ""
                        : " and was switched in " + Durations.ms(d.switchedInNs() - d.generatedNs()) + " ms later");
        return f.rejudged(f.severity(), f.goroutine(), f.message() + "; " + facts);
    }

    /**
     * A strace finding on a thread the join maps to an M gets the goroutine the Go trace shows on
     * that thread at that time: strace names threads, the trace names goroutines.
     */
    private Finding withGoroutine(Finding f) {
        io.preemptscope.analysis.join.JoinMetrics j = join();
        if (j == null || j.clockOffsetNs() == null || f.goroutine() != null || f.tid() < 0 || fromTrace(f.evidence())
                || metrics.startNs() == null) {
            return f;
        }
        io.preemptscope.analysis.join.ThreadMapping t = mappingOf(j, f.tid());
        var on = t == null ? null : traceMarks.goroutineAt(t.m(), straceNs(f) - j.clockOffsetNs());
        if (on == null) {
            return f;
        }
        String message = f.message() + "; the Go trace shows goroutine " + on.g()
                + (on.running() ? " running" : " the last to run") + " on this thread (M " + t.m() + ") then";
        return f.rejudged(f.severity(), on.g(), message);
    }

    /** The M the join maps to kernel thread {@code tid}, or null. */
    private static io.preemptscope.analysis.join.ThreadMapping mappingOf(io.preemptscope.analysis.join.JoinMetrics j,
            int tid) {
        return j.threadMap().stream().filter(t -> t.tid() == tid).findFirst().orElse(null);
    }

    /** A strace finding's time as the replay's nanoseconds: its seconds are those exactly. */
    private static long straceNs(Finding f) {
        return f.ts().movePointRight(9).longValue();
    }

    private Finding finding(Violation v) {
        List<Evidence> evidence = v.refs().stream().map(refs::evidence).toList();
        boolean fromTrace = fromTrace(evidence);
        return new Finding(v.id().name(), v.severity(), v.tid(), v.goroutine(), seconds(v.timeNs()), evidence,
                v.id().rule() + " (" + v.id().modelDoc() + ")", v.message(), v.id().modelDoc(), v.id().sources(),
                CaptureTime.of(v.timeNs(), fromTrace, metrics.startNs(), strace.clockKind()),
                fromTrace ? Finding.GO_TRACE : kernel != null ? Finding.PERF : Finding.STRACE);
    }

    /** A Go trace's findings cite byte offsets; their times count from the trace's first event. */
    private static boolean fromTrace(List<Evidence> evidence) {
        return !evidence.isEmpty() && evidence.get(0).offset() != null;
    }

    private static BigDecimal seconds(long ns) {
        return BigDecimal.valueOf(ns, 9).stripTrailingZeros();
    }

    /** What the replay measured, with the findings {@link #finish} gave. */
    AnalysisMetrics metrics(List<Finding> findings, AnalysisMetrics.Calibration calibration) {
        long coalesced = findings.stream().filter(f -> AnomalyId.SIGURG_COALESCED.name().equals(f.id())).count();
        AnalysisMetrics m = metrics.result(coalesced, strace.sysmonTid(), calibration, false);
        if (traceMetrics.present()) {
            m = m.withTrace(traceMetrics.preemptions(), traceMetrics.latency(), traceMetrics.retakes());
        }
        if (join() != null) {
            m = m.withJoin(join());
        }
        if (kernel != null) {
            m = m.withKernel(kernel.metrics(!metrics.subsetIsRecorded()));
        }
        return straceReplayed ? m : m.withoutStrace();
    }

    /** How often each rule fired, by anomaly name in order. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        checker.counts().forEach((id, n) -> counts.put(id.name(), n));
        return counts;
    }
}
