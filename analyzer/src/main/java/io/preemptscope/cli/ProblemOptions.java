package io.preemptscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a command treats lines that are not strace output: report the first few and go on, or stop.
 * Each command picks how many it reports by default.
 */
final class ProblemOptions {
    @Option(names = "--strict", description = "Stop at the first line that is not strace output (exit status 3).")
    boolean strict;

    @Option(names = "--max-reported", paramLabel = "N",
            description = "Report at most N unparsable lines on stderr (all are counted; default ${DEFAULT-VALUE}).")
    int maxReported;

    ProblemOptions(int defaultMaxReported) {
        this.maxReported = defaultMaxReported;
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    ProblemReporter reporter(PrintWriter err) {
        if (maxReported < 0) {
            throw new ParameterException(command.commandLine(), "--max-reported: must be at least 0, got " + maxReported);
        }
        return new ProblemReporter(err, strict, maxReported);
    }
}
