package io.preemptscope.cli;

import io.preemptscope.output.Plural;
import io.preemptscope.output.SchedSampleJsonWriter;
import io.preemptscope.output.SchedSampleTextWriter;
import io.preemptscope.output.SchedtraceStatsJsonWriter;
import io.preemptscope.output.SchedtraceStatsTextWriter;
import io.preemptscope.schedtrace.SchedSample;
import io.preemptscope.schedtrace.SchedtraceReader;
import io.preemptscope.schedtrace.SchedtraceStats;
import io.preemptscope.schedtrace.SchedtraceStatsCollector;
import io.preemptscope.util.IoErrors;
import io.preemptscope.input.InputException;
import io.preemptscope.input.InputSource;
import io.preemptscope.input.UpToCut;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** {@code parse} for GODEBUG=schedtrace output, which ParseCommand hands over after sniffing the content. */
final class SchedtraceParse {
    private final PrintWriter out;
    private final PrintWriter err;

    SchedtraceParse(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param inputs one input, already opened to tell its kind
     * @param strict whether compressed input cut short is an error rather than a warning
     */
    int run(List<InputSource> inputs, ParseCommand.Format format, boolean stats, boolean strict) {
        if (inputs.size() != 1) {
            err.println("preemptscope: schedtrace output is parsed on its own; give it as the only INPUT");
            err.flush();
            return ExitCodes.USAGE;
        }
        InputSource input = inputs.get(0);
        try (UpToCut content = new UpToCut(input.open().content());
                SchedtraceReader reader = new SchedtraceReader(new InputStreamReader(content, StandardCharsets.UTF_8))) {
            if (stats) {
                printStats(reader, format);
            } else {
                printSamples(reader, format);
            }
            out.flush();
            if (content.cut().isPresent()) {
                // like a bad line in strict mode: what was read before it is printed, then it stops
                if (strict) {
                    throw content.cut().get();
                }
                err.println("warning: " + content.cut().get().getMessage());
            }
            if (reader.otherLines() + reader.malformedLines() > 0) {
                err.printf(Locale.ROOT, "preemptscope: %s: skipped %s not schedtrace output and %s%n", input.name(),
                        Plural.of(reader.otherLines(), "line that is", "lines that are"),
                        Plural.of(reader.malformedLines(), "damaged one", "damaged ones"));
                err.flush();
            }
            return ExitCodes.OK;
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

    private void printStats(SchedtraceReader reader, ParseCommand.Format format) throws IOException {
        SchedtraceStatsCollector collector = new SchedtraceStatsCollector();
        for (SchedSample s = reader.next(); s != null; s = reader.next()) {
            collector.accept(s);
        }
        SchedtraceStats result = collector.result(reader);
        if (format == ParseCommand.Format.text) {
            SchedtraceStatsTextWriter.write(result, out);
        } else {
            SchedtraceStatsJsonWriter.write(result, out);
        }
    }

    private void printSamples(SchedtraceReader reader, ParseCommand.Format format) throws IOException {
        if (format == ParseCommand.Format.text) {
            SchedSampleTextWriter writer = new SchedSampleTextWriter(out);
            for (SchedSample s = reader.next(); s != null; s = reader.next()) {
                writer.write(s);
            }
            return;
        }
        SchedSampleJsonWriter writer = new SchedSampleJsonWriter(out, format == ParseCommand.Format.jsonl);
        for (SchedSample s = reader.next(); s != null; s = reader.next()) {
            writer.write(s);
        }
        writer.finish();
    }
}
