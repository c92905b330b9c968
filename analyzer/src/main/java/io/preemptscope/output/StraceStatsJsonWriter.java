package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.stats.StraceStats;
import java.io.IOException;
import java.io.PrintWriter;

/** The strace counts of {@code parse --stats} as one indented JSON document. */
public final class StraceStatsJsonWriter {
    private StraceStatsJsonWriter() {}

    public static void write(StraceStats s, PrintWriter out) throws IOException {
        try (JsonGenerator json = JsonFields.indented(out)) {
            json.writeStartObject();
            json.writeStringField("format", s.format());
            json.writeNumberField("files", s.files());
            json.writeNumberField("lines", s.lines());
            json.writeNumberField("unparsed", s.unparsed());
            json.writeNumberField("truncated", s.truncated());
            json.writeNumberField("events", s.events());
            json.writeNumberField("threads", s.threads());
            json.writeNumberField("unfinished", s.unfinished());
            json.writeNumberField("resumed", s.resumed());
            json.writeNumberField("incomplete", s.incomplete());
            JsonFields.counts(json, "syscalls", s.syscalls());
            JsonFields.counts(json, "errors", s.errors());
            JsonFields.counts(json, "signals", s.signals());
            JsonFields.counts(json, "tgkill", s.tgkill());
            json.writeNumberField("exits", s.exits());
            json.writeNumberField("kills", s.kills());
            json.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
