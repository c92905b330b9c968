package io.preemptscope.analysis;

import io.preemptscope.analysis.input.BadInputException;
import io.preemptscope.analysis.input.CaptureInput;
import io.preemptscope.analysis.input.CaptureSet;
import io.preemptscope.analysis.input.DecodedTrace;
import io.preemptscope.analysis.input.StraceStream;
import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.check.CheckerSettings;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.TreeMap;
import java.util.Set;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Replays the captures of one run, strace logs and Go execution traces alike, against the
 * reference model: the traces first, then strace in one streaming pass.
 *
 * <p>Whether the runtime sends SIGURG at all (go1.13, or asyncpreemptoff=1) decides which rules
 * apply, and a capture often says so only by what it lacks. Unless the user or the capture bundle
 * fixed it, the rules that depend on it wait for the end of the captures, whose own evidence
 * settles it: the process sending itself SIGURG, or async preemptions in a trace, mean async
 * preemption was on.
 */
public final class CaptureAnalysis {
    private final AnalysisOptions options;

    public CaptureAnalysis(AnalysisOptions options) {
        this.options = options;
    }

    public AnalysisResult run(CaptureSet captures) throws BadInputException {
        return run(captures, () -> { });
    }

    /** As {@link #run(CaptureSet)}, calling {@code onEvent} after each strace event (progress). */
    public AnalysisResult run(CaptureSet captures, Runnable onEvent) throws BadInputException {
        return run(captures, onEvent, null);
    }

    /** As {@link #run(CaptureSet, Runnable)}, also filling {@code series}, the HTML report's aggregates, when not null. */
    public AnalysisResult run(CaptureSet captures, Runnable onEvent, CaptureSeries series) throws BadInputException {
        return run(captures, onEvent, series, null);
    }

    /** As {@link #run(CaptureSet, Runnable, CaptureSeries)}, also handing each strace event to {@code tap} when not null. */
    public AnalysisResult run(CaptureSet captures, Runnable onEvent, CaptureSeries series,
            java.util.function.Consumer<io.preemptscope.strace.event.StraceEvent> tap) throws BadInputException {
        Assumptions assumed = Assumptions.of(options, captures.recorded(), captures.buildInfo(),
                captures.traces().stream().map(t -> t.trace().versions()).toList());
        RunReplay replay = new RunReplay(settings(assumed, Boolean.TRUE.equals(assumed.asyncpreemptoff())).build());
        if (series != null) {
            replay.series(series);
        }
        if (tap != null) {
            replay.tap(tap);
        }
        for (DecodedTrace t : captures.traces()) {
            replay.trace(t);
        }
        Optional<StraceStream> strace = captures.strace();
        captures.kernel().ifPresent(replay::kernel);
        if (captures.recorded().isPresent() && !captures.recorded().get().everySyscall()) {
            replay.subsetRecorded();
        }
        if (strace.isPresent()) {
            replay.strace(strace.get(), onEvent);
            io.preemptscope.analysis.join.JoinMetrics join = replay.join();
            if (join != null && Boolean.FALSE.equals(join.consistent())) {
                captures.joinDisagrees(replay.joinedTrace(), "no clock offset lines the trace up with the "
                                + (captures.kernel().isPresent() ? "perf capture" : "strace log"),
                        "at the best offset, " + join.agreement());
            }
        }
        return result(assumed, replay, captures.inputs().stream().map(CaptureInput::name).toList());
    }

    private AnalysisResult result(Assumptions assumed, RunReplay replay, List<String> inputs) {
        RuntimeProfile profile = assumed.profile();
        boolean sawAsync = replay.runtimeSentSigurg() || replay.traceShowsAsync();
        boolean apo = assumed.asyncpreemptoff() != null ? assumed.asyncpreemptoff()
                : profile.asyncPreemption() && !sawAsync;
        long slack = options.slackNs() >= 0 ? options.slackNs() : replay.observedSlackNs();
        long delay = replay.observedSysmonDelayNs();
        CheckerSettings settled = settings(assumed, apo).sysmonDelayNs(delay).slackNs(slack).build();
        List<Finding> findings = replay.finish(settled);
        AnalysisMetrics.Calibration calibration = new AnalysisMetrics.Calibration(slack / 1000.0, delay / 1000.0,
                settled.preemptDeadlineNs() / 1e6);
        String version = assumed.version() != null ? assumed.version() : sawAsync ? "go1.14+" : "unknown";
        if (assumed.version() == null && !replay.goRuntimeSeen()) {
            // no build info and no trace of a Go runtime: no Go verdict, only what any program shows
            List<Finding> generic = findings.stream().filter(f -> !GO_RUNTIME_RULES.contains(f.id())).toList();
            Map<String, Long> counts = new TreeMap<>(replay.counts());
            counts.keySet().removeAll(GO_RUNTIME_RULES);
            AnalysisMetrics metrics = replay.metrics(generic, calibration);
            return new AnalysisResult(AnalysisResult.SCHEMA, inputs, NO_GO, null, false, NO_GO_BASIS,
                    metrics, counts, generic, null, replay.samples(metrics));
        }
        String mode = asyncMode(assumed, sawAsync, findings,
                replay.longestUnpreemptedTraceSliceNs() > settled.preemptDeadlineNs());
        AnalysisMetrics metrics = replay.metrics(findings, calibration);
        return new AnalysisResult(AnalysisResult.SCHEMA, inputs, version, profile.label(), apo,
                basis(assumed, replay, mode), metrics, replay.counts(), findings, mode, replay.samples(metrics));
    }

