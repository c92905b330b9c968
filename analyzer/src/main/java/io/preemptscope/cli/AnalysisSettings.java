package io.preemptscope.cli;

import io.preemptscope.analysis.AnalysisOptions;
import io.preemptscope.model.version.GoVersion;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The analyze options of the commands that analyse two sides the same way (compare, regress).
 * {@code --go-version} and {@code --asyncpreemptoff} fix both sides; left at auto, each side's
 * own build info, trace or evidence decides, which is what a comparison of two releases needs.
 */
final class AnalysisSettings {
    @Option(names = "--go-version", defaultValue = "auto", paramLabel = "V",
            description = "The Go version of both sides' programs, or auto (default): each side's own build info or evidence.")
    String goVersion;

    @Option(names = "--asyncpreemptoff", defaultValue = "auto", paramLabel = "on|off|auto",
            description = "Whether GODEBUG=asyncpreemptoff=1 was set on both sides; auto (default) decides per side.")
    String asyncpreemptoff;

    @Option(names = "--slack-us", paramLabel = "US",
            description = "sysmon slack per round in µs, at least 0; default: calibrated from each capture's own sysmon sleeps.")
    Long slackUs;

    @Option(names = "--storm-rate", paramLabel = "N", defaultValue = "1000",
            description = "SIGURG deliveries per second to one thread that make a storm, at least 1 (default ${DEFAULT-VALUE}).")
    int stormRate;

    @Option(names = "--retry-window-ms", paramLabel = "MS", defaultValue = "10",
            description = "How soon a retry must follow EINTR, at least 1 ms (default ${DEFAULT-VALUE} ms).")
    long retryWindowMs;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    AnalysisOptions options() {
        GoVersion version = null;
        if (!goVersion.equals("auto")) {
            try {
                version = GoVersion.parse(goVersion);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), "--go-version: " + e.getMessage());
            }
            if (!version.known()) {
                throw new ParameterException(command.commandLine(), String.format(Locale.ROOT,
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
            default -> throw new ParameterException(command.commandLine(),
                    "--asyncpreemptoff: expected on, off or auto, got " + asyncpreemptoff);
        };
        return new AnalysisOptions(version, apo, slackUs == null ? -1 : slackUs * 1000, stormRate, retryWindowMs * 1_000_000);
    }

    private void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new ParameterException(command.commandLine(),
                    String.format(Locale.ROOT, "%s: must be at least %d, got %d", option, min, value));
        }
    }
}
