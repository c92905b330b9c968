package io.preemptscope.analysis;

import io.preemptscope.analysis.input.BadInputException;
import io.preemptscope.analysis.input.CaptureInput;
import io.preemptscope.analysis.input.CaptureSet;
import io.preemptscope.analysis.input.DecodedTrace;
import io.preemptscope.analysis.input.StraceStream;
import io.preemptscope.model.check.CheckerSettings;
import io.preemptscope.model.version.RuntimeProfile;
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
        Assumptions assumed = Assumptions.of(options, captures.recorded(), captures.buildInfo(),
                captures.traces().stream().map(t -> t.trace().versions()).toList());
        RunReplay replay = new RunReplay(settings(assumed, Boolean.TRUE.equals(assumed.asyncpreemptoff())).build());
        for (DecodedTrace t : captures.traces()) {
            replay.trace(t);
        }
        Optional<StraceStream> strace = captures.strace();
        if (strace.isPresent()) {
            replay.strace(strace.get(), onEvent);
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
        return new AnalysisResult(AnalysisResult.SCHEMA, inputs, version, profile.label(), apo,
                basis(assumed, replay), replay.metrics(findings, calibration), replay.counts(), findings);
    }

    /** Why the report assumes the release and the async preemption setting it names. */
    private static String basis(Assumptions assumed, RunReplay replay) {
        String apo;
        if (assumed.asyncpreemptoff() != null) {
            apo = assumed.asyncpreemptoffBasis();
        } else if (!assumed.profile().asyncPreemption()) {
            apo = assumed.profile().label() + " has no async preemption";
        } else if (replay.runtimeSentSigurg()) {
            apo = "the process sent itself SIGURG (tgkill), so async preemption was on";
        } else if (replay.traceShowsAsync()) {
            apo = "the trace shows async preemptions, so async preemption was on";
        } else {
            apo = "no SIGURG and no async preemption anywhere: Go 1.13 behaviour or GODEBUG=asyncpreemptoff=1";
        }
        return assumed.versionBasis() == null ? apo : assumed.versionBasis() + "; " + apo;
    }

    private CheckerSettings.Builder settings(Assumptions assumed, boolean apo) {
        return CheckerSettings.builder(assumed.profile(), apo).retryWindowNs(options.retryWindowNs())
                .stormPerSecondThread(options.stormPerSecond()).release(assumed.release());
    }
}
