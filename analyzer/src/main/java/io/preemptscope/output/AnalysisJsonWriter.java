package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Evidence;
import io.preemptscope.analysis.Finding;
import io.preemptscope.model.anomaly.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The analysis as JSON: the schema the issue fixes, versioned by {@code schema}. It is written here
 * field by field, so the records behind it can change without changing what CI jobs read.
 */
public final class AnalysisJsonWriter {
    private AnalysisJsonWriter() {}

    /**
     * Loads the JSON classes on a thread of their own. Their first use takes a noticeable part of a
     * short run, which, started with the analysis, overlaps the reading of the captures instead of
     * following it.
     */
    public static void prepareInBackground() {
        Thread init = new Thread(AnalysisJsonWriter::prepare, "json-writer-init");
        init.setDaemon(true);
        init.start();
    }

    private static void prepare() {
        try (JsonGenerator json = JsonFields.indented(Writer.nullWriter())) {
            json.writeStartObject();
            JsonFields.number(json, "warm", 0.5);
            json.writeEndObject();
        } catch (IOException cannotHappen) {
            // the null writer does not fail
        }
    }

    public static void write(AnalysisResult r, PrintWriter out) throws IOException {
        try (JsonGenerator json = JsonFields.indented(out)) {
            json.writeStartObject();
            json.writeNumberField("schema", r.schema());
            JsonFields.strings(json, "inputs", r.inputs());
            json.writeStringField("goVersion", r.goVersion());
            json.writeStringField("profile", r.profile());
            json.writeBooleanField("asyncpreemptoff", r.asyncpreemptoff());
            json.writeStringField("asyncPreemption", r.asyncPreemption());
            json.writeStringField("goVersionBasis", r.goVersionBasis());
            metrics(json, r.metrics());
            JsonFields.counts(json, "findingCounts", r.findingCounts());
            findings(json, r.findings());
            json.writeEndObject();
        }
        out.println();
        out.flush();
    }

    private static void metrics(JsonGenerator json, AnalysisMetrics m) throws IOException {
        if (m == null) {
            json.writeNullField("metrics");
            return;
        }
        json.writeObjectFieldStart("metrics");
        JsonFields.number(json, "sigurgSent", m.sigurgSent());
        JsonFields.number(json, "sigurgDelivered", m.sigurgDelivered());
        JsonFields.number(json, "sigurgCoalesced", m.sigurgCoalesced());
        JsonFields.number(json, "sigurgSentBySysmon", m.sigurgSentBySysmon());
        senders(json, m.sigurgBySender());
        latency(json, "sigurgDeliveryLatencyMs", m.sigurgDeliveryLatencyMs());
        preemptions(json, m.preemptions());
        latency(json, "preemptLatencyMs", m.preemptLatencyMs());
        json.writeStringField("latencyBasis", m.latencyBasis());
        longestRun(json, m.longestUserRun());
        streak(json, m.sysmonRequestStreak());
        JsonFields.number(json, "syscallRetakes", m.syscallRetakes());
        JsonFields.counts(json, "eintr", m.eintr());
        JsonFields.counts(json, "restarts", m.restarts());
        sysmon(json, m.sysmon());
        json.writeNumberField("threads", m.threads());
        json.writeNumberField("durationMs", m.durationMs());
        calibration(json, m.calibration());
        JoinJsonWriter.join(json, m.join());
        KernelJsonWriter.kernel(json, m.kernel());
        json.writeEndObject();
    }

    private static void preemptions(JsonGenerator json, AnalysisMetrics.Preemptions p) throws IOException {
        if (p == null) {
            json.writeNullField("preemptions");
            return;
        }
        json.writeObjectFieldStart("preemptions");
        json.writeNumberField("async", p.async());
        JsonFields.number(json, "cooperative", p.cooperative());
        json.writeEndObject();
    }

    private static void senders(JsonGenerator json, AnalysisMetrics.SigurgSenders s) throws IOException {
        if (s == null) {
            json.writeNullField("sigurgBySender");
            return;
        }
        json.writeObjectFieldStart("sigurgBySender");
        sender(json, "sysmon", s.sysmon());
        sender(json, "others", s.others());
        sender(json, "unseen", s.unseen());
        json.writeEndObject();
    }

