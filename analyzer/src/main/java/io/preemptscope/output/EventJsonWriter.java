package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.preemptscope.strace.event.AnnotationEvent;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.MessageEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.StopEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SupersededEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.strace.record.SyscallResult;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Writes events as JSON, streaming: one object per line (JSON Lines) or one array.
 *
 * <p>Times are seconds on the capture's clock, exact to the printed digits; the printed text is
 * kept next to them. Return values are numbers when strace printed decimal (arbitrary size, as
 * rt_sigreturn's restored register can exceed 2^63), strings when it printed hex.
 */
public final class EventJsonWriter implements Closeable {
    private final JsonGenerator json;
    private final boolean lines;
    private boolean any;

    public EventJsonWriter(Writer out, boolean jsonLines) throws IOException {
        // the caller owns the writer: closing this writer only flushes it
        this.json = JsonFields.compact(out);
        this.lines = jsonLines;
        if (jsonLines) {
            json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        } else {
            json.writeStartArray();
        }
    }

    public void write(StraceEvent event) throws IOException {
        any = true;
        json.writeStartObject();
        json.writeStringField("kind", event.kind());
        json.writeStringField("file", event.source().file());
        json.writeNumberField("line", event.source().line());
        json.writeNumberField("tid", event.tid());
        time("ts", event.ts());
        if (event.ts().present()) {
            json.writeStringField("tsText", event.ts().printed());
        }
        if (event instanceof SyscallEvent call) {
            syscall(call);
        } else if (event instanceof SignalEvent signal) {
            json.writeStringField("signal", signal.signal());
            json.writeStringField("si_code", signal.siCode());
            if (signal.siPid() >= 0) {
                json.writeNumberField("si_pid", signal.siPid());
            }
            json.writeStringField("siginfo", signal.siginfo());
        } else if (event instanceof ExitEvent exit) {
            json.writeNumberField("status", exit.status());
        } else if (event instanceof KillEvent kill) {
            json.writeStringField("signal", kill.signal());
            json.writeBooleanField("coreDumped", kill.coreDumped());
        } else if (event instanceof SupersededEvent superseded) {
            json.writeNumberField("newPid", superseded.newPid());
        } else if (event instanceof StopEvent stop) {
            json.writeStringField("signal", stop.signal());
        } else if (event instanceof MessageEvent message) {
            json.writeStringField("text", message.text());
        } else if (event instanceof AnnotationEvent annotation) {
            json.writeStringField("text", annotation.text());
        }
        json.writeEndObject();
    }

    private void syscall(SyscallEvent call) throws IOException {
        json.writeStringField("name", call.name());
        json.writeStringField("args", call.args());
        SyscallResult result = call.result();
        if (result != null) {
            writeReturn(result.value());
            json.writeStringField("errno", result.isRestartCode() ? null : result.errno());
            json.writeStringField("restart", result.isRestartCode() ? result.errno() : null);
            if (result.errnoText() != null) {
                json.writeStringField("errnoText", result.errnoText());
            }
            if (result.decoration() != null) {
                json.writeStringField("decoration", result.decoration());
            }
            if (!result.notes().isEmpty()) {
                json.writeArrayFieldStart("notes");
                for (String note : result.notes()) {
                    json.writeString(note);
                }
                json.writeEndArray();
            }
        } else {
            json.writeNullField("ret");
        }
        time("entry", call.ts());
        time("exit", call.exit());
        if (call.durationNanos() >= 0) {
            json.writeNumberField("duration", BigDecimal.valueOf(call.durationNanos(), 9).stripTrailingZeros());
        } else {
            json.writeNullField("duration");
        }
        json.writeStringField("status", call.status().name().toLowerCase(Locale.ROOT));
        if (call.split()) {
            json.writeNumberField("exitLine", call.exitLine());
        }
    }

    private void writeReturn(String value) throws IOException {
        if (value.equals("?")) {
            json.writeNullField("ret");
        } else if (value.startsWith("0x")) {
            json.writeStringField("ret", value);
        } else {
            try {
                json.writeFieldName("ret");
                json.writeNumber(new BigInteger(value));
            } catch (NumberFormatException octalOrOdd) {
                json.writeString(value);
            }
        }
    }

    private void time(String field, Timestamp ts) throws IOException {
        if (ts.present()) {
            json.writeFieldName(field);
            json.writeNumber(ts.seconds());
        } else {
            json.writeNullField(field);
        }
    }

    @Override
    public void close() throws IOException {
        if (!lines) {
            json.writeEndArray();
        }
        if (any || !lines) {
            // JSON Lines without events is empty: a lone newline would be an empty record
            json.writeRaw('\n');
        }
        json.close();
    }
}
