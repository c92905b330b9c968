package io.preemptscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoTraceStats;
import io.preemptscope.gotrace.GoTraceStatsCollector;
import io.preemptscope.gotrace.ProcMs;
import io.preemptscope.gotrace.TraceFiles;
import io.preemptscope.gotrace.v1.V1Decoder;
import io.preemptscope.gotrace.v2.V2Decoder;
import io.preemptscope.gotrace.v2.V2Stats;
import io.preemptscope.gotrace.v2.V2Trace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** {@code parse} for Go execution traces, which ParseCommand hands over after sniffing the content. */
final class GoTraceParse {
    private final PrintWriter out;
    private final PrintWriter err;

    GoTraceParse(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Go traces start with "go 1." whatever their version; strace output never does. An empty
     * {@code *.trace} file is what a hung Go program leaves behind, so it is reported as a bad Go trace.
     */
    static boolean isGoTrace(Path input) {
        if (!Files.isRegularFile(input)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(input)) {
            if (Files.size(input) == 0) {
                return input.getFileName().toString().endsWith(".trace");
            }
            byte[] prefix = in.readNBytes(64);
            return V1Decoder.looksLikeGoTrace(prefix) || V2Decoder.accepts(prefix);
        } catch (IOException e) {
            return false;
        }
    }

    int run(List<Path> inputs, ParseCommand.Format format, boolean stats) {
        if (inputs.size() != 1) {
            err.println("preemptscope: a Go execution trace is parsed on its own; give it as the only INPUT");
            err.flush();
            return ExitCodes.USAGE;
        }
        Path input = inputs.get(0);
        try {
            byte[] data = TraceFiles.readBytes(input);
            // Go 1.22+ binary header or a v2 text trace: decoded by the v2 reader
            if (V2Decoder.accepts(Arrays.copyOf(data, Math.min(data.length, 64)))) {
                parseV2(data, format, stats);
            } else {
                parseV1(input, data, format, stats);
            }
        } catch (GoTraceFormatException e) {
            out.flush();
            return fail(input + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail("cannot write output: " + e.getCause().getMessage());
        } catch (IOException e) {
            return fail("cannot read input: " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    /** v1 traces stream: neither statistics nor printing needs the event list. */
    private void parseV1(Path input, byte[] data, ParseCommand.Format format, boolean stats)
            throws IOException, GoTraceFormatException {
        GoTraceStatsCollector collector = stats ? new GoTraceStatsCollector() : null;
        EventWriter writer = stats ? null : new EventWriter(format);
        Consumer<GoEvent> sink = stats ? collector : writer;
        long[] done = {0};
        GoTrace header;
        try (Progress progress = Progress.forGoTrace(input, () -> done[0])) {
            header = V1Decoder.stream(data, e -> {
                sink.accept(e);
                done[0]++;
                progress.tick();
            }, progress::expect);
        }
        if (stats) {
            printStats(collector.stats(header), format);
        } else {
            writer.finish();
        }
    }

    /** v2 traces stream one generation at a time; their events also name the OS thread. */
    private void parseV2(byte[] data, ParseCommand.Format format, boolean stats)
            throws IOException, GoTraceFormatException {
        V2Stats collector = stats ? new V2Stats() : null;
        EventWriter writer = stats ? null : new EventWriter(format);
        V2Trace header = V2Decoder.stream(data, v -> {
            if (stats) {
                collector.accept(v);
            } else {
                writer.accept(v.event(), v.thread());
            }
        });
        if (stats) {
            printStats(collector.stats(header), format);
        } else {
            writer.finish();
        }
    }

    private int fail(String message) {
        err.println("preemptscope: " + message.replace('\n', ' '));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private void printStats(GoTraceStats s, ParseCommand.Format format) throws IOException {
        if (format == ParseCommand.Format.text) {
            out.printf(Locale.ROOT, "format      %s (header go %s, written by Go %s)%n", s.format(), s.version(), s.goVersions());
            out.printf(Locale.ROOT, "events      %,d over %.3f ms%n", s.events(), s.durationNs() / 1e6);
            out.printf(Locale.ROOT, "goroutines  %,d   procs %d   threads %d%n", s.goroutines(), s.procs(), s.threads());
            out.printf(Locale.ROOT, "preemptions %,d async, %,d cooperative%n", s.preemptions().async(), s.preemptions().cooperative());
            out.printf(Locale.ROOT, "run slices  %,d   p50 %.3f ms   p99 %.3f ms   max %.3f ms%n", s.runSlices().count(),
                    s.runSlices().p50Ns() / 1e6, s.runSlices().p99Ns() / 1e6, s.runSlices().maxNs() / 1e6);
            out.println("event types:");
            for (Map.Entry<String, Long> e : s.eventTypes().entrySet()) {
                out.printf(Locale.ROOT, "  %-20s %,d%n", e.getKey(), e.getValue());
            }
        } else {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        }
        out.flush();
    }

    /** Writes events as they come, in the chosen format; a JSON array is opened and closed around them. */
    private final class EventWriter implements Consumer<GoEvent> {
        /** v1 events name no thread: their M is known only through ProcStart's argument. */
        private static final long NO_THREAD = -1;
        private final ProcMs procMs = new ProcMs();

        private final boolean text;
        private final boolean array;
        private final JsonGenerator json;

        EventWriter(ParseCommand.Format format) throws IOException {
            text = format == ParseCommand.Format.text;
            array = format == ParseCommand.Format.json;
            if (text) {
                json = null;
                return;
            }
            json = new JsonFactory().createGenerator(nonClosing(out));
            if (array) {
                json.writeStartArray();
            } else {
                json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            }
        }

        /** A v1 event: its M is followed from the ProcStart and ProcStop of its P. */
        @Override
        public void accept(GoEvent e) {
            write(e, procMs.mOf(e), NO_THREAD);
        }

        /** A v2 event with the OS thread of its batch (-1: none). */
        void accept(GoEvent e, long thread) {
            write(e, ProcMs.UNKNOWN, thread);
        }

        private void write(GoEvent e, long m, long thread) {
            if (text) {
                out.println(textLine(e, m, thread));
                return;
            }
            try {
                writeEvent(json, e, m, thread);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        void finish() throws IOException {
            if (!text) {
                if (array) {
                    json.writeEndArray();
                }
                json.close();
                out.println();
            }
            out.flush();
        }
    }

    /** The line format of {@code go tool trace -d}, plus the M or thread when known and the innermost frame. */
    private static String textLine(GoEvent e, long m, long thread) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.tsNs()).append(' ').append(e.type()).append(" p=").append(e.p()).append(" g=").append(e.g());
        if (m >= 0) {
            sb.append(" m=").append(m);
        }
        if (thread >= 0) {
            sb.append(" thread=").append(thread);
        }
        sb.append(" off=").append(e.offset());
        e.args().forEach((k, v) -> sb.append(' ').append(k).append('=').append(Long.toUnsignedString(v)));
        e.stringArgs().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        if (!e.stack().isEmpty()) {
            Frame f = e.stack().get(0);
            sb.append("  @ ").append(f.function()).append(' ').append(f.file()).append(':').append(f.line());
        }
        return sb.toString();
    }

    private static void writeEvent(JsonGenerator json, GoEvent e, long m, long thread) throws IOException {
        json.writeStartObject();
        json.writeNumberField("ts", e.tsNs());
        json.writeStringField("type", e.type());
        json.writeNumberField("p", e.p());
        json.writeNumberField("g", e.g());
        if (m >= 0) {
            json.writeNumberField("m", m);
        }
        if (thread >= 0) {
            json.writeNumberField("thread", thread);
        }
        json.writeNumberField("off", e.offset());
        if (!e.args().isEmpty()) {
            json.writeObjectFieldStart("args");
            for (Map.Entry<String, Long> a : e.args().entrySet()) {
                json.writeFieldName(a.getKey());
                // Arguments are uint64 on the wire.
                json.writeNumber(new java.math.BigInteger(Long.toUnsignedString(a.getValue())));
            }
            json.writeEndObject();
        }
        for (Map.Entry<String, String> a : e.stringArgs().entrySet()) {
            json.writeStringField(a.getKey(), a.getValue());
        }
        if (e.stackId() != 0) {
            json.writeNumberField("stackId", e.stackId());
            json.writeArrayFieldStart("stack");
            for (Frame f : e.stack()) {
                json.writeStartObject();
                json.writeStringField("func", f.function());
                json.writeStringField("file", f.file());
                json.writeNumberField("line", f.line());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static Writer nonClosing(PrintWriter out) {
        return new java.io.FilterWriter(out) {
            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
