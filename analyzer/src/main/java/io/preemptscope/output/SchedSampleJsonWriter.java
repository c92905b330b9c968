package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.schedtrace.SchedLine;
import io.preemptscope.schedtrace.SchedSample;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes schedtrace samples as JSON, streaming: one object per line (JSON Lines), or one array with
 * an object per line. A sample holds its SCHED line's fields under {@code summary} and the P, M and
 * G lines printed after it.
 */
public final class SchedSampleJsonWriter {
    private final JsonGenerator json;
    private final boolean array;
    private boolean first = true;

    public SchedSampleJsonWriter(Writer out, boolean jsonLines) throws IOException {
        this.json = JsonFields.compact(out);
        this.array = !jsonLines;
        // objects are framed by hand: one per line, also inside the array
        json.setRootValueSeparator(null);
        if (array) {
            json.writeRaw("[\n");
        }
    }

    public void write(SchedSample s) throws IOException {
        if (array && !first) {
            json.writeRaw(",\n");
        }
        first = false;
        json.writeStartObject();
        json.writeNumberField("line", s.line());
        summary(s.summary());
        json.writeArrayFieldStart("ps");
        for (SchedLine.PLine p : s.ps()) {
            p(p);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("ms");
        for (SchedLine.MLine m : s.ms()) {
            m(m);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("gs");
        for (SchedLine.GLine g : s.gs()) {
            g(g);
        }
        json.writeEndArray();
        json.writeEndObject();
        if (!array) {
            json.writeRaw('\n');
        }
    }

    /** Closes the array, if any, and flushes; the caller's writer stays open. */
    public void finish() throws IOException {
        if (array) {
            json.writeRaw(first ? "]\n" : "\n]\n");
        }
        json.close();
    }

    private void summary(SchedLine.Summary s) throws IOException {
        json.writeObjectFieldStart("summary");
        json.writeNumberField("elapsedMs", s.elapsedMs());
        json.writeNumberField("gomaxprocs", s.gomaxprocs());
        json.writeNumberField("idleprocs", s.idleprocs());
        json.writeNumberField("threads", s.threads());
        json.writeNumberField("spinningthreads", s.spinningthreads());
        JsonFields.number(json, "needspinning", s.needspinning());
        json.writeNumberField("idlethreads", s.idlethreads());
        json.writeNumberField("runqueue", s.runqueue());
        JsonFields.number(json, "gcwaiting", s.gcwaiting());
        JsonFields.number(json, "nmidlelocked", s.nmidlelocked());
        JsonFields.number(json, "stopwait", s.stopwait());
        JsonFields.number(json, "sysmonwait", s.sysmonwait());
        JsonFields.numbers(json, "localRunqs", s.localRunqs());
        JsonFields.numbers(json, "schedticks", s.schedticks());
        json.writeEndObject();
    }

    private void p(SchedLine.PLine p) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", p.index());
        json.writeNumberField("status", p.status());
        json.writeNumberField("schedtick", p.schedtick());
        json.writeNumberField("syscalltick", p.syscalltick());
        json.writeNumberField("m", p.m());
        json.writeNumberField("runqsize", p.runqsize());
        json.writeNumberField("gfreecnt", p.gfreecnt());
        JsonFields.number(json, "timerslen", p.timerslen());
        json.writeEndObject();
    }

    private void m(SchedLine.MLine m) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", m.id());
        json.writeNumberField("p", m.p());
        json.writeNumberField("curg", m.curg());
        json.writeNumberField("mallocing", m.mallocing());
        json.writeNumberField("throwing", m.throwing());
        json.writeStringField("preemptoff", m.preemptoff());
        json.writeNumberField("locks", m.locks());
        json.writeNumberField("dying", m.dying());
        json.writeNumberField("spinning", m.spinning());
        json.writeNumberField("blocked", m.blocked());
        json.writeNumberField("lockedg", m.lockedg());
        json.writeEndObject();
    }

    private void g(SchedLine.GLine g) throws IOException {
        json.writeStartObject();
        json.writeNumberField("goid", g.goid());
        json.writeNumberField("status", g.status());
        json.writeStringField("waitReason", g.waitReason());
        json.writeNumberField("m", g.m());
        json.writeNumberField("lockedm", g.lockedm());
        json.writeEndObject();
    }
}
