package io.preemptscope.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * The same program (joinload spin on GOMAXPROCS 1) captured with a Go trace under each backend
 * (sample-traces/perf/capture-agreement.sh). Joined with its trace, each async preemption's time
 * slice is known exactly; the backend's user run at the SIGURG that ended it is the figure the
 * strace-only and perf-only latency rests on. perf's runs are within tens of microseconds of the
 * slices, strace's within hundreds: ptrace stops the thread at every syscall and signal.
 */
class LatencyCloserToTruthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode runVsSlice(String bundle) throws Exception {
        Cli.Result r = Cli.run("analyze", "--format", "json",
                Corpus.samples().resolve("perf/agreement").resolve(bundle).toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode join = JSON.readTree(r.out()).get("metrics").get("join");
        assertThat(join.get("consistent").asBoolean()).isTrue();
        return join.get("userRunVsSliceMs");
    }

    @Test
    void perfUserRunsMatchTheTracesTimeSlicesCloserThanStraceUserRuns() throws Exception {
        JsonNode strace = runVsSlice("joinload-spin-p1-strace");
        JsonNode perf = runVsSlice("joinload-spin-p1-perf");
        // every async preemption the trace shows, less one in the strace run that came during a syscall
        assertThat(strace.get("count").asLong()).isEqualTo(25);
        assertThat(perf.get("count").asLong()).isEqualTo(26);
        assertThat(strace.get("p50").asDouble()).isEqualTo(0.132);
        assertThat(strace.get("p90").asDouble()).isEqualTo(0.382);
        assertThat(strace.get("max").asDouble()).isEqualTo(0.865);
        assertThat(perf.get("p50").asDouble()).isEqualTo(0.014);
        assertThat(perf.get("p90").asDouble()).isEqualTo(0.030);
        assertThat(perf.get("max").asDouble()).isEqualTo(0.036);
        assertThat(perf.get("p50").asDouble()).isLessThan(strace.get("p50").asDouble() / 5);
        assertThat(perf.get("p90").asDouble()).isLessThan(strace.get("p90").asDouble() / 5);
        assertThat(perf.get("max").asDouble()).isLessThan(strace.get("max").asDouble() / 5);
    }

    @Test
    void perfConfirmsTheThreadMapByWhenTheThreadWasOnACpu() throws Exception {
        Cli.Result r = Cli.run("analyze", "--format", "json",
                Corpus.samples().resolve("perf/agreement/joinload-spin-p1-perf").toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode join = JSON.readTree(r.out()).get("metrics").get("join");
        JsonNode check = join.get("onCpuChecks");
        assertThat(check).hasSize(join.get("threadMap").size());
        // M 0's every run slice, placed on perf's clock, falls where its thread was on a CPU
        assertThat(check.get(0).get("m").asLong()).isZero();
        assertThat(check.get(0).get("tid").asInt()).isEqualTo(join.get("threadMap").get(0).get("tid").asInt());
        assertThat(check.get(0).get("slices").asInt()).isEqualTo(33);
        assertThat(check.get(0).get("onCpu").asInt()).isEqualTo(33);
        // and how much of each slice the kernel kept the thread off its CPU: the same 5 switch-outs
        // (at most 0.911 ms) the kernel view finds in the user runs past 10 ms
        assertThat(check.get(0).get("switchedOut").asInt()).isEqualTo(5);
        assertThat(check.get(0).get("offCpuMs").get("max").asDouble()).isEqualTo(0.911);
        JsonNode kernel = JSON.readTree(r.out()).get("metrics").get("kernel");
        assertThat(kernel.get("longUserRunsSwitchedOut").asInt()).isEqualTo(5);
        assertThat(kernel.get("offCpuInLongUserRunsMs").get("max").asDouble()).isEqualTo(0.911);
        // a strace capture has no such record
        Cli.Result s = Cli.run("analyze", "--format", "json",
                Corpus.samples().resolve("perf/agreement/joinload-spin-p1-strace").toString());
        assertThat(JSON.readTree(s.out()).get("metrics").get("join").get("onCpuChecks")).isEmpty();
    }
}
