package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The analysis of the real Go execution traces, alone and together with strace of the same run. */
class TraceAnalysisTest {

    private static Path trace(String name) {
        return Corpus.root().resolve("gotrace/captures").resolve(name);
    }

    private static AnalysisResult analyze(Path trace, Path strace) throws Exception {
        return strace == null ? AnalysisRun.of(trace) : AnalysisRun.of(trace, strace);
    }

    @Test
    void asyncPreemptionsEndTimeSlicesInsideTheModelsBand() throws Exception {
        AnalysisResult r = analyze(trace("tightloop_bounded_default.trace"), null);
        assertThat(r.asyncpreemptoff()).isFalse();
        assertThat(r.goVersion()).isEqualTo("go1.19-1.20");
        assertThat(r.metrics().preemptions().async()).isEqualTo(12);
        assertThat(r.metrics().preemptions().cooperative()).isZero();
        AnalysisMetrics.Latency l = r.metrics().preemptLatencyMs();
        assertThat(l.count()).isEqualTo(12);
        assertThat(l.p50()).isBetween(SysmonConstants.FORCE_PREEMPT_NS / 1e6, SysmonConstants.preemptDeadlineNs(SysmonConstants.MAX_DELAY_NS) / 1e6);
        assertThat(l.max()).isEqualTo(20.409);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aCallFreeLoopWithoutAsyncPreemptionStarvesTheOthers() throws Exception {
        AnalysisResult r = analyze(trace("tightloop_bounded_asyncpreemptoff.trace"), null);
        assertThat(r.asyncpreemptoff()).isTrue();
        assertThat(r.findings()).hasSize(1);
        Finding f = r.findings().get(0);
        assertThat(f.id()).isEqualTo("COOP_STARVATION");
        assertThat(f.goroutine()).isEqualTo(7L);
        // the trace writer g6, created runnable at 73 312 ns, first runs after the spinner
        assertThat(f.message()).isEqualTo("goroutine 7 ran 230.0 ms on P0 until a cooperative preemption while"
                + " goroutine 6 stood runnable for 230.0 ms of it with every P running a goroutine; the deadline is 30.3 ms");
        assertThat(f.evidence().get(0).offset()).isEqualTo(158L);
        assertThat(f.evidence().get(0).line()).isNull();
    }

    @Test
    void loopsWithCallsArePreemptedCooperativelyInTime() throws Exception {
        AnalysisResult r = analyze(trace("loop_with_calls_asyncpreemptoff.trace"), null);
        assertThat(r.metrics().preemptions().async()).isZero();
        assertThat(r.metrics().preemptions().cooperative()).isEqualTo(12);
        assertThat(r.metrics().preemptLatencyMs().max()).isLessThan(SysmonConstants.preemptDeadlineNs(SysmonConstants.MAX_DELAY_NS) / 1e6);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void straceAndTraceOfOneRunAreAnalysedTogether() throws Exception {
        AnalysisResult r = analyze(trace("strace_blocking_read_default.trace"), trace("strace_blocking_read_default.strace.txt"));
        assertThat(r.inputs()).hasSize(2);
        assertThat(r.metrics().sigurgSent()).isEqualTo(1);
        assertThat(r.metrics().preemptions().cooperative()).isEqualTo(1);
        assertThat(r.metrics().latencyBasis()).startsWith("go trace");
        assertThat(r.metrics().sysmon().tid()).isPositive();
        // the raw-pipe read(2) blocks and sysmon retakes the P: one GoSysBlock each in the official dump
        long sysBlocks = java.nio.file.Files.readAllLines(trace("strace_blocking_read_default.godump.txt")).stream()
                .filter(l -> l.contains(" GoSysBlock ")).count();
        assertThat(sysBlocks).isEqualTo(5);
        assertThat(r.metrics().syscallRetakes()).isEqualTo(sysBlocks);
    }

    @Test
    void aGo122TraceInTextFormIsAnalysedLikeABinaryOne() throws Exception {
        Path text = Corpus.root().resolve("gotrace/upstream/go1.22_src_cmd_trace_v2_testdata/go122.test");
        AnalysisResult r = analyze(text, null);
        assertThat(r.goVersion()).isEqualTo("go1.22");
        assertThat(r.metrics().preemptions().async()).isEqualTo(2);
        assertThat(r.metrics().preemptions().cooperative()).isEqualTo(18);
        assertThat(r.metrics().preemptLatencyMs().count()).isEqualTo(20);
        assertThat(r.asyncpreemptoff()).isFalse();
    }
}
