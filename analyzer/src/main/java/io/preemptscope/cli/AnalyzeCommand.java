package io.preemptscope.cli;

import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.EvidenceText;
import io.preemptscope.output.AnalysisJsonWriter;
import io.preemptscope.output.AnalysisTextWriter;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code preemptscope analyze}: replays captures against the reference model. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Replay captures of one run, strace logs and Go execution traces, against the model of Go"
                    + " preemption and Linux signal semantics:"
                    + " SIGURG sent, delivered and coalesced, how long threads ran before preemption,"
                    + " EINTR and restarts by syscall, sysmon's schedule, and every anomaly with its evidence.",
            "INPUT is a strace file (plain or compressed), an -ff directory or prefix, or a Go execution trace"
                    + " (recognised by content), or a capture bundle directory (its strace.txt and go.trace);"
                    + " several inputs of one run are analysed together.",
            "A FIFO, a pipe (<(zcat x.gz)) or - (standard input) is read once, as it comes: strace output"
                    + " streams; a Go execution trace is held in memory whole (its decoder needs random access)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:ok", " 1:a finding at or above --fail-on", " 2:usage error", " 3:bad or unreadable input"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    ReportFormatOption format;

    @Mixin
    AnalysisSettings settings;

    @Mixin
    ProblemOptions problems = new ProblemOptions(20);

    @Mixin
    CaptureInputs captures;

    @Mixin
    OutputFileOption output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (OutputFileOption.Destination destination = output.open()) {
            return destination.finish(run(destination.out()), spec.commandLine().getErr());
        }
    }

    private int run(PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        if (format.json()) {
            AnalysisJsonWriter.prepareInBackground();
        }
        AnalysisResult result;
        try {
            result = AnalysisRun.run(settings, problems, captures, err, null).result();
        } catch (AnalysisRun.Failed e) {
            return ExitCodes.BAD_INPUT;
        }
        try {
            if (format.json()) {
                AnalysisJsonWriter.write(result, out);
            } else {
                EvidenceText evidence = EvidenceText.read(AnalysisTextWriter.evidenceShown(result));
                AnalysisTextWriter.write(result, evidence, out);
            }
        } catch (IOException e) {
            err.println("preemptscope: cannot write the report: " + IoErrors.describe(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return settings.status(result);
    }
}
