package io.preemptscope.cli;

import io.preemptscope.input.InputException;
import io.preemptscope.input.InputKind;
import io.preemptscope.input.InputSource;
import io.preemptscope.input.OpenedInput;
import io.preemptscope.output.EventJsonWriter;
import io.preemptscope.output.EventTextWriter;
import io.preemptscope.output.StraceStatsJsonWriter;
import io.preemptscope.output.StraceStatsTextWriter;
import io.preemptscope.stats.StraceStats;
import io.preemptscope.stats.StraceStatsCollector;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.StraceReader;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preemptscope parse}: reads captures completely and prints their events or counts. */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        description = {
            "Parse strace captures, perf script output, Go execution traces or GODEBUG=schedtrace output and print"
                    + " their events"
                    + " (JSON Lines by default) or, with --stats, their counts.",
            "INPUT is recognised by its content, never its name: strace output (any strace options), a Go"
                    + " execution trace (Go 1.5-1.21 binary, Go 1.22+ binary, or the text form of Go's test data),"
                    + " or the stderr of a program run with GODEBUG=schedtrace=N, or the perf script text of a perf"
                    + " capture (perf.txt); each plain or gzip, xz or zstd compressed. For strace, INPUT may also be"
                    + " a directory of -ff files, an -ff prefix, or a capture bundle directory (its strace.txt, or"
                    + " perf.txt for a perf bundle; give DIR/go.trace for its Go trace);"
                    + " several strace inputs of one run are merged in timestamp order.",
            "A FIFO, a pipe (<(zcat x.gz)) or - (standard input) is read once, as it comes: strace output"
                    + " streams; a Go execution trace is held in memory whole (its decoder needs random access)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:ok", " 2:usage error", " 3:no strace output, a damaged Go trace, an unreadable file, or with --strict any line that is not strace output"})
public final class ParseCommand implements Callable<Integer> {

    enum Format { jsonl, json, text }

    @Mixin
    ParseFormatOption formatOption;

    @Option(names = "--stats", description = "Print counts instead of events.")
    boolean stats;

    @Mixin
    ProblemOptions problems = new ProblemOptions(50);

    @Mixin
    CaptureInputs captures;

    @Mixin
    OutputFileOption output;

    @Spec
    CommandSpec spec;

    /** Where the results go: stdout or the --output file. */
    private PrintWriter out;

    @Override
    public Integer call() {
        try (OutputFileOption.Destination destination = output.open()) {
            out = destination.out();
            return destination.finish(run(), spec.commandLine().getErr());
        }
    }

    private int run() {
        PrintWriter err = spec.commandLine().getErr();
        Format format = formatOption.orDefault(stats);
        List<InputSource> inputs = captures.sources(false); // a capture bundle directory stands for its files
        InputSource first = inputs.get(0);
        if (first.readsAsStream()) {
            OpenedInput opened;
            try {
                opened = first.open(); // once: a pipe's head is read here and handed on with the rest
            } catch (InputException e) {
                err.println("preemptscope: " + e.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            if (opened.kind().goTrace()) {
                return new GoTraceParse(spec.commandLine().getOut(), err).run(inputs, format, stats);
            }
            if (opened.kind() == InputKind.SCHEDTRACE) {
                return new SchedtraceParse(spec.commandLine().getOut(), err).run(inputs, format, stats, problems.strict);
            }
            if (opened.kind() == InputKind.PERF_SCRIPT) {
                return new PerfScriptParse(out, err).run(inputs, format, stats, problems.reporter(err), problems.strict);
            }
        }
        ProblemReporter reporter = problems.reporter(err);
        List<StraceInputs.InputFile> files;
        try {
            files = StraceInputs.expand(inputs);
        } catch (StraceInputException e) {
            err.println("preemptscope: " + InputErrors.describe(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        try (StraceReader reader = new StraceReader(files, reporter);
                Progress progress = Progress.forFiles(files, reader::bytesRead)) {
            int status = stats ? printStats(reader, progress, format) : printEvents(reader, progress, format);
            reporter.summarize();
            if (status == ExitCodes.OK && reporter.nothingParsed(reader)) {
                err.println("preemptscope: no strace output found in the input");
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            return status;
        } catch (StraceInputException e) {
            err.println("preemptscope: " + InputErrors.describe(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            // damaged compressed data names its input; any other read error gets the system's reason
            err.println("preemptscope: " + (e instanceof InputException ? e.getMessage()
                    : "cannot read input: " + IoErrors.describe(e)));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    private int printStats(StraceReader reader, Progress progress, Format format)
            throws IOException, StraceInputException {
        StraceStatsCollector collector = new StraceStatsCollector();
        for (StraceEvent e = reader.next(); e != null; e = reader.next()) {
            collector.accept(e);
            progress.tick();
        }
        StraceStats result = collector.result(reader.files());
        if (format == Format.text) {
            StraceStatsTextWriter.write(result, out);
        } else {
            StraceStatsJsonWriter.write(result, out);
        }
        return ExitCodes.OK;
    }

    private int printEvents(StraceReader reader, Progress progress, Format format)
            throws IOException, StraceInputException {
        if (format == Format.text) {
            EventTextWriter writer = new EventTextWriter(out);
            for (StraceEvent e = reader.next(); e != null; e = reader.next()) {
                writer.write(e);
                progress.tick();
            }
            out.flush();
            return ExitCodes.OK;
        }
        try (EventJsonWriter writer = new EventJsonWriter(out, format == Format.jsonl)) {
            for (StraceEvent e = reader.next(); e != null; e = reader.next()) {
                writer.write(e);
                progress.tick();
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
