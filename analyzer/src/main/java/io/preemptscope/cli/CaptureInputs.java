package io.preemptscope.cli;

import io.preemptscope.capture.Bundle;
import io.preemptscope.input.InputSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The INPUT arguments of the commands that read captures. */
final class CaptureInputs {
    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "The captures to read (see above); - reads standard input.")
    List<Path> paths;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The inputs, a capture bundle directory replaced by its files (its Go trace too when asked). */
    List<InputSource> sources(boolean withGoTrace) {
        requireStdinOnce();
        List<InputSource> sources = new ArrayList<>();
        for (Path p : Bundle.expand(paths, withGoTrace)) {
            sources.add(InputSource.isStdin(p) ? InputSource.stdin(System.in) : InputSource.of(p));
        }
        return sources;
    }

    /** Standard input can be read once only. */
    void requireStdinOnce() {
        if (paths.stream().filter(InputSource::isStdin).count() > 1) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "standard input (-) can be read once; name it once");
        }
    }
}
