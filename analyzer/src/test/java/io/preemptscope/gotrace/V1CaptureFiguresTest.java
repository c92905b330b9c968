package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.preemptscope.gotrace.v1.V1Decoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated go1.19.8 captures: event counts against the official dumps, and the preemption and
 * run-slice figures their README states.
 */
class V1CaptureFiguresTest {

    static Stream<Path> captures() throws Exception {
        return GoTraceCorpus.nonEmptyCaptures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void eventTypeCountsEqualTheDumpsCounts(Path trace) throws Exception {
        Map<String, Long> fromDump = new TreeMap<>();
        for (String line : Files.readAllLines(GoTraceCorpus.dumpOf(trace))) {
            fromDump.merge(line.split(" ")[1], 1L, Long::sum);
        }
        GoTraceStats stats = stats(trace);
        assertThat(stats.eventTypes()).isEqualTo(fromDump);
        assertThat(stats.events()).isEqualTo(fromDump.values().stream().mapToLong(Long::longValue).sum());
        assertThat(stats.format()).isEqualTo("gotrace-v1");
        assertThat(stats.version()).isEqualTo("1.19");
    }

    @Test
    void tightloopForeverDefaultIsPreemptedAsynchronouslyFiveTimes() throws Exception {
        GoTraceAnalysis a = analysis("tightloop_forever_default.trace");
        assertThat(a.preemptions()).hasSize(5).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(PreemptionKind.ASYNC);
            assertThat(p.g()).isEqualTo(7);
            assertThat(p.stack().get(1).function()).isEqualTo("main.spin");
        });
        assertThat(preemptedSlicesMs(a, 7)).containsExactly(8.81694, 18.092077, 20.274785, 20.248679, 20.290144);
    }

    @Test
    void tightloopBoundedDefaultHasTwelveAsyncPreemptionsOfAbout20ms() throws Exception {
        GoTraceAnalysis a = analysis("tightloop_bounded_default.trace");
        assertThat(a.asyncPreemptions()).isEqualTo(12);
        assertThat(a.cooperativePreemptions()).isZero();
        assertThat(a.preemptions()).allSatisfy(p -> assertThat(p.stack().get(1).function()).isEqualTo("main.burn"));
        List<Double> slices = preemptedSlicesMs(a, 7);
        // The first slice after trace start is short (schedtick counts per P); the other 11 are ≈20.3 ms.
        assertThat(slices.get(0)).isCloseTo(2.921, within(0.001));
        assertThat(slices.subList(1, 12)).allSatisfy(ms -> assertThat(ms).isCloseTo(20.3, within(0.11)));
        GoTraceStats stats = stats(GoTraceCorpus.capture("tightloop_bounded_default.trace"));
        assertThat(stats.preemptions()).isEqualTo(new GoTraceStats.Preemptions(12, 0));
        assertThat(stats.runSlices()).isEqualTo(new GoTraceStats.RunSlices(26, 72959, 20408561, 20408561));
    }

    @Test
    void tightloopBoundedWithoutAsyncPreemptionRunsOne229msSlice() throws Exception {
        GoTraceAnalysis a = analysis("tightloop_bounded_asyncpreemptoff.trace");
        assertThat(a.asyncPreemptions()).isZero();
        assertThat(a.cooperativePreemptions()).isEqualTo(1);
        RunSlice longest = longest(a);
        assertThat(longest.g()).isEqualTo(7);
        assertThat(longest.durationNs()).isEqualTo(229_985_397); // README: 229.985 ms
        assertThat(longest.end()).isEqualTo(new SliceEnd.Preempted(PreemptionKind.COOPERATIVE));
        assertThat(stats(GoTraceCorpus.capture("tightloop_bounded_asyncpreemptoff.trace")).runSlices())
                .isEqualTo(new GoTraceStats.RunSlices(14, 1008, 229985397, 229985397));
    }

    @Test
    void loopWithCallsDefaultMixesTwoAsyncAndSixCooperative() throws Exception {
        GoTraceAnalysis a = analysis("loop_with_calls_default.trace");
        assertThat(a.asyncPreemptions()).isEqualTo(2);
        assertThat(a.cooperativePreemptions()).isEqualTo(6);
        assertThat(a.preemptions().stream().filter(p -> p.kind() == PreemptionKind.COOPERATIVE))
                .allSatisfy(p -> assertThat(p.stack().get(0).function()).isEqualTo("main.work"));
    }

    @Test
    void loopWithCallsWithoutAsyncPreemptionIsPreemptedCooperativelyEvery20ms() throws Exception {
        GoTraceAnalysis a = analysis("loop_with_calls_asyncpreemptoff.trace");
        assertThat(a.asyncPreemptions()).isZero();
        assertThat(a.cooperativePreemptions()).isEqualTo(12);
        List<Double> slices = preemptedSlicesMs(a, 7);
        assertThat(slices).hasSize(12);
        assertThat(slices.subList(1, 12)).allSatisfy(ms -> assertThat(ms).isCloseTo(20.2, within(0.13)));
    }

    @Test
    void schedtraceRunsAgreeWithTheirSchedulerLogs() throws Exception {
        GoTraceAnalysis off = analysis("schedtrace_tightloop_bounded_asyncpreemptoff.trace");
        assertThat(off.preemptions()).singleElement().extracting(Preemption::kind).isEqualTo(PreemptionKind.COOPERATIVE);
        assertThat(longest(off).durationNs()).isEqualTo(144_711_693); // README: one 145 ms slice
        for (String name : List.of("schedtrace_tightloop_bounded_default.trace",
                "schedtrace_summary_tightloop_bounded_default.trace")) {
            GoTraceAnalysis on = analysis(name);
            assertThat(on.asyncPreemptions()).as(name).isEqualTo(15);
            assertThat(on.cooperativePreemptions()).as(name).isZero();
        }
    }

    @Test
    void blockingReadShowsSyscallsNetpollAndOneCooperativePreemption() throws Exception {
        Path trace = GoTraceCorpus.capture("strace_blocking_read_default.trace");
        GoTraceStats stats = stats(trace);
        assertThat(stats.procs()).isEqualTo(2);
        assertThat(stats.threads()).isEqualTo(5);
        assertThat(stats.goroutines()).isEqualTo(12);
        assertThat(stats.durationNs()).isEqualTo(39_354_513);
        assertThat(stats.preemptions()).isEqualTo(new GoTraceStats.Preemptions(0, 1));
        GoTraceAnalysis a = GoTraceAnalysis.of(V1Decoder.decode(trace));
        assertThat(a.slices().stream().filter(s -> s.end() instanceof SliceEnd.Syscall)).hasSize(5);
        assertThat(a.slices().stream().filter(s -> s.end().equals(new SliceEnd.Blocked("network")))).hasSize(4);
    }

    @Test
    void versionRangeUsesAsyncPreemptionAndTimerGoroutineEvidence() throws Exception {
        GoVersionRange capture = analysis("tightloop_bounded_default.trace").versions();
        assertThat(capture.label()).isEqualTo("1.19-1.20");
        assertThat(capture.evidence()).hasSize(3).anyMatch(s -> s.contains("asyncPreempt"))
                .anyMatch(s -> s.contains("timers on the Ps"));
        GoTrace old = V1Decoder.decode(GoTraceCorpus.upstream("go1.19.8_src_internal_trace_testdata/stress_1_11_good"));
        GoVersionRange r = GoTraceAnalysis.of(old).versions();
        assertThat(r.label()).isEqualTo("1.11-1.13");
        assertThat(r.evidence()).anyMatch(s -> s.startsWith("TimerGoroutine"));
    }

    @Test
    void emptyTraceIsRejectedWithTheEmptyFileMessage() {
        Path empty = GoTraceCorpus.capture("tightloop_forever_asyncpreemptoff.trace");
        assertThatThrownBy(() -> V1Decoder.decode(empty))
                .isInstanceOf(GoTraceFormatException.class)
                .hasMessage("not a Go execution trace: empty file");
    }

    private static GoTraceStats stats(Path trace) throws Exception {
        GoTrace t = V1Decoder.decode(trace);
        return GoTraceStatsCollector.of(t);
    }

    private static GoTraceAnalysis analysis(String capture) throws Exception {
        return GoTraceAnalysis.of(V1Decoder.decode(GoTraceCorpus.capture(capture)));
    }

    private static List<Double> preemptedSlicesMs(GoTraceAnalysis a, long g) {
        return a.slices().stream().filter(s -> s.g() == g && s.end() instanceof SliceEnd.Preempted)
                .map(s -> s.durationNs() / 1e6).toList();
    }

    private static RunSlice longest(GoTraceAnalysis a) {
        return a.slices().stream().max(java.util.Comparator.comparingLong(RunSlice::durationNs)).orElseThrow();
    }
}
