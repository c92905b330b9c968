package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.schedtrace.SchedtraceStats;
import java.io.IOException;
import java.io.PrintWriter;

/** The schedtrace figures of {@code parse --stats} as one indented JSON document. */
public final class SchedtraceStatsJsonWriter {
    private SchedtraceStatsJsonWriter() {}

    public static void write(SchedtraceStats s, PrintWriter out) throws IOException {
        try (JsonGenerator json = JsonFields.indented(out)) {
            json.writeStartObject();
            json.writeStringField("format", s.format());
            json.writeNumberField("lines", s.lines());
            json.writeNumberField("samples", s.samples());
            json.writeNumberField("detailedSamples", s.detailedSamples());
            json.writeNumberField("firstMs", s.firstMs());
            json.writeNumberField("lastMs", s.lastMs());
            json.writeNumberField("maxGomaxprocs", s.maxGomaxprocs());
            json.writeNumberField("otherLines", s.otherLines());
            json.writeNumberField("malformedLines", s.malformedLines());
            json.writeNumberField("orphanLines", s.orphanLines());
            json.writeStringField("schedtickSource", s.schedtickSource());
            json.writeArrayFieldStart("procs");
            for (SchedtraceStats.Proc p : s.procs()) {
                proc(json, p);
            }
            json.writeEndArray();
            json.writeNumberField("stuckThresholdMs", s.stuckThresholdMs());
            json.writeArrayFieldStart("stuckIntervals");
            for (SchedtraceStats.StuckInterval i : s.stuckIntervals()) {
                stuck(json, i);
            }
            json.writeEndArray();
            json.writeNumberField("longestStuckMs", s.longestStuckMs());
            json.writeEndObject();
        }
        out.println();
        out.flush();
    }

    private static void proc(JsonGenerator json, SchedtraceStats.Proc p) throws IOException {
        json.writeStartObject();
        json.writeNumberField("p", p.p());
        json.writeNumberField("samples", p.samples());
        json.writeNumberField("firstSchedtick", p.firstSchedtick());
        json.writeNumberField("lastSchedtick", p.lastSchedtick());
        json.writeNumberField("increments", p.increments());
        json.writeArrayFieldStart("progression");
        for (SchedtraceStats.TickRun r : p.progression()) {
            json.writeStartObject();
            json.writeNumberField("schedtick", r.schedtick());
            json.writeNumberField("fromMs", r.fromMs());
            json.writeNumberField("toMs", r.toMs());
            json.writeNumberField("samples", r.samples());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void stuck(JsonGenerator json, SchedtraceStats.StuckInterval i) throws IOException {
        json.writeStartObject();
        json.writeNumberField("p", i.p());
        json.writeNumberField("schedtick", i.schedtick());
        json.writeNumberField("fromMs", i.fromMs());
        json.writeNumberField("toMs", i.toMs());
        json.writeNumberField("durationMs", i.durationMs());
        json.writeNumberField("samples", i.samples());
        json.writeNumberField("fromLine", i.fromLine());
        json.writeNumberField("toLine", i.toLine());
        JsonFields.number(json, "curg", i.curg());
        json.writeStringField("basis", i.basis());
        json.writeEndObject();
    }
}
