package io.preemptscope.cli;

import io.preemptscope.compare.CheckSet;
import io.preemptscope.compare.ChecksFileException;
import io.preemptscope.compare.Tolerances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What compare and regress check: check sets by name or file, tolerances, and whether inconclusive fails. */
final class CheckOptions {
    @Option(names = "--checks", paramLabel = "NAME|FILE",
            description = "A built-in check set (go1.14-preemption, no-regression) or a YAML/JSON checks file;"
                    + " repeatable.")
    List<String> checks = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "NAME=VALUE[%]",
            description = "How much worse no-regression lets the candidate be, e.g. p99=20%% or sysmon-stalls=2;"
                    + " NAME is p50, p99, longest-run, delivery, sigurg-rate, eintr or sysmon-stalls. Repeatable.")
    List<String> tolerances = new ArrayList<>();

    @Option(names = "--strict", description = "An inconclusive check fails (exit status 1), and the first line"
            + " that is not strace output stops the run (exit status 3).")
    boolean strict;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    Tolerances tolerances() {
        try {
            return Tolerances.parse(tolerances);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--tolerance: " + e.getMessage());
        }
    }

    /** The named sets, or the default; a file that cannot be read is bad input. */
    List<CheckSet> sets(String fallback) throws ChecksFileException {
        List<CheckSet> sets = new ArrayList<>();
        for (String c : checks.isEmpty() ? List.of(fallback) : checks) {
            if (CheckSet.isBuiltIn(c)) {
                sets.add(CheckSet.builtIn(c));
            } else if (c.contains("/") || c.contains(".") || Files.exists(Path.of(c))) {
                sets.add(CheckSet.file(Path.of(c)));
            } else {
                throw new ParameterException(command.commandLine(), "--checks: " + c + " is neither a check set ("
                        + String.join(", ", CheckSet.builtInNames()) + ") nor a file");
            }
        }
        return sets;
    }
}
