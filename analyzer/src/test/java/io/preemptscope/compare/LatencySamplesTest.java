package io.preemptscope.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.analysis.AnalysisOptions;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.CaptureAnalysis;
import io.preemptscope.analysis.input.CaptureSet;
import io.preemptscope.strace.ProblemSink;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.RecordCounts;
import io.preemptscope.testing.Corpus;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The samples compare tests on: the same capture yields the same values, and the tests point the right way. */
class LatencySamplesTest {
    private static final ProblemSink QUIET = new ProblemSink() {
        @Override
        public void report(ReadProblem problem) {}

        @Override
        public void fileRead(String file, RecordCounts counts) {}
    };

    private static AnalysisResult analyse(String sample) throws Exception {
        try (CaptureSet s = CaptureSet.open(List.of(Corpus.samples().resolve(sample)), System.in, QUIET)) {
            return new CaptureAnalysis(AnalysisOptions.auto()).run(s);
        }
    }

    @Test
    void spinDefaultKeepsEveryPreemptionAndDeliveryLatencyTheSameEachTime() throws Exception {
        AnalysisResult a = analyse("spin-default.strace.txt");
        AnalysisResult b = analyse("spin-default.strace.txt");
        assertThat(a.latencySamples()).isEqualTo(b.latencySamples());
        assertThat(a.latencySamples().preemption().count()).isEqualTo(47);
        assertThat(a.latencySamples().preemption().valuesNs()).hasSize(47);
        // tgkill to "--- SIGURG" on the spinning thread: 27 to 50 µs under strace
        assertThat(a.latencySamples().delivery().valuesNs()).hasSize(47)
                .allSatisfy(ns -> assertThat(ns).isBetween(27_000L, 50_000L)).contains(27_000L, 50_000L);
        assertThat(a.latencySamples().longestRunNs()).isEqualTo(30_539_000L);
    }

    @Test
    void aGoTraceSamplesThePreemptedSlices() throws Exception {
        AnalysisResult r = analyse("tracespin-default.trace");
        assertThat(r.latencySamples().preemption().count()).isEqualTo(10);
        assertThat(r.latencySamples().delivery().count()).isZero();
    }

    @Test
    void syntheticShiftedSamplesAreSignificantOnlyUpward() {
        double[] base = IntStream.range(0, 50).mapToDouble(i -> 10 + i * 0.1).toArray();
        double[] later = IntStream.range(0, 50).mapToDouble(i -> 15 + i * 0.1).toArray();
        assertThat(LatencyTest.shift(base, later).pValue()).isLessThan(0.001);
        assertThat(LatencyTest.shift(later, base).pValue()).isGreaterThan(0.99);
        assertThat(LatencyTest.tail(base, later).pValue()).isLessThan(0.001);
        assertThat(LatencyTest.tail(later, base).pValue()).isGreaterThan(0.99);
        assertThat(LatencyTest.shift(base, base).effect()).isEqualTo(0.5);
    }
}
