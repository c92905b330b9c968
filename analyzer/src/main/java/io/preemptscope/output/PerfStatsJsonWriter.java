package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.stats.PerfStats;
import java.io.IOException;
import java.io.PrintWriter;

/** The perf counts of {@code parse --stats} as one indented JSON document, strace's fields first. */
public final class PerfStatsJsonWriter {
    private PerfStatsJsonWriter() {}

    public static void write(PerfStats s, PrintWriter out) throws IOException {
        try (JsonGenerator json = JsonFields.indented(out)) {
            json.writeStartObject();
            json.writeStringField("format", s.format());
            json.writeNumberField("files", s.files());
            json.writeNumberField("lines", s.lines());
            json.writeNumberField("unparsed", s.unparsed());
            json.writeNumberField("truncated", s.truncated());
            json.writeNumberField("events", s.events());
            json.writeNumberField("threads", s.threads());
            json.writeNumberField("incomplete", s.incomplete());
            JsonFields.counts(json, "syscalls", s.syscalls());
            JsonFields.counts(json, "errors", s.errors());
            JsonFields.counts(json, "signals", s.signals());
            JsonFields.counts(json, "tgkill", s.tgkill());
            json.writeNumberField("exits", s.exits());
            JsonFields.counts(json, "generated", s.generated());
            JsonFields.counts(json, "switches", s.switches());
            JsonFields.counts(json, "tracepoints", s.tracepoints());
            json.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
