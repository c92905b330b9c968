package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.preemptscope.analysis.kernel.KernelMetrics;
import java.io.IOException;

/** {@code metrics.kernel}: a perf capture's view of scheduling and signal generation; null for strace. */
final class KernelJsonWriter {
    private KernelJsonWriter() {}

    static void kernel(JsonGenerator json, KernelMetrics k) throws IOException {
        if (k == null) {
            json.writeNullField("kernel");
            return;
        }
        json.writeObjectFieldStart("kernel");
        json.writeStringField("backend", k.backend());
        json.writeBooleanField("switchesRecorded", k.switchesRecorded());
        JoinJsonWriter.delays(json, "onCpuIntervalMs", k.onCpuIntervalMs());
        json.writeNumberField("involuntarySwitches", k.involuntarySwitches());
        json.writeNumberField("voluntarySwitches", k.voluntarySwitches());
        json.writeArrayFieldStart("busiestThreads");
        for (KernelMetrics.ThreadCpu t : k.busiestThreads()) {
            json.writeStartObject();
            json.writeNumberField("tid", t.tid());
            json.writeNumberField("onCpuMs", t.onCpuMs());
            json.writeNumberField("involuntarySwitches", t.involuntarySwitches());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanField("userRunsMeasured", k.userRunsMeasured());
        json.writeNumberField("longUserRuns", k.longUserRuns());
        json.writeNumberField("longUserRunsSwitchedOut", k.longUserRunsSwitchedOut());
        JoinJsonWriter.delays(json, "offCpuInLongUserRunsMs", k.offCpuInLongUserRunsMs());
        json.writeNumberField("sigurgGenerated", k.sigurgGenerated());
        json.writeNumberField("sigurgAlreadyPending", k.sigurgAlreadyPending());
        json.writeNumberField("sigurgTargetRunning", k.sigurgTargetRunning());
        json.writeNumberField("sigurgTargetOffCpu", k.sigurgTargetOffCpu());
        JoinJsonWriter.delays(json, "sigurgGenerateToDeliverMs", k.sigurgGenerateToDeliverMs());
        JoinJsonWriter.delays(json, "sigurgGenerateToDeliverRunningMs", k.sigurgGenerateToDeliverRunningMs());
        JoinJsonWriter.delays(json, "sigurgGenerateToDeliverOffCpuMs", k.sigurgGenerateToDeliverOffCpuMs());
        json.writeEndObject();
    }
}
