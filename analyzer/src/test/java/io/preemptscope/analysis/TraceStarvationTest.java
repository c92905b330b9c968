package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COOP_STARVATION and PREEMPT_LATENCY_EXCEEDED from Go traces claim that another goroutine waited
 * only for one that stood runnable (not blocked, asleep or in a syscall, whatever state the trace
 * began in) while every P ran a goroutine, and they name it. Real captures of sample-traces/ (see
 * its README), except where a name says synthetic.
 */
class TraceStarvationTest {
    private static AnalysisResult analyze(String sample) {
        return AnalysisRun.of(Corpus.samples().resolve(sample));
    }

    private static List<String> messages(AnalysisResult r) {
        return r.findings().stream().map(f -> f.id() + " " + f.severity().name().toLowerCase(java.util.Locale.ROOT)
                + " g" + f.goroutine() + ": " + f.message()).toList();
    }

    /**
     * Three call-free spinners on GOMAXPROCS(2) without async preemption: g20 stands runnable from
     * its GoCreate until 574.047 ms, and both Ps run spinners (g19 and g21) from 5.756 ms until g19
     * is preempted at 574.003 ms. g20's own slice that follows has no waiter: g21 ended and main
     * is blocked in WaitGroup.Wait.
     */
    @Test
    void aSpinnerRunnableWhileBothPsRunSpinnersIsTheWaiterNamed() {
        assertThat(messages(analyze("starve-2p3g-apo.trace"))).containsExactly(
                "COOP_STARVATION warning g21: goroutine 21 ran 584.0 ms on P1 until a cooperative preemption while"
                        + " goroutine 20 stood runnable for 568.2 ms of it with every P running a goroutine; the deadline"
                        + " is 30.3 ms",
                "COOP_STARVATION warning g19: goroutine 19 ran 568.2 ms on P0 until a cooperative preemption while"
                        + " goroutine 20 stood runnable for 568.2 ms of it with every P running a goroutine; the deadline"
                        + " is 30.3 ms");
    }

    /**
     * One spinner on GOMAXPROCS(2): the other P is free and nothing is runnable (the goroutines the
     * trace begins with are GoWaiting, main is blocked). No starvation; the 383 ms slice that no
     * async preemption ended still shows that async preemption was off.
     */
    @Test
    void aSpinnerBesideAFreePStarvesNobody() {
        AnalysisResult r = analyze("starve-2p1g-apo.trace");
        assertThat(r.findings()).isEmpty();
        assertThat(r.asyncPreemption()).isEqualTo("off");
    }

    /**
     * gotest-apo: during the spinner's 507.8 ms slice the test goroutine sleeps (its 2 ms timer is
     * due, but a trace shows a sleeper only once it is woken), the trace writer is blocked and
     * forcegchelper, bgsweep, bgscavenge began waiting (GoWaiting). Nobody was runnable.
     */
    @Test
    void goroutinesThatBeganWaitingOrSleepAreNotWaitingForAP() {
        AnalysisResult r = analyze("gotest-apo.trace");
        assertThat(r.findings()).isEmpty();
        assertThat(r.asyncPreemption()).isEqualTo("off");
        assertThat(r.goVersionBasis()).endsWith("no SIGURG and no async preemption anywhere, and a run that async"
                + " preemption would have ended: Go 1.13 behaviour or GODEBUG=asyncpreemptoff=1");
    }

    /** gotest-default: the 43.0 and 31.9 ms slices ended late, but only a sleeper was behind them. */
    @Test
    void lateAsyncPreemptionsWithNobodyRunnableAreNotFlagged() {
        assertThat(analyze("gotest-default.trace").findings()).isEmpty();
    }

    /**
     * tracespin-apo: runfinq (g5) exists when the trace begins and has no GoWaiting, so it was
     * runnable; it and the trace writer g6 wait behind the spinner's whole slice. The earlier
     * goroutine is named.
     */
    @Test
    void aGoroutineRunnableWhenTheTraceBeganIsAWaiter() {
        assertThat(messages(analyze("tracespin-apo.trace"))).containsExactly(
                "COOP_STARVATION warning g7: goroutine 7 ran 202.9 ms on P0 until a cooperative preemption while"
                        + " goroutine 5 stood runnable for 202.9 ms of it with every P running a goroutine; the deadline"
                        + " is 30.3 ms");
    }

    private static AnalysisResult synthetic(String name) {
        return AnalysisRun.of(Path.of("src/test/resources/gotrace").resolve(name));
    }

    /**
     * Synthetic (v2 text, no real capture can show it): g2 is runnable (GoStatus) for the 50 ms
     * that g1 runs on P0, but P1 is idle (ProcStatus): a free P could have run g2.
     */
    @Test
    void syntheticRunnableBesideAnIdlePIsNoWait() {
        assertThat(synthetic("runnable-beside-free-p-synthetic.test").findings()).isEmpty();
    }

    /** Synthetic: the same with P1 running g3 the whole time: g2 waits for both slices. */
    @Test
    void syntheticRunnableWhileEveryPIsBusyIsAWait() {
        assertThat(messages(synthetic("runnable-beside-busy-ps-synthetic.test"))).containsExactly(
                "COOP_STARVATION warning g1: goroutine 1 ran 50.0 ms on P0 until a cooperative preemption while"
                        + " goroutine 2 stood runnable for 50.0 ms of it with every P running a goroutine; the deadline"
                        + " is 30.3 ms",
                "COOP_STARVATION warning g3: goroutine 3 ran 50.0 ms on P1 until it gave up the P itself while"
                        + " goroutine 2 stood runnable for 50.0 ms of it with every P running a goroutine; the deadline"
                        + " is 30.3 ms");
    }
}
