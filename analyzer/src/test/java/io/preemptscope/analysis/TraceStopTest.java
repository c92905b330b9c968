package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * STW_STRAGGLER from Go traces measures the goroutine that kept its P after the stop was requested
 * and the wait until the last P stopped, never the work done while the world stood still. Real
 * traces of sample-traces/ (see its README) and of the shared corpus.
 */
class TraceStopTest {
    private static List<Finding> stragglers(Path trace) {
        return AnalysisRun.of(trace).findings().stream().filter(f -> f.id().equals("STW_STRAGGLER")).toList();
    }

    private static Path sample(String name) {
        return Corpus.samples().resolve(name);
    }

    /**
     * stwspin-apo: runtime.GC stops the world while a call-free loop runs on the other P and async
     * preemption is off: the loop (g19) keeps P1 149.640 ms after the request, until its GoPreempt
     * (offset 569); P1's ProcStop (575) follows 11 µs later; the 0.108 ms to GCSTWDone are the
     * stop's own work. Nobody stood runnable meanwhile, so no COOP_STARVATION either.
     */
    @Test
    void theLoopThatKeptItsPAfterTheRequestIsTheStraggler() {
        AnalysisResult r = AnalysisRun.of(sample("stwspin-apo.trace"));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("STW_STRAGGLER");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.goroutine()).isEqualTo(19L);
            assertThat(f.ts()).isEqualByComparingTo("0.011224372");
            assertThat(f.evidence()).extracting(Evidence::offset).containsExactly(153L, 569L, 575L);
            assertThat(f.message()).isEqualTo("goroutine 19 held P1 for 149.640 ms after the stop-the-world request"
                    + " (sweep termination) before it was taken off; the last P stopped 149.651 ms after the request,"
                    + " and the 0.108 ms the world then stayed stopped were the stop's own work, not counted; without"
                    + " async preemption only a function call lets a goroutine stop");
        });
    }

    /** stwspin-default: async preemption takes the same loop off 43 µs after the request. */
    @Test
    void withAsyncPreemptionTheSameStopHasNoStraggler() {
        assertThat(AnalysisRun.of(sample("stwspin-default.trace")).findings()).isEmpty();
    }

    /**
     * stwload-default, on one CPU shared with two busy loops: of its 20 stops, 7 waited more than
     * 1 ms for the spinner g7 (its thread had no CPU to take the SIGURG); 3 others lasted 4.188,
     * 11.543 and 35.608 ms while their last P stopped within 0.7 ms: the requester's thread waited
     * for the CPU in the middle of the stop's own work, and they are not stragglers.
     */
    @Test
    void onALoadedMachineOnlyTheStopsThatWaitedForAGoroutineAreFlagged() {
        List<Finding> stragglers = stragglers(sample("stwload-default.trace"));
        assertThat(stragglers).extracting(f -> f.goroutine() + " " + f.message().substring(f.message().indexOf(" held ")
                + 1, f.message().indexOf(" before"))).containsExactly(
                "7 held P1 for 7.406 ms after the stop-the-world request (sweep termination)",
                "7 held P1 for 2.405 ms after the stop-the-world request (mark termination)",
                "7 held P1 for 44.240 ms after the stop-the-world request (sweep termination)",
                "7 held P0 for 10.426 ms after the stop-the-world request (mark termination)",
                "7 held P1 for 1.611 ms after the stop-the-world request (sweep termination)",
                "7 held P1 for 8.052 ms after the stop-the-world request (mark termination)",
                "7 held P1 for 5.192 ms after the stop-the-world request (sweep termination)");
        assertThat(stragglers).extracting(Finding::ts).map(Object::toString).doesNotContain("0.01223186", "0.114535184",
                "0.208826063");
    }

    /**
     * stress_1_10_good (Go 1.10 test data): the 3.524 ms sweep termination waited 3.442 ms, but
     * for threads that ran no goroutine (one held P1, others were handed P2 and P0 before the
     * request and started them late): information, not a goroutine straggler.
     */
    @Test
    void aStopThatWaitedForThreadsWithoutAGoroutineIsInformation() {
        Path trace = Corpus.root().resolve("gotrace/upstream/go1.19.8_src_internal_trace_testdata/stress_1_10_good");
        assertThat(stragglers(trace)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.evidence()).extracting(Evidence::offset).containsExactly(316254L, 129171L);
            assertThat(f.message()).isEqualTo("the world took 3.442 ms to stop after the stop-the-world request (sweep"
                    + " termination), but no goroutine held its P that long (no goroutine was running on another P):"
                    + " P2 stopped last, its thread late to the stop (not given a CPU, or busy in runtime code), which no"
                    + " preemption can shorten");
        });
    }

    /** go122.test (real Go 1.22, text form): seven stops, the longest waiting 53.5 µs. */
    @Test
    void aV2TraceWithQuickStopsHasNoStraggler() {
        assertThat(stragglers(Corpus.root().resolve("gotrace/upstream/go1.22_src_cmd_trace_v2_testdata/go122.test")))
                .isEmpty();
    }
}
