package io.preemptscope.timeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes Chrome trace-event objects (the JSON Perfetto UI and chrome://tracing open) one at a
 * time, each on a line of its own that starts with the comma before it (the first of a part
 * excepted), without the enclosing array: {@link
 * Timeline} puts the parts together. Times are microseconds, with the nanoseconds as decimals.
 */
final class TraceEventWriter implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;
    private final boolean continues;
    private long written;

    /** @param continues whether the first object follows others in the array (then a comma precedes it) */
    TraceEventWriter(OutputStream out, boolean continues) throws IOException {
        json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        json.setRootValueSeparator(null);
        this.continues = continues;
    }

    long written() {
        return written;
    }

    /** A slice from {@code tsNs} lasting {@code durNs}: ph X. */
    void complete(long pid, long tid, String name, String cat, long tsNs, long durNs, Map<String, ?> args)
            throws IOException {
        start("X", pid, tid, name, cat, tsNs);
        json.writeFieldName("dur");
        micros(Math.max(0, durNs));
        args(args);
        end();
    }

    /** A point in time on a thread's track ({@code scope} "t") or across the whole timeline ("g"). */
    void instant(long pid, long tid, String name, String cat, long tsNs, String scope, Map<String, ?> args)
            throws IOException {
        start("i", pid, tid, name, cat, tsNs);
        json.writeStringField("s", scope);
        args(args);
        end();
    }

    /** Where an arrow starts, passes and ends: a thread and a time. */
    record Point(long tid, long tsNs) {}

    /**
     * An arrow through the slices around each point: ph s at the first, t at each middle one, f at
     * the last ("bp":"e": bound to the enclosing slice). Its events share one line, so that a cut
     * by --max-events keeps an arrow whole or leaves it out; it counts as one event there.
     */
    void arrow(long id, long pid, String name, String cat, List<Point> points) throws IOException {
        for (int k = 0; k < points.size(); k++) {
            String ph = k == 0 ? "s" : k == points.size() - 1 ? "f" : "t";
            if (k == 0) {
                separate();
            } else {
                json.writeRaw(',');
            }
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeStringField("cat", cat);
            json.writeStringField("ph", ph);
            json.writeFieldName("ts");
            micros(points.get(k).tsNs());
            json.writeNumberField("pid", pid);
            json.writeNumberField("tid", points.get(k).tid());
            json.writeNumberField("id", id);
            if (k > 0) {
                json.writeStringField("bp", "e");
            }
            json.writeEndObject();
        }
        written++;
    }

    /** process_name, thread_name, process_sort_index or thread_sort_index. */
    void metadata(String name, long pid, long tid, String argName, Object value) throws IOException {
        separate();
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("ph", "M");
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeObjectFieldStart("args");
        if (value instanceof Number n) {
            json.writeNumberField(argName, n.longValue());
        } else {
            json.writeStringField(argName, String.valueOf(value));
        }
        json.writeEndObject();
        end();
    }

    private void start(String ph, long pid, long tid, String name, String cat, long tsNs) throws IOException {
        separate();
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("cat", cat);
        json.writeStringField("ph", ph);
        json.writeFieldName("ts");
        micros(tsNs);
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
    }

    /** Microseconds exactly, from nanoseconds: "12.345" for 12345 ns. */
    private void micros(long ns) throws IOException {
        long whole = Math.floorDiv(ns, 1000);
        int frac = (int) Math.floorMod(ns, 1000);
        if (frac == 0) {
            json.writeNumber(whole);
            return;
        }
        // once per event and per duration: no String.format on this path
        digits.setLength(0);
        digits.append(whole).append('.').append((char) ('0' + frac / 100)).append((char) ('0' + frac / 10 % 10))
                .append((char) ('0' + frac % 10));
        json.writeNumber(digits.toString());
    }

    private final StringBuilder digits = new StringBuilder(24);

    /**
     * A syscall's slice, its arguments written in place: the one event a capture has millions of.
     *
     * @param line the line of the capture it was printed on
     * @param status null for a complete call
     */
    void syscall(long pid, long tid, String name, String cat, long tsNs, long durNs, String call, String result,
            long line, String status) throws IOException {
        start("X", pid, tid, name, cat, tsNs);
        json.writeFieldName("dur");
        micros(Math.max(0, durNs));
        json.writeObjectFieldStart("args");
        json.writeStringField("call", call);
        json.writeStringField("result", result);
        json.writeNumberField("line", line);
        if (status != null) {
            json.writeStringField("status", status);
        }
        json.writeEndObject();
        end();
    }

    private void args(Map<String, ?> args) throws IOException {
        if (args == null || args.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("args");
        for (Map.Entry<String, ?> a : args.entrySet()) {
            Object v = a.getValue();
            if (v == null) {
                json.writeNullField(a.getKey());
            } else if (v instanceof Long || v instanceof Integer) {
                json.writeNumberField(a.getKey(), ((Number) v).longValue());
            } else if (v instanceof Double d) {
                json.writeNumberField(a.getKey(), d);
            } else {
                json.writeStringField(a.getKey(), String.valueOf(v));
            }
        }
        json.writeEndObject();
    }

    private void separate() throws IOException {
        if (written > 0 || continues) {
            json.writeRaw("\n,");
        }
    }

    private void end() throws IOException {
        json.writeEndObject();
        written++;
    }

    void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