    private static void sender(JsonGenerator json, String field, AnalysisMetrics.SigurgSender s) throws IOException {
        json.writeObjectFieldStart(field);
        JsonFields.number(json, "sent", s.sent());
        json.writeNumberField("delivered", s.delivered());
        latency(json, "userRunBeforeDeliveryMs", s.userRunBeforeDeliveryMs());
        latency(json, "deliveryLatencyMs", s.deliveryLatencyMs());
        json.writeEndObject();
    }

    private static void longestRun(JsonGenerator json, AnalysisMetrics.LongestRun r) throws IOException {
        if (r == null) {
            json.writeNullField("longestUserRun");
            return;
        }
        json.writeObjectFieldStart("longestUserRun");
        json.writeNumberField("ms", r.ms());
        json.writeNumberField("tid", r.tid());
        json.writeStringField("endedBy", r.endedBy());
        json.writeEndObject();
    }

    private static void streak(JsonGenerator json, AnalysisMetrics.RequestStreak s) throws IOException {
        if (s == null) {
            json.writeNullField("sysmonRequestStreak");
            return;
        }
        json.writeObjectFieldStart("sysmonRequestStreak");
        json.writeNumberField("tid", s.tid());
        json.writeNumberField("requests", s.requests());
        json.writeNumberField("spanMs", s.spanMs());
        json.writeEndObject();
    }

    private static void latency(JsonGenerator json, String field, AnalysisMetrics.Latency l) throws IOException {
        if (l == null) {
            json.writeNullField(field);
            return;
        }
        json.writeObjectFieldStart(field);
        json.writeNumberField("count", l.count());
        JsonFields.number(json, "p50", l.p50());
        JsonFields.number(json, "p90", l.p90());
        JsonFields.number(json, "p99", l.p99());
        JsonFields.number(json, "max", l.max());
        json.writeEndObject();
    }

    private static void sysmon(JsonGenerator json, AnalysisMetrics.Sysmon s) throws IOException {
        if (s == null) {
            json.writeNullField("sysmon");
            return;
        }
        json.writeObjectFieldStart("sysmon");
        json.writeNumberField("tid", s.tid());
        JsonFields.counts(json, "delays", s.delays());
        JsonFields.number(json, "overshootP99Us", s.overshootP99Us());
        JoinJsonWriter.delays(json, "sleptMs", s.sleptMs());
        json.writeEndObject();
    }

    private static void calibration(JsonGenerator json, AnalysisMetrics.Calibration c) throws IOException {
        if (c == null) {
            json.writeNullField("calibration");
            return;
        }
        json.writeObjectFieldStart("calibration");
        json.writeNumberField("slackUs", c.slackUs());
        json.writeNumberField("sysmonDelayUs", c.sysmonDelayUs());
        json.writeNumberField("preemptDeadlineMs", c.preemptDeadlineMs());
        json.writeEndObject();
    }

    private static void findings(JsonGenerator json, List<Finding> findings) throws IOException {
        if (findings == null) {
            json.writeNullField("findings");
            return;
        }
        json.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            json.writeStartObject();
            json.writeStringField("id", f.id());
            json.writeStringField("severity", f.severity() == null ? null : f.severity().name().toLowerCase(Locale.ROOT));
            json.writeNumberField("tid", f.tid());
            JsonFields.number(json, "goroutine", f.goroutine());
            json.writeNumberField("ts", f.ts());
            if (f.at().offset() == null) {
                json.writeNullField("offset");
            } else {
                json.writeNumberField("offset", f.at().offset());
            }
            json.writeStringField("clock", f.at().clock());
            json.writeStringField("capture", f.capture());
            json.writeArrayFieldStart("evidence");
            for (Evidence e : f.evidence()) {
                evidence(json, e);
            }
            json.writeEndArray();
            json.writeStringField("rule", f.rule());
            json.writeStringField("message", f.message());
            json.writeStringField("ruleDoc", f.ruleDoc());
            json.writeArrayFieldStart("sources");
            for (Source source : f.sources()) {
                json.writeStartObject();
                json.writeStringField("title", source.title());
                json.writeStringField("url", source.url());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Only what locates it: a line in a text capture, a byte offset in a binary trace. */
    private static void evidence(JsonGenerator json, Evidence e) throws IOException {
        json.writeStartObject();
        if (e.file() != null) {
            json.writeStringField("file", e.file());
        }
        if (e.line() != null) {
            json.writeNumberField("line", e.line().longValue());
        }
        if (e.offset() != null) {
            json.writeNumberField("offset", e.offset().longValue());
        }
        json.writeEndObject();
    }
}