    /**
     * On or off only on evidence: absence of SIGURG says nothing when nothing ran long enough to
     * need one. A run that async preemption would have ended (a starvation warning, or a Go trace's
     * time slice past the deadline, which sysmon asks to end whether or not anything waits) is
     * evidence.
     */
    private static String asyncMode(Assumptions assumed, boolean sawAsync, List<Finding> findings,
            boolean traceSlicePastDeadline) {
        if (assumed.asyncpreemptoff() != null) {
            return assumed.asyncpreemptoff() ? OFF : ON;
        }
        if (!assumed.profile().asyncPreemption()) {
            return OFF;
        }
        if (sawAsync) {
            return ON;
        }
        boolean starved = findings.stream().anyMatch(f -> f.id().equals("COOP_STARVATION")
                && f.severity().compareTo(Severity.WARNING) >= 0);
        return starved || traceSlicePastDeadline ? OFF : UNKNOWN;
    }

    private static final String ON = "on";
    private static final String OFF = "off";
    private static final String UNKNOWN = "unknown";

    private static final String NO_GO = "no Go runtime found";
    private static final String NO_GO_BASIS = "no Go build info, no Go trace, and the strace capture shows no Go"
            + " runtime (no sysmon thread, no Go SIGURG handler, no SIGURG sent): not a Go program, or a capture that"
            + " missed the program's start or filtered out those syscalls";
    /** The rules about the Go runtime's own behaviour; signal and EINTR rules hold for any program. */
    private static final Set<String> GO_RUNTIME_RULES = Set.of("PREEMPT_LATENCY_EXCEEDED", "COOP_STARVATION",
            "STW_STRAGGLER", "GC_SUSPEND_SPIN", "SYSMON_STALL", "SYSMON_SCHEDULE_VIOLATION",
            "SIGURG_DELIVERED_NO_PREEMPT", "SIGURG_COALESCED", "SIGURG_LOST", "SIGURG_UNDER_ASYNCPREEMPTOFF",
            "SIGURG_IN_GO113", "PREEMPT_LIVELOCK_1_14_0", "MLOCK_SIGSTACK_FAILURE", "STW_HANG_PREEMPT_DISABLED");

    /** Why the report assumes the release and the async preemption setting it names. */
    private static String basis(Assumptions assumed, RunReplay replay, String mode) {
        String apo;
        if (assumed.asyncpreemptoff() != null) {
            apo = assumed.asyncpreemptoffBasis();
        } else if (!assumed.profile().asyncPreemption()) {
            apo = assumed.profile().label() + " has no async preemption";
        } else if (replay.runtimeSentSigurg()) {
            apo = "the process sent itself SIGURG (tgkill), so async preemption was on";
        } else if (replay.traceShowsAsync()) {
            apo = "the trace shows async preemptions, so async preemption was on";
        } else if (mode.equals(OFF)) {
            apo = "no SIGURG and no async preemption anywhere, and a run that async preemption would have ended:"
                    + " Go 1.13 behaviour or GODEBUG=asyncpreemptoff=1";
        } else {
            apo = "no SIGURG and no async preemption anywhere, but nothing ran long enough to need one: whether"
                    + " async preemption was on cannot be told";
        }
        return assumed.versionBasis() == null ? apo : assumed.versionBasis() + "; " + apo;
    }

    private CheckerSettings.Builder settings(Assumptions assumed, boolean apo) {
        return CheckerSettings.builder(assumed.profile(), apo).retryWindowNs(options.retryWindowNs())
                .stormPerSecondThread(options.stormPerSecond()).release(assumed.release());
    }
}
