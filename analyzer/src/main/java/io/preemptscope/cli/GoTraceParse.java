package io.preemptscope.cli;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoTraceStatsCollector;
import io.preemptscope.gotrace.TraceFiles;
import io.preemptscope.gotrace.decode.GoTraceDecoder;
import io.preemptscope.input.InputException;
import io.preemptscope.input.InputSource;
import io.preemptscope.output.GoTraceEventWriter;
import io.preemptscope.output.GoTraceStatsWriter;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code parse} for Go execution traces, which ParseCommand hands over after sniffing the content:
 * the trace streams from its decoder into the statistics or the event writer.
 */
final class GoTraceParse {
    private final PrintWriter out;
    private final PrintWriter err;

    GoTraceParse(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** @param inputs one input, already opened to tell its kind */
    int run(List<InputSource> inputs, ParseCommand.Format format, boolean stats) {
        if (inputs.size() != 1) {
            err.println("preemptscope: a Go execution trace is parsed on its own; give it as the only INPUT");
            err.flush();
            return ExitCodes.USAGE;
        }
        InputSource input = inputs.get(0);
        try (InputStream content = input.open().content()) {
            GoTraceDecoder decoder = GoTraceDecoder.of(TraceFiles.readBytes(content, input.size()));
            if (stats) {
                GoTraceStatsCollector collector = new GoTraceStatsCollector();
                GoTrace header = stream(input, decoder, collector);
                if (format == ParseCommand.Format.text) {
                    GoTraceStatsWriter.writeText(collector.stats(header), out);
                } else {
                    GoTraceStatsWriter.writeJson(collector.stats(header), out);
                }
            } else {
                GoTraceEventWriter writer = new GoTraceEventWriter(out, format == ParseCommand.Format.text
                        ? GoTraceEventWriter.Style.TEXT : format == ParseCommand.Format.json
                        ? GoTraceEventWriter.Style.JSON : GoTraceEventWriter.Style.JSON_LINES);
                stream(input, decoder, writer);
                writer.finish();
            }
        } catch (GoTraceFormatException e) {
            out.flush();
            return fail(input.name() + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail("cannot write output: " + IoErrors.describe(e.getCause()));
        } catch (InputException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail(input.name() + ": cannot be read: " + InputException.reason(e));
        }
        return ExitCodes.OK;
    }

    /** Neither statistics nor printing needs the event list: the events stream past. */
    private static GoTrace stream(InputSource input, GoTraceDecoder decoder, Consumer<GoEvent> sink)
            throws GoTraceFormatException {
        long[] done = {0};
        try (Progress progress = Progress.forGoTrace(input.size(), () -> done[0])) {
            return decoder.stream(e -> {
                sink.accept(e);
                done[0]++;
                progress.tick();
            }, progress::expect);
        }
    }

    private int fail(String message) {
        err.println("preemptscope: " + message.replace('\n', ' '));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
