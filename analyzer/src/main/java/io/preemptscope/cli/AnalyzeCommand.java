package io.preemptscope.cli;

import io.preemptscope.analysis.AnalysisOptions;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.CaptureAnalysis;
import io.preemptscope.analysis.EvidenceText;
import io.preemptscope.analysis.input.BadInputException;
import io.preemptscope.analysis.input.CaptureSet;
import io.preemptscope.analysis.input.SameRun;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.GoVersion;
import io.preemptscope.output.AnalysisJsonWriter;
import io.preemptscope.output.AnalysisTextWriter;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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
                    + " several inputs of one run are analysed together.",
            "A FIFO, a pipe (<(zcat x.gz)) or - (standard input) is read once, as it comes: strace output"
                    + " streams; a Go execution trace is held in memory whole (its decoder needs random access)."
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

    @Option(names = "--slack-us", paramLabel = "US",
            description = "sysmon slack per round in µs, at least 0; default: calibrated from the capture's own sysmon sleeps.")
    Long slackUs;

    @Option(names = "--storm-rate", paramLabel = "N", defaultValue = "1000",
            description = "SIGURG deliveries per second to one thread that make a storm, at least 1 (default ${DEFAULT-VALUE}).")
    int stormRate;

    @Option(names = "--retry-window-ms", paramLabel = "MS", defaultValue = "10",
            description = "How soon a retry must follow EINTR, at least 1 ms (default ${DEFAULT-VALUE} ms).")
    long retryWindowMs;

    @Option(names = "--same-run",
            description = "Analyse the inputs together even when they do not look like captures of one run"
                    + " (their times, processes or capture.json differ); a warning says what did not match.")
    boolean sameRun;

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
        AnalysisOptions options = options();
        Severity threshold = failOn == null ? null : severity(failOn);
        ProblemReporter reporter = problems.reporter(err);
        AnalysisResult result;
        SameRun oneRun = sameRun ? SameRun.asserted(w -> err.println("preemptscope: warning: " + w)) : SameRun.CHECKED;
        captures.requireStdinOnce();
        try (CaptureSet run = CaptureSet.open(captures.paths, System.in, reporter, oneRun);
                Progress progress = progress(run)) {
            result = new CaptureAnalysis(options).run(run, progress::tick);
            reporter.summarize();
            run.requireStraceOutput();
        } catch (BadInputException e) {
            // a refusal of unrelated inputs gives one line of evidence per pair
            InputErrors.describe(e).lines().forEach(line -> err.println("preemptscope: " + line));
            err.flush();
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
        boolean failed = threshold != null
                && result.findings().stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static Progress progress(CaptureSet captures) {
        return captures.strace()
                .map(s -> Progress.forFiles(s.files(), s::bytesRead))
                .orElseGet(() -> Progress.forFiles(List.of(), () -> 0));
    }

    private AnalysisOptions options() {
        GoVersion version = null;
        if (!goVersion.equals("auto")) {
            try {
                version = GoVersion.parse(goVersion);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--go-version: " + e.getMessage());
            }
            if (!version.known()) {
                // the model would silently treat it as the nearest family it has
                throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "--go-version: %s is not a Go release this tool knows (%d.%d to %d.%d)", goVersion,
                        GoVersion.OLDEST_KNOWN.major(), GoVersion.OLDEST_KNOWN.minor(),
                        GoVersion.NEWEST_KNOWN.major(), GoVersion.NEWEST_KNOWN.minor()));
            }
        }
        atLeast("--storm-rate", stormRate, 1);
        atLeast("--retry-window-ms", retryWindowMs, 1);
        if (slackUs != null) {
            atLeast("--slack-us", slackUs, 0);
        }
        Boolean apo = switch (asyncpreemptoff) {
            case "on", "1", "true" -> Boolean.TRUE;
            case "off", "0", "false" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--asyncpreemptoff: expected on, off or auto, got " + asyncpreemptoff);
        };
        return new AnalysisOptions(version, apo, slackUs == null ? -1 : slackUs * 1000, stormRate, retryWindowMs * 1_000_000);
    }

    private void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    String.format(Locale.ROOT, "%s: must be at least %d, got %d", option, min, value));
        }
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
