package io.preemptscope.cli;

import io.preemptscope.input.InputException;
import io.preemptscope.input.InputSource;
import io.preemptscope.input.UpToCut;
import io.preemptscope.output.PerfEventJsonWriter;
import io.preemptscope.output.PerfEventTextWriter;
import io.preemptscope.output.PerfStatsJsonWriter;
import io.preemptscope.output.PerfStatsTextWriter;
import io.preemptscope.output.Plural;
import io.preemptscope.perf.PerfEvent;
import io.preemptscope.perf.PerfScriptReader;
import io.preemptscope.stats.PerfStatsCollector;
import io.preemptscope.strace.StraceInputException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** {@code parse} for perf script text (a perf capture's perf.txt), which ParseCommand hands over after sniffing. */
final class PerfScriptParse {
    private final PrintWriter out;
    private final PrintWriter err;

    PerfScriptParse(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param inputs one input, already opened to tell its kind
     * @param reporter lenient (report, count, skip) or strict (stop at the first bad line)
     */
    int run(List<InputSource> inputs, ParseCommand.Format format, boolean stats, ProblemReporter reporter,
            boolean strict) {
        if (inputs.size() != 1) {
            err.println("preemptscope: perf script output is parsed on its own; give it as the only INPUT");
            err.flush();
            return ExitCodes.USAGE;
        }
        InputSource input = inputs.get(0);
        // ISO-8859-1: one char per byte, so a comm's bytes survive whatever they are
        try (UpToCut content = new UpToCut(input.open().content());
                PerfScriptReader reader = new PerfScriptReader(input.name(),
                        new InputStreamReader(content, StandardCharsets.ISO_8859_1), reporter)) {
            if (stats) {
                printStats(reader, format);
            } else {
                printEvents(reader, format, input.name());
            }
            out.flush();
            reporter.summarize();
            if (content.cut().isPresent()) {
                if (strict) {
                    throw content.cut().get();
                }
                err.println("warning: " + content.cut().get().getMessage());
            }
            if (reader.unparsed() > 0) {
                boolean mostly = reader.unparsed() * 2 > reader.lines();
                err.printf(Locale.ROOT, "preemptscope: %s: %,d of %s %s not perf script output%s%n", input.name(),
                        reader.unparsed(), Plural.of(reader.lines(), "line"), reader.unparsed() == 1 ? "is" : "are",
                        mostly ? "; is this perf script output?" : " (skipped)");
            }
            err.flush();
            if (reader.events() == 0) {
                err.println("preemptscope: " + input.name() + ": no perf script events found");
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            return ExitCodes.OK;
        } catch (StraceInputException e) {
            out.flush();
            err.println("preemptscope: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (InputException e) {
            err.println("preemptscope: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("preemptscope: " + input.name() + ": cannot be read: " + InputException.reason(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    private void printStats(PerfScriptReader reader, ParseCommand.Format format)
            throws IOException, StraceInputException {
        PerfStatsCollector collector = new PerfStatsCollector();
        for (PerfEvent e = reader.next(); e != null; e = reader.next()) {
            collector.accept(e);
        }
        if (format == ParseCommand.Format.text) {
            PerfStatsTextWriter.write(collector.result(reader), out);
        } else {
            PerfStatsJsonWriter.write(collector.result(reader), out);
        }
    }

    private void printEvents(PerfScriptReader reader, ParseCommand.Format format, String name)
            throws IOException, StraceInputException {
        if (format == ParseCommand.Format.text) {
            PerfEventTextWriter writer = new PerfEventTextWriter(out);
            for (PerfEvent e = reader.next(); e != null; e = reader.next()) {
                writer.write(e);
            }
            return;
        }
        try (PerfEventJsonWriter writer = new PerfEventJsonWriter(out, format == ParseCommand.Format.jsonl, name)) {
            for (PerfEvent e = reader.next(); e != null; e = reader.next()) {
                writer.write(e);
            }
        }
    }
}
