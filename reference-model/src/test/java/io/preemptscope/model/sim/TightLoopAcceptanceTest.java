package io.preemptscope.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.check.Observation;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The canonical regression case (golang/go#10958): GOMAXPROCS=1, a call-free loop of 200 ms and a
 * main goroutine that wants to run every 5 ms.
 */
class TightLoopAcceptanceTest {
    private static final long MS = 1_000_000L;
    private static final int SPINNER = 1;

    static Workload tightLoop(RuntimeProfile profile, boolean apo, long seed) {
        List<Phase> ticks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ticks.add(Phase.sleep(5 * MS));
            ticks.add(Phase.compute(20_000));
        }
        return new Workload(1, profile, apo, seed, 300 * MS, List.of(
                new GoroutineSpec("main", ticks),
                GoroutineSpec.of("spin", Phase.spin(200 * MS))));
    }

    @ParameterizedTest
    @EnumSource(RuntimeProfile.class)
    void asyncPreemptionCutsTheLoopIntoTenToThirtyMillisecondSlices(RuntimeProfile profile) {
        if (!profile.asyncPreemption()) {
            return;
        }
        SliceBand band = Simulator.predictedSliceBand(profile, false);
        for (long seed = 0; seed < 20; seed++) {
            SimResult r = Simulator.run(tightLoop(profile, false, seed));
            List<Slice> preempted = r.slicesOf(SPINNER).stream()
                    .filter(s -> s.end() == SliceEnd.PREEMPTED_ASYNC).toList();
            LongSummaryStatistics lengths = preempted.stream().mapToLong(Slice::lengthNs).summaryStatistics();
            assertThat(preempted).hasSizeGreaterThanOrEqualTo(6);
            assertThat(lengths.getMin()).isGreaterThanOrEqualTo(10 * MS);
            assertThat(lengths.getMax()).isLessThanOrEqualTo(30_300_000L);
            assertThat(preempted).allSatisfy(s -> assertThat(band.contains(s.lengthNs())).isTrue());
            // the spinner gets all its CPU time in the end; each preemption adds one signal handler
            // (at most 3 µs) to the slice it ends
            long total = r.slicesOf(SPINNER).stream().mapToLong(Slice::lengthNs).sum();
            assertThat(total).isBetween(200 * MS, 200 * MS + preempted.size() * 3_000L);
            assertThat(r.slicesOf(SPINNER).get(r.slicesOf(SPINNER).size() - 1).end()).isEqualTo(SliceEnd.EXIT);
            assertThat(r.slicesOf(SPINNER)).noneMatch(s -> s.end() == SliceEnd.PREEMPTED_COOPERATIVE);
        }
    }

    @Test
    void go113AndAsyncpreemptoffPredictNoPreemption() {
        for (RuntimeProfile profile : RuntimeProfile.values()) {
            for (boolean apo : new boolean[] {false, true}) {
                if (profile.runtimeSendsSigurg(apo)) {
                    continue;
                }
                SimResult r = Simulator.run(tightLoop(profile, apo, 7));
                assertThat(r.slicesOf(SPINNER)).singleElement().satisfies(s -> {
                    assertThat(s.lengthNs()).isEqualTo(200 * MS);
                    assertThat(s.end()).isEqualTo(SliceEnd.EXIT);
                });
                assertThat(r.slices()).noneMatch(s -> s.end() == SliceEnd.PREEMPTED_ASYNC
                        || s.end() == SliceEnd.PREEMPTED_COOPERATIVE);
                assertThat(r.all(Observation.SignalSent.class)).isEmpty();
                assertThat(Simulator.predictedSliceBand(profile, apo).bounded()).isFalse();
            }
        }
    }

    @Test
    void bandIsForcePreemptToDeadline() {
        assertThat(Simulator.predictedSliceBand(RuntimeProfile.GO1_16_TO_1_25, false))
                .isEqualTo(new SliceBand(10_000_000L, 30_300_000L));
        assertThat(Simulator.predictedSliceBand(RuntimeProfile.GO1_16_TO_1_25, true))
                .isEqualTo(new SliceBand(10_000_000L, Long.MAX_VALUE));
        assertThat(Simulator.predictedSliceBand(RuntimeProfile.GO1_13, false).bounded()).isFalse();
    }

    @Test
    void sameSeedSameRun() {
        Workload w = tightLoop(RuntimeProfile.GO1_14_1, false, 42);
        assertThat(Simulator.run(w)).isEqualTo(Simulator.run(w));
    }
}
