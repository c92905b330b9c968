package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.preemptscope.perf.PerfEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes perf events as JSON, streaming: one object per line (JSON Lines) or one array. Every event
 * has {@code kind} ({@code syscall-enter}, {@code syscall-exit}, {@code switch}, {@code tracepoint}),
 * {@code file}, {@code line}, {@code comm}, {@code pid} and {@code cpu} (null when perf script did
 * not print them), {@code tid}, {@code ts} (seconds on the capture's clock, exact to the printed
 * digits), {@code tsText} and {@code event}; then what its kind carries.
 */
public final class PerfEventJsonWriter implements Closeable {
    private final JsonGenerator json;
    private final boolean lines;
    private final String file;
    private boolean any;

    public PerfEventJsonWriter(Writer out, boolean jsonLines, String file) throws IOException {
        // the caller owns the writer: closing this writer only flushes it
        this.json = JsonFields.compact(out);
        this.lines = jsonLines;
        this.file = file;
        if (jsonLines) {
            json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        } else {
            json.writeStartArray();
        }
    }

    public void write(PerfEvent e) throws IOException {
        any = true;
        json.writeStartObject();
        PerfEvent.Payload p = e.payload();
        json.writeStringField("kind", p instanceof PerfEvent.SyscallEnter ? "syscall-enter"
                : p instanceof PerfEvent.SyscallExit ? "syscall-exit"
                : p instanceof PerfEvent.Switch ? "switch" : "tracepoint");
        json.writeStringField("file", file);
        json.writeNumberField("line", e.line());
        if (e.comm().isEmpty()) {
            json.writeNullField("comm");
        } else {
            json.writeStringField("comm", e.comm());
        }
        JsonFields.number(json, "pid", e.pid() < 0 ? null : e.pid());
        json.writeNumberField("tid", e.tid());
        JsonFields.number(json, "cpu", e.cpu() < 0 ? null : (long) e.cpu());
        json.writeFieldName("ts");
        json.writeNumber(new BigDecimal(e.time()));
        json.writeStringField("tsText", e.time());
        json.writeStringField("event", e.event());
        if (p instanceof PerfEvent.SyscallEnter enter) {
            json.writeNumberField("nr", enter.nr());
            json.writeStringField("name", enter.name());
            JsonFields.strings(json, "args", enter.args());
        } else if (p instanceof PerfEvent.SyscallExit exit) {
            json.writeNumberField("nr", exit.nr());
            json.writeStringField("name", exit.name());
            json.writeNumberField("ret", exit.ret());
            json.writeStringField("errno", exit.errno());
        } else if (p instanceof PerfEvent.Switch s) {
            json.writeStringField("direction", s.in() ? "in" : "out");
            json.writeBooleanField("preempted", s.preempted());
        } else if (p instanceof PerfEvent.Fields f) {
            json.writeObjectFieldStart("fields");
            for (Map.Entry<String, String> v : f.values().entrySet()) {
                json.writeStringField(v.getKey(), v.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        if (!lines) {
            json.writeEndArray();
        }
        if (any || !lines) {
            json.writeRaw('\n');
        }
        json.close();
    }
}
