package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which goroutines stood runnable, and when, in real traces of both formats: blocked, sleeping
 * and syscall-bound goroutines never count, whatever state the trace began in.
 */
class RunnableTrackerTest {
    record Wait(long g, long fromNs, long toNs) {}

    static List<Wait> waits(Path trace) throws Exception {
        List<Wait> waits = new ArrayList<>();
        RunnableTracker tracker = new RunnableTracker((g, from, to) -> waits.add(new Wait(g, from, to)));
        GoTraceInput.read(trace).replay(new GoTraceInput.Listener() {
            @Override
            public void event(GoEvent e) {
                tracker.accept(e);
            }

            @Override
            public void slice(RunSlice slice) {}

            @Override
            public void preemption(Preemption preemption) {}
        });
        tracker.finish();
        return waits;
    }

    /**
     * tracespin-apo (GOMAXPROCS 1): of the goroutines the v1 trace begins with, forcegchelper,
     * bgsweep and bgscavenge (g2-g4) are followed by GoWaiting and never count; runfinq (g5)
     * has none, so it was runnable, and so is the trace writer g6 created at 14 372 ns: neither
     * runs before the trace ends, behind the spinner g7. The stretches still open at the end
     * (g1 after trace.Stop's GoSched, g7 after its GoPreempt) come last, by goroutine.
     */
    @Test
    void v1GoroutinesThatBeginWaitingAreNotRunnableAndTheOthersAre() throws Exception {
        assertThat(waits(Corpus.samples().resolve("tracespin-apo.trace"))).containsExactly(
                new Wait(1, 0, 6_458),
                new Wait(7, 44_793, 105_364),
                new Wait(1, 203_003_893, 203_006_185),
                new Wait(1, 203_013_433, 203_013_433),
                new Wait(5, 6_335, 203_013_433),
                new Wait(6, 14_372, 203_013_433),
                new Wait(7, 202_993_218, 203_013_433));
    }

    /**
     * gotest-apo: the test goroutine g7 sleeps (GoSleep) through the spinner g8's 507.8 ms slice
     * and the trace writer g6 is blocked in ReadTrace: no goroutine stands runnable during it.
     */
    @Test
    void sleepingAndBlockedGoroutinesAreNotRunnable() throws Exception {
        List<Wait> waits = waits(Corpus.samples().resolve("gotest-apo.trace"));
        assertThat(waits).filteredOn(w -> w.fromNs() < 508_437_400 && w.toNs() > 632_480).isEmpty();
        assertThat(waits).contains(new Wait(7, 508_453_128, 508_455_470));
    }

    /**
     * strace_blocking_read_default: g24 reads a raw pipe with read(2) and sysmon takes its P
     * (GoSysBlock); GoSysExit carries the syscall's real end (37 660 480 ns, which go tool trace
     * -d prints too), from which g24 waited for a P until its GoStart at 37 826 708 ns. Before,
     * it waited from its GoCreate, and after its write(2) was retaken, from that one's end.
     */
    @Test
    void v1GoroutinesBackFromABlockedSyscallWaitFromItsRealEnd() throws Exception {
        List<Wait> waits = waits(Corpus.root().resolve("gotrace/captures/strace_blocking_read_default.trace"));
        assertThat(waits).filteredOn(w -> w.g() == 24).containsExactly(
                new Wait(24, 7_006_909, 7_465_379),
                new Wait(24, 37_660_480, 37_826_708),
                new Wait(24, 38_458_917, 38_487_863));
    }

    /**
     * go122-gc-stress, converted from a real Go 1.22 run: GoStatus gives each goroutine's state
     * when the trace first mentions it. g83 begins runnable (gstatus 1 at 154 624 ns) and starts
     * 64 ns later; g121 begins waiting (gstatus 4 at 156 800 ns) and is runnable only from its
     * GoUnblock at 157 440 ns.
     */
    @Test
    void v2GoStatusRunnableCountsAndWaitingDoesNot() throws Exception {
        Path trace = Corpus.root().resolve("gotrace/upstream/go1.22plus_src_internal_trace_testdata_tests/go122-gc-stress.test");
        List<Wait> waits = waits(trace);
        assertThat(waits).filteredOn(w -> w.g() == 83).first().isEqualTo(new Wait(83, 154_624, 154_688));
        assertThat(waits).filteredOn(w -> w.g() == 121).first().isEqualTo(new Wait(121, 157_440, 198_848));
        assertThat(waits).hasSize(693);
    }
}
