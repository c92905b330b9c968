package io.preemptscope.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The INPUT arguments of the commands that read captures. */
final class CaptureInputs {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "The captures to read (see above).")
    List<Path> paths;
}
