package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the last P stopped after a stop of the world was requested, and which goroutine held its P
 * longest, read from real traces of both formats; the times were checked against go1.19's
 * {@code go tool trace -d} (v1) and the text form (v2).
 */
class StopTrackerTest {
    static List<WorldStop> stops(Path trace, boolean perP) throws Exception {
        List<WorldStop> stops = new ArrayList<>();
        BusyProcs busy = new BusyProcs((from, to) -> { });
        StopTracker tracker = new StopTracker(stops::add, busy, perP);
        GoTraceInput.read(trace).replay(new GoTraceInput.Listener() {
            @Override
            public void event(GoEvent e) {
                busy.accept(e);
                tracker.accept(e);
            }

            @Override
            public void slice(RunSlice slice) {
                busy.sliceEnded(slice);
                tracker.sliceEnded(slice);
            }

            @Override
            public void preemption(Preemption preemption) {}
        });
        return stops;
    }

    private static Path sample(String name) {
        return Corpus.samples().resolve(name);
    }

    private static Path upstream(String path) {
        return Corpus.root().resolve("gotrace/upstream").resolve(path);
    }

    /**
     * stwspin-apo: runtime.GC's sweep termination is requested at 11.224 ms while the call-free
     * loop g19 runs on P1; nothing but a function call can stop it, so it keeps P1 until its
     * GoPreempt at 160.864 ms (149.640 ms later) and P1 stops at 160.876 ms. The world runs
     * again at 160.984 ms: 0.108 ms of the stop's own work. The mark termination that follows
     * finds P0 already idle: nothing to wait for.
     */
    @Test
    void aCallFreeLoopWithoutAsyncPreemptionIsTheStraggler() throws Exception {
        assertThat(stops(sample("stwspin-apo.trace"), false)).containsExactly(
                new WorldStop(11_224_372, 153, "sweep termination", 0, 160_983_525, 160_875_725, 1, 575,
                        new WorldStop.Straggler(19, 1, 153_835, 160_863_921, 569), null),
                new WorldStop(161_421_215, 601, "mark termination", 1, 161_603_866, 161_421_215, -1, -1, null, null));
    }

    /** stwspin-default: the same loop is preempted asynchronously 43.262 µs after the request. */
    @Test
    void withAsyncPreemptionTheSameLoopStopsAtOnce() throws Exception {
        assertThat(stops(sample("stwspin-default.trace"), false)).first().isEqualTo(
                new WorldStop(29_085_047, 166, "sweep termination", 0, 29_195_308, 29_131_947, 1, 506,
                        new WorldStop.Straggler(19, 1, 17_079_388, 29_128_309, 501), null));
    }

    /**
     * stwload-default: this stop lasted 35.608 ms, but the last P stopped 0.662 ms after the
     * request (the loop g7 was preempted after 0.659 ms); the rest is the stop's own work, done
     * by a thread that had to wait for the shared CPU.
     */
    @Test
    void aLongStopWhoseTimeWasItsOwnWorkHasAShortWait() throws Exception {
        WorldStop w = stops(sample("stwload-default.trace"), false).stream()
                .filter(s -> s.requestNs() == 208_826_063).findFirst().orElseThrow();
        assertThat(w.doneNs() - w.requestNs()).isEqualTo(35_608_261);
        assertThat(w.waitNs()).isEqualTo(662_086);
        assertThat(w.straggler()).isEqualTo(new WorldStop.Straggler(7, 1, 186_870_484, 209_485_322, 15329));
    }

    /**
     * go122.test (a real Go 1.22 run, text form): the sweep termination at 21.578 ms waits for
     * P2, which a thread had started (ProcStart at 21.558 ms) without running a goroutine on it,
     * and for P0, which a thread was handed just before the request (its ProcStart comes after):
     * P2 stops last, 53.504 µs after the request. The first stop, at trace start, finds the
     * other Ps' status only afterwards (ProcStatus): nothing to wait for.
     */
    @Test
    void v2StopsWaitForEveryStartedPAndOnesStartedLate() throws Exception {
        List<WorldStop> stops = stops(upstream("go1.22_src_cmd_trace_v2_testdata/go122.test"), false);
        assertThat(stops).hasSize(7);
        assertThat(stops.get(0)).isEqualTo(new WorldStop(17_216, 3514, "start trace", 0, 26_048, 17_216, -1, -1, null, null));
        assertThat(stops.get(1)).isEqualTo(
                new WorldStop(21_578_240, 2161, "GC sweep termination", 1, 21_680_832, 21_631_744, 2, 3544, null, null));
        assertThat(stops).allSatisfy(s -> assertThat(s.unmeasurable()).isNull());
    }

    /**
     * stress_1_10_good (Go 1.10 test data): the 3.524 ms sweep termination at 51.687 ms waited
     * 3.442 ms: P1, held by an M that ran no goroutine, stopped after 3.189 ms, then P2 and P0,
     * handed to Ms before the request, were started and stopped, the last at 55.128 ms. No
     * goroutine was running on another P when the stop was requested.
     */
    @Test
    void aStopCanWaitForThreadsThatRunNoGoroutine() throws Exception {
        WorldStop w = stops(upstream("go1.19.8_src_internal_trace_testdata/stress_1_10_good"), false).stream()
                .filter(s -> s.requestNs() == 51_686_706).findFirst().orElseThrow();
        assertThat(w).isEqualTo(
                new WorldStop(51_686_706, 316254, "sweep termination", 3, 55_210_767, 55_128_214, 2, 129171, null, null));
    }

    /** stress_1_9_good: before Go 1.10 each P wrote its own stop events; none can be measured. */
    @Test
    void go19AndOlderRecordStopsPerPAndCannotShowTheWait() throws Exception {
        List<WorldStop> stops = stops(upstream("go1.19.8_src_internal_trace_testdata/stress_1_9_good"), true);
        assertThat(stops).hasSize(1004).allSatisfy(s -> {
            assertThat(s.stoppedNs()).isEqualTo(-1);
            assertThat(s.unmeasurable()).startsWith("Go 1.9 and older record a stop of the world per P");
        });
    }
}
