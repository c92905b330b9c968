package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes Go trace events as they come: text lines in the format of {@code go tool trace -d}, JSON
 * Lines, or one JSON array opened and closed around them.
 */
public final class GoTraceEventWriter implements Consumer<GoEvent> {
    public enum Style { TEXT, JSON, JSON_LINES }

    private final PrintWriter out;
    /** Null for text. */
    private final JsonGenerator json;
    private final boolean array;

    public GoTraceEventWriter(PrintWriter out, Style style) throws IOException {
        this.out = out;
        this.array = style == Style.JSON;
        if (style == Style.TEXT) {
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

    /** @throws UncheckedIOException when the output cannot be written */
    @Override
    public void accept(GoEvent e) {
        if (json == null) {
            out.println(textLine(e));
            return;
        }
        try {
            writeEvent(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Closes the JSON array, ends the output and flushes it. */
    public void finish() throws IOException {
        if (json != null) {
            if (array) {
                json.writeEndArray();
            }
            json.close();
            out.println();
        }
        out.flush();
    }

    /** The line format of {@code go tool trace -d}, plus the M or thread when known and the innermost frame. */
    private static String textLine(GoEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.tsNs()).append(' ').append(e.name()).append(" p=").append(e.p()).append(" g=").append(e.g());
        if (e.m() >= 0) {
            sb.append(" m=").append(e.m());
        }
        if (e.thread() >= 0) {
            sb.append(" thread=").append(e.thread());
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

    private void writeEvent(GoEvent e) throws IOException {
        json.writeStartObject();
        json.writeNumberField("ts", e.tsNs());
        json.writeStringField("type", e.name());
        json.writeNumberField("p", e.p());
        json.writeNumberField("g", e.g());
        if (e.m() >= 0) {
            json.writeNumberField("m", e.m());
        }
        if (e.thread() >= 0) {
            json.writeNumberField("thread", e.thread());
        }
        json.writeNumberField("off", e.offset());
        if (!e.args().isEmpty()) {
            json.writeObjectFieldStart("args");
            for (Map.Entry<String, Long> a : e.args().entrySet()) {
                json.writeFieldName(a.getKey());
                // Arguments are uint64 on the wire.
                json.writeNumber(new BigInteger(Long.toUnsignedString(a.getValue())));
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

    /** The caller owns the writer: closing the generator only flushes it. */
    private static Writer nonClosing(PrintWriter out) {
        return new FilterWriter(out) {
            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
