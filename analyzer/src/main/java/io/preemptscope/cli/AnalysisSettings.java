package io.preemptscope.cli;

import io.preemptscope.analysis.AnalysisOptions;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.GoVersion;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of the commands that analyse captures ({@code analyze}, {@code report}), checked alike. */
final class AnalysisSettings {
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

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The exit status for a result: 1 when a finding reaches --fail-on, else 0. */
    int status(AnalysisResult result) {
        Severity threshold = failOn == null ? null : severity(failOn);
        boolean failed = threshold != null
                && result.findings().stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Checks every option (usage errors before any input is read). */
    AnalysisOptions options() {
        GoVersion version = null;
        if (!goVersion.equals("auto")) {
            try {
                version = GoVersion.parse(goVersion);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(command.commandLine(), "--go-version: " + e.getMessage());
            }
            if (!version.known()) {
                // the model would silently treat it as the nearest family it has
                throw new CommandLine.ParameterException(command.commandLine(), String.format(Locale.ROOT,
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
        if (failOn != null) {
            severity(failOn);
        }
        Boolean apo = switch (asyncpreemptoff) {
            case "on", "1", "true" -> Boolean.TRUE;
            case "off", "0", "false" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw new CommandLine.ParameterException(command.commandLine(),
                    "--asyncpreemptoff: expected on, off or auto, got " + asyncpreemptoff);
        };
        return new AnalysisOptions(version, apo, slackUs == null ? -1 : slackUs * 1000, stormRate, retryWindowMs * 1_000_000);
    }

    private void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    String.format(Locale.ROOT, "%s: must be at least %d, got %d", option, min, value));
        }
    }

    private Severity severity(String text) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--fail-on: expected info, warning or error, got " + text);
        }
    }
}
