package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.sim.Simulator;
import io.preemptscope.model.sim.SliceBand;
import io.preemptscope.model.version.RuntimeProfile;
import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the captures show against the simulator's predicted band for a tight loop. */
class SimulatorBandTest {

    @Test
    void observedAsyncSlicesFallInsideTheSimulatorsBand() throws Exception {
        SliceBand band = Simulator.predictedSliceBand(RuntimeProfile.GO1_16_TO_1_25, false);
        Path trace = Corpus.root().resolve("gotrace/captures/tightloop_bounded_default.trace");
        AnalysisResult r = AnalysisRun.of(trace);
        AnalysisMetrics.Latency l = r.metrics().preemptLatencyMs();
        assertThat(l.count()).isEqualTo(12);
        assertThat(band.contains(Math.round(l.p50() * 1e6))).as("p50 %s ms in %s", l.p50(), band).isTrue();
        assertThat(band.contains(Math.round(l.max() * 1e6))).as("max %s ms in %s", l.max(), band).isTrue();
    }

    @Test
    void theSpinSamplesUserRunsAtPreemptionFallInsideTheBand() {
        SliceBand band = Simulator.predictedSliceBand(RuntimeProfile.GO1_16_TO_1_25, false);
        AnalysisResult r = AnalysisRun.of(Corpus.samples().resolve("spin-default.strace.txt"));
        AnalysisMetrics.Latency l = r.metrics().preemptLatencyMs();
        assertThat(band.contains(Math.round(l.p50() * 1e6))).as("p50 %s ms in %s", l.p50(), band).isTrue();
        assertThat(band.contains(Math.round(l.p90() * 1e6))).as("p90 %s ms in %s", l.p90(), band).isTrue();
    }

    @Test
    void withoutAsyncPreemptionTheBandIsUnbounded() {
        assertThat(Simulator.predictedSliceBand(RuntimeProfile.GO1_13, false).bounded()).isFalse();
        assertThat(Simulator.predictedSliceBand(RuntimeProfile.GO1_16_TO_1_25, true).bounded()).isFalse();
    }
}
