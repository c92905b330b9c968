package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.analysis.join.Delays;
import io.preemptscope.analysis.join.JoinMetrics;
import io.preemptscope.analysis.join.JoinedPreemption;
import io.preemptscope.analysis.join.ThreadMapping;
import java.io.IOException;

/** {@code metrics.join} of the analysis JSON: the strace capture and the Go trace joined. */
final class JoinJsonWriter {
    private JoinJsonWriter() {}

    static void join(JsonGenerator json, JoinMetrics j) throws IOException {
        if (j == null) {
            json.writeNullField("join");
            return;
        }
        json.writeObjectFieldStart("join");
        json.writeNumberField("asyncPreemptions", j.asyncPreemptions());
        json.writeNumberField("joined", j.joined());
        json.writeNumberField("aligned", j.aligned());
        json.writeNumberField("signalsWithoutPreemption", j.signalsWithoutPreemption());
        JsonFields.counts(json, "signalsWithoutPreemptionBySender", j.signalsWithoutPreemptionBySender());
        JsonFields.counts(json, "signalsWithoutPreemptionByState", j.signalsWithoutPreemptionByState());
        json.writeNumberField("preemptionsWithoutSignal", j.preemptionsWithoutSignal());
        JsonFields.number(json, "clockOffsetNs", j.clockOffsetNs());
        JsonFields.number(json, "clockOffsetUncertaintyNs", j.clockOffsetUncertaintyNs());
        json.writeStringField("clockBasis", j.clockBasis());
        if (j.consistent() == null) {
            json.writeNullField("consistent");
        } else {
            json.writeBooleanField("consistent", j.consistent());
        }
        json.writeStringField("agreement", j.agreement());
        json.writeArrayFieldStart("threadMap");
        for (ThreadMapping t : j.threadMap()) {
            json.writeStartObject();
            json.writeNumberField("m", t.m());
            json.writeNumberField("tid", t.tid());
            json.writeNumberField("confidence", t.confidence());
            json.writeStringField("basis", t.basis());
            json.writeNumberField("signalMatches", t.signalMatches());
            json.writeNumberField("syscallMatches", t.syscallMatches());
            if (t.cloneOrder() == null) {
                json.writeNullField("cloneOrder");
            } else {
                json.writeBooleanField("cloneOrder", t.cloneOrder());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        delays(json, "signalToPreemptMs", j.signalToPreemptMs());
        delays(json, "tgkillToDeliveryMs", j.tgkillToDeliveryMs());
        delays(json, "deliveryToPreemptMs", j.deliveryToPreemptMs());
        delays(json, "userRunVsSliceMs", j.userRunVsSliceMs());
        json.writeArrayFieldStart("onCpuChecks");
        for (io.preemptscope.analysis.join.OnCpuCheck c : j.onCpuChecks()) {
            json.writeStartObject();
            json.writeNumberField("m", c.m());
            json.writeNumberField("tid", c.tid());
            json.writeNumberField("slices", c.slices());
            json.writeNumberField("onCpu", c.onCpu());
            json.writeNumberField("switchedOut", c.switchedOut());
            delays(json, "offCpuMs", c.offCpuMs());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("preemptions");
        for (JoinedPreemption p : j.preemptions()) {
            json.writeStartObject();
            json.writeNumberField("g", p.g());
            json.writeNumberField("tid", p.tid());
            evidence(json, "preempt", p.preempt());
            evidence(json, "delivery", p.delivery());
            evidence(json, "tgkill", p.tgkill());
            json.writeNumberField("sender", p.sender());
            if (p.bySysmon() == null) {
                json.writeNullField("bySysmon");
            } else {
                json.writeBooleanField("bySysmon", p.bySysmon());
            }
            JsonFields.number(json, "tgkillToDeliveryMs", p.tgkillToDeliveryMs());
            json.writeNumberField("deliveryToPreemptMs", p.deliveryToPreemptMs());
            JsonFields.number(json, "totalMs", p.totalMs());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void evidence(JsonGenerator json, String field, String e) throws IOException {
        json.writeStringField(field, e);
    }

    static void delays(JsonGenerator json, String field, Delays d) throws IOException {
        if (d == null) {
            json.writeNullField(field);
            return;
        }
        json.writeObjectFieldStart(field);
        json.writeNumberField("count", d.count());
        JsonFields.number(json, "p50", d.p50());
        JsonFields.number(json, "p90", d.p90());
        JsonFields.number(json, "p99", d.p99());
        JsonFields.number(json, "max", d.max());
        json.writeEndObject();
    }
}
