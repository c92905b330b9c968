package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.compare.CheckResult;
import io.preemptscope.compare.CheckSetResult;
import io.preemptscope.compare.Comparison;
import io.preemptscope.compare.FindingChange;
import io.preemptscope.compare.SideSummary;
import io.preemptscope.compare.Statistic;
import io.preemptscope.compare.Verdict;
import java.io.IOException;
import java.io.PrintWriter;

/** The comparison as JSON, field by field, versioned by {@code schema} like the analysis. */
public final class ComparisonJsonWriter {
    private ComparisonJsonWriter() {}

    public static void write(Comparison c, boolean strict, PrintWriter out) throws IOException {
        try (JsonGenerator json = JsonFields.indented(out)) {
            json.writeStartObject();
            json.writeNumberField("schema", c.schema());
            json.writeStringField("result", c.failed(strict) ? "fail" : "pass");
            json.writeBooleanField("strict", strict);
            side(json, c.baseline());
            side(json, c.candidate());
            json.writeArrayFieldStart("checkSets");
            for (CheckSetResult s : c.checkSets()) {
                json.writeStartObject();
                json.writeStringField("name", s.name());
                json.writeNumberField("passed", s.count(Verdict.PASS));
                json.writeNumberField("failed", s.count(Verdict.FAIL));
                json.writeNumberField("inconclusive", s.count(Verdict.INCONCLUSIVE));
                json.writeArrayFieldStart("checks");
                for (CheckResult r : s.checks()) {
                    check(json, r);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("findingChanges");
            for (FindingChange f : c.findingChanges()) {
                json.writeStartObject();
                json.writeStringField("id", f.id());
                json.writeStringField("severity", f.severity());
                json.writeStringField("change", f.change());
                json.writeNumberField("baseline", f.baseline());
                json.writeNumberField("candidate", f.candidate());
                json.writeEndObject();
            }
            json.writeEndArray();
            JsonFields.strings(json, "notes", c.notes());
            json.writeEndObject();
        }
        out.println();
        out.flush();
    }

    private static void side(JsonGenerator json, SideSummary s) throws IOException {
        json.writeObjectFieldStart(s.role());
        JsonFields.strings(json, "runs", s.runs());
        json.writeStringField("goVersion", s.goVersion());
        json.writeStringField("asyncPreemption", s.asyncPreemption());
        json.writeStringField("basis", s.basis());
        JsonFields.strings(json, "variation", s.variation());
        json.writeEndObject();
    }

    private static void check(JsonGenerator json, CheckResult r) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", r.name());
        json.writeStringField("verdict", r.verdict().label());
        json.writeStringField("baseline", r.baseline());
        json.writeStringField("candidate", r.candidate());
        json.writeStringField("change", r.change());
        json.writeStringField("sentence", r.sentence());
        Statistic st = r.statistic();
        if (st != null) {
            json.writeObjectFieldStart("statistic");
            json.writeStringField("test", st.test());
            json.writeNumberField("pValue", st.pValue());
            json.writeNumberField("effect", st.effect());
            json.writeStringField("effectName", st.effectName());
            json.writeNumberField("baselineSamples", st.baselineN());
            json.writeNumberField("candidateSamples", st.candidateN());
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
