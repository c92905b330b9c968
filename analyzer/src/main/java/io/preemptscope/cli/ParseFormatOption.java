package io.preemptscope.cli;

import picocli.CommandLine.Option;

/** {@code --format} of parse, whose default depends on what it prints: events or their counts. */
final class ParseFormatOption {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl (default for events), json (default for --stats) or text.")
    ParseCommand.Format format;

    /** The format asked for, or the default for events or for counts. */
    ParseCommand.Format orDefault(boolean stats) {
        return format != null ? format : stats ? ParseCommand.Format.json : ParseCommand.Format.jsonl;
    }
}
