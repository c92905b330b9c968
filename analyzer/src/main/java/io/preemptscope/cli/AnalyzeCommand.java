package io.preemptscope.cli;

import io.preemptscope.analysis.AnalysisOptions;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.CaptureAnalysis;
import io.preemptscope.analysis.EvidenceText;
import io.preemptscope.analysis.Finding;
import io.preemptscope.capture.Bundle;
import io.preemptscope.capture.RecordedRun;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoTraceInput;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.GoVersion;
import io.preemptscope.output.AnalysisJsonWriter;
import io.preemptscope.output.AnalysisTextWriter;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.StraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
                    + " several inputs of one run are analysed together."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:ok", " 1:a finding at or above --fail-on", " 2:usage error", " 3:bad or unreadable input"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    ReportFormatOption format;

    @Option(names = "--go-version", defaultValue = "auto", paramLabel = "V",
            description = "The Go version of the traced program (e.g. 1.13, 1.14.1, 1.19.8), or auto (default):"
                    + " from the executable's Go build info when it is here, else from the capture's evidence.")
    String goVersion;

    @Option(names = "--asyncpreemptoff", defaultValue = "auto", paramLabel = "on|off|auto",
            description = "Whether GODEBUG=asyncpreemptoff=1 was set; auto (default) decides from the capture.")
    String asyncpreemptoff;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with status 1 when a finding is at least this severe: info, warning or error;"
                    + " default: none, the exit status does not depend on findings.")
    String failOn;

    @Option(names = "--slack-us", paramLabel = "US", defaultValue = "-1",
            description = "sysmon slack per round in µs; default: calibrated from the capture's own sysmon sleeps.")
    long slackUs;

    @Option(names = "--storm-rate", paramLabel = "N", defaultValue = "1000",
            description = "SIGURG deliveries per second to one thread that make a storm (default ${DEFAULT-VALUE}).")
    int stormRate;

    @Option(names = "--retry-window-ms", paramLabel = "MS", defaultValue = "10",
            description = "How soon a retry must follow EINTR (default ${DEFAULT-VALUE} ms).")
    long retryWindowMs;

    @Mixin
    ProblemOptions problems = new ProblemOptions(20);

    @Mixin
    CaptureInputs captures;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (format.json()) {
            AnalysisJsonWriter.prepareInBackground();
        }
        AnalysisOptions options = recorded(options());
        List<Path> inputs = Bundle.expand(captures.paths, true); // a capture bundle directory stands for its files
        Severity threshold = failOn == null ? null : severity(failOn);
        List<Path> stracePaths = new ArrayList<>();
        List<CaptureAnalysis.TraceInput> traces = new ArrayList<>();
        for (Path input : inputs) {
            if (!GoTraceParse.isGoTrace(input)) {
                stracePaths.add(input);
                continue;
            }
            try {
                traces.add(new CaptureAnalysis.TraceInput(input.toString(), GoTraceInput.read(input)));
            } catch (GoTraceFormatException e) {
                err.println("preemptscope: " + input + ": " + e.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            } catch (IOException e) {
                err.println("preemptscope: " + input + ": cannot be read: " + e.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
        }
        List<StraceInputs.InputFile> files;
        try {
            files = stracePaths.isEmpty() ? List.of() : StraceInputs.expand(stracePaths);
        } catch (StraceInputException e) {
            err.println("preemptscope: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.displayName()));
        traces.forEach(t -> names.add(t.name()));
        ProblemReporter reporter = problems.reporter(err);
        AnalysisResult result;
        try (StraceReader reader = files.isEmpty() ? null : new StraceReader(files, reporter);
                Progress progress = Progress.forFiles(files, () -> reader == null ? 0 : reader.bytesRead())) {
            result = new CaptureAnalysis(options).run(reader, traces, names, progress::tick);
            reporter.summarize();
            if (reader != null && reporter.nothingParsed(reader)) {
                err.println("preemptscope: no strace output found in the input");
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
        } catch (StraceInputException | IOException e) {
            err.println("preemptscope: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        try {
            if (format.json()) {
                AnalysisJsonWriter.write(result, spec.commandLine().getOut());
            } else {
                EvidenceText evidence = EvidenceText.read(AnalysisTextWriter.evidenceShown(result));
                AnalysisTextWriter.write(result, evidence, spec.commandLine().getOut());
            }
        } catch (IOException e) {
            err.println("preemptscope: cannot write the report: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (threshold != null) {
            for (Finding f : result.findings()) {
                if (f.severity().compareTo(threshold) >= 0) {
                    return ExitCodes.FINDINGS;
                }
            }
        }
        return ExitCodes.OK;
    }

    private AnalysisOptions options() {
        GoVersion version = null;
        if (!goVersion.equals("auto")) {
            try {
                version = GoVersion.parse(goVersion);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--go-version: " + e.getMessage());
            }
        }
        Boolean apo = switch (asyncpreemptoff) {
            case "on", "1", "true" -> Boolean.TRUE;
            case "off", "0", "false" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--asyncpreemptoff: expected on, off or auto, got " + asyncpreemptoff);
        };
        return new AnalysisOptions(version, apo, slackUs < 0 ? -1 : slackUs * 1000, stormRate, retryWindowMs * 1_000_000);
    }

    /** What a capture bundle recorded about its run fills what the user left to auto. */
    private AnalysisOptions recorded(AnalysisOptions options) {
        return RecordedRun.of(captures.paths).map(run -> {
            GoVersion v = null;
            if (run.goVersion() != null) {
                try {
                    v = GoVersion.parse(run.goVersion());
                } catch (IllegalArgumentException unusual) {
                    // a development build ("devel ...") says nothing usable about its release
                }
            }
            return options.withRecorded(v, run.bundle() + "/capture.json: the target's Go build info",
                    run.asyncpreemptoff(), run.bundle() + "/capture.json: GODEBUG asyncpreemptoff="
                            + (Boolean.TRUE.equals(run.asyncpreemptoff()) ? "1" : "0"));
        }).orElse(options);
    }

    private Severity severity(String text) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--fail-on: expected info, warning or error, got " + text);
        }
    }
}
