package io.preemptscope.cli;

import picocli.CommandLine.Option;

/** {@code --format} of the commands that print a report: a summary to read, or JSON for tools. */
final class ReportFormatOption {
    enum Format { text, json }

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
