package io.preemptscope.cli;

import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.CaptureAnalysis;
import io.preemptscope.analysis.input.BadInputException;
import io.preemptscope.analysis.input.CaptureInput;
import io.preemptscope.analysis.input.CaptureSet;
import io.preemptscope.analysis.input.DecodedTrace;
import io.preemptscope.analysis.input.SameRun;
import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.strace.event.StraceEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/** One analysis of the named captures, as {@code analyze} and {@code report} both run it. */
final class AnalysisRun {
    /** The inputs were bad; what was wrong has been written to stderr. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed() {
            super(null, null, false, false);
        }
    }

    private AnalysisRun() {}

    /** The result, and each input as read: its name and kind, told by content. */
    /** @param kernel what a perf capture showed of the kernel, null for strace */
    record Outcome(AnalysisResult result, List<CaptureInput> inputs, List<DecodedTrace> traces,
            io.preemptscope.analysis.kernel.KernelView kernel) {}

    /**
     * Opens the captures, replays them and reports unparsable lines as they come.
     *
     * @param series also filled with the HTML report's aggregates when not null
     */
    static Outcome run(AnalysisSettings settings, ProblemOptions problems, CaptureInputs captures,
            PrintWriter err, CaptureSeries series) throws Failed {
        return run(settings, problems, captures, err, series, null);
    }

    /** As above, also handing each strace event to {@code tap} as the analysis reads it, when not null. */
    static Outcome run(AnalysisSettings settings, ProblemOptions problems, CaptureInputs captures,
            PrintWriter err, CaptureSeries series, Consumer<StraceEvent> tap) throws Failed {
        var options = settings.options();
        ProblemReporter reporter = problems.reporter(err);
        SameRun oneRun = settings.sameRun ? SameRun.asserted(w -> err.println("preemptscope: warning: " + w)) : SameRun.CHECKED;
        captures.requireStdinOnce();
        try (CaptureSet run = CaptureSet.open(captures.paths, System.in, reporter, oneRun);
                Progress progress = progress(run)) {
            AnalysisResult result = new CaptureAnalysis(options).run(run, progress::tick, series, tap);
            reporter.summarize();
            run.requireStraceOutput();
            return new Outcome(result, run.inputs(), run.traces(), run.kernel().orElse(null));
        } catch (BadInputException e) {
            // a refusal of unrelated inputs gives one line of evidence per pair
            InputErrors.describe(e).lines().forEach(line -> err.println("preemptscope: " + line));
            err.flush();
            throw new Failed();
        }
    }

    private static Progress progress(CaptureSet captures) {
        return captures.strace()
                .map(s -> Progress.forFiles(s.files(), s::bytesRead))
                .orElseGet(() -> Progress.forFiles(List.of(), () -> 0));
    }
}
