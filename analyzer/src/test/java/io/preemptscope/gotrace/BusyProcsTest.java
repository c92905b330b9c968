package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stretches in which every P ran a goroutine and no stop of the world was under way, in real traces. */
class BusyProcsTest {
    record Stretch(long fromNs, long toNs) {}

    static List<Stretch> allBusy(Path trace) throws Exception {
        List<Stretch> stretches = new ArrayList<>();
        BusyProcs busy = new BusyProcs((from, to) -> stretches.add(new Stretch(from, to)));
        GoTraceInput.read(trace).replay(new GoTraceInput.Listener() {
            @Override
            public void event(GoEvent e) {
                busy.accept(e);
            }

            @Override
            public void slice(RunSlice slice) {
                busy.sliceEnded(slice);
            }

            @Override
            public void preemption(Preemption preemption) {}
        });
        busy.finish();
        return stretches;
    }

    private static boolean overlaps(Stretch s, long from, long to) {
        return s.fromNs() < to && s.toNs() > from;
    }

    /** starve-2p3g-apo: P1 runs g21 from 0.284 ms, P0 runs g19 from 5.756 ms until its GoPreempt at 574.003 ms. */
    @Test
    void twoSpinnersOnTwoPsKeepEveryPBusy() throws Exception {
        assertThat(allBusy(Corpus.samples().resolve("starve-2p3g-apo.trace"))).contains(new Stretch(5_755_915, 574_003_450));
    }

    /**
     * stwspin-default: the GC worker g5 is created runnable at 17.005 ms and runs only at 28.976 ms
     * (RunnableTrackerTest's tracker says so too), but P0 has no goroutine from 17.038 ms (main
     * parked in a syscall, ProcStop) until 28.971 ms: a free P, so g5 did not wait for the
     * spinner on P1. The loaded machine left the thread that should have run it without a CPU.
     */
    @Test
    void aGoroutineWaitingBesideAnIdlePIsNotBehindTheBusyOne() throws Exception {
        Path trace = Corpus.samples().resolve("stwspin-default.trace");
        assertThat(RunnableTrackerTest.waits(trace)).contains(new RunnableTrackerTest.Wait(5, 17_004_512, 28_975_860));
        assertThat(allBusy(trace)).noneMatch(s -> overlaps(s, 17_038_090, 28_971_385));
    }

    /** stwspin-apo: from the stop's request (11.224 ms) to the restart (160.984 ms) nobody is scheduled. */
    @Test
    void noStretchRunsThroughAStopOfTheWorld() throws Exception {
        assertThat(allBusy(Corpus.samples().resolve("stwspin-apo.trace"))).noneMatch(s -> overlaps(s, 11_224_372, 160_983_525));
    }
}
