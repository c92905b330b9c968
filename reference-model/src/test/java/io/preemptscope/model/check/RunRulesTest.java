package io.preemptscope.model.check;

import static io.preemptscope.model.check.Obs.MS;
import static io.preemptscope.model.check.Obs.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRulesTest {
    private static final long DEADLINE = 30_300_000L;

    @Test
    void aRunFarPastTheDeadlineWithoutSigurgIsOnlyInfoWhenNothingElseShowsItWasOneSlice() {
        // a busy goroutine that calls functions runs this long in both modes; strace sees no switch
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25,
                List.of(new Observation.UserRun(5 * MS, 7, 1002, 5 * MS + 6 * DEADLINE, 0)));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(AnomalyId.PREEMPT_LATENCY_EXCEEDED);
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.tid()).isEqualTo(1002);
            assertThat(x.timeNs()).isEqualTo(5 * MS);
            assertThat(x.refs()).containsExactly(7L);
            assertThat(x.message()).contains("a syscall capture (strace, perf) cannot tell whether one goroutine held the P")
                    .contains("capture --gotrace");
        });
    }

    @Test
    void aRunTenDeadlinesLongIsOneSliceEvenFromStraceAlone() {
        List<Violation> v = check(RuntimeProfile.GO1_13, true,
                List.of(new Observation.UserRun(0, 3, 1000, 10 * DEADLINE + 1, 0)));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(AnomalyId.COOP_STARVATION);
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).isEqualTo("thread 1000 ran 303.0 ms of user code without a syscall, 10 times the"
                    + " 30.3 ms deadline: goroutines taking turns make a syscall well within that, so one goroutine"
                    + " most likely held its P, and with asyncpreemptoff=1 only a function call can stop such a loop."
                    + " A syscall capture (strace, perf) does not show who waited for that P; a Go trace (capture --gotrace) does");
        });
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, List.of(new Observation.UserRun(0, 3, 1000,
                10 * DEADLINE + 1, 0)))).singleElement().satisfies(x -> {
                    assertThat(x.id()).isEqualTo(AnomalyId.PREEMPT_LATENCY_EXCEEDED);
                    assertThat(x.severity()).isEqualTo(Severity.WARNING);
                });
    }

    @Test
    void aRunFarPastTheDeadlineOnlyOnTheClockIsJudgedByItsTimeOnACpu() {
        // perf: 13.5 deadlines of wall time, but the kernel had the thread off its CPU half of it
        Observation.UserRun shared = new Observation.UserRun(0, 3, 1000, 409_300_000L, 0).onCpu(203_800_000L);
        assertThat(check(RuntimeProfile.GO1_13, true, List.of(shared))).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(AnomalyId.COOP_STARVATION);
            assertThat(x.severity()).isEqualTo(Severity.INFO);
        });
        Observation.UserRun alone = new Observation.UserRun(0, 3, 1000, 409_300_000L, 0).onCpu(400_000_000L);
        assertThat(check(RuntimeProfile.GO1_13, true, List.of(alone))).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).startsWith("thread 1000 ran 409.3 ms of user code without a syscall, on a CPU"
                    + " 400.0 ms of it, 13 times the 30.3 ms deadline: ");
        });
    }

    @Test
    void aHangWithoutSigurgExceedsTheLatencyBound() {
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25,
                List.of(new Observation.UserRun(5 * MS, 7, 1002, 5 * MS + 3 * DEADLINE + 1, 0, "the capture ended")));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(AnomalyId.PREEMPT_LATENCY_EXCEEDED);
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).isEqualTo("thread 1002 ran 90.9 ms of user code (still running when the capture"
                    + " ended: a hang) and no SIGURG was sent to it; sysmon should have asked for preemption within"
                    + " 30.3 ms");
        });
    }

    @Test
    void aRunCutShortIsAHangOnlyWhenFarPastTheDeadlineAndLongerThanEveryRunThatEnded() {
        Observation.UserRun work = new Observation.UserRun(0, 3, 1000, 150 * MS, 0);
        Observation.UserRun killedEarly = new Observation.UserRun(200 * MS, 4, 1000, 240 * MS, 0,
                "it was killed by SIGINT");
        Observation.UserRun killedMidWork = new Observation.UserRun(200 * MS, 5, 1000, 340 * MS, 0,
                "it was killed by SIGINT");
        Observation.UserRun hung = new Observation.UserRun(200 * MS, 6, 1000, 3200 * MS, 0, "it was killed by SIGINT");
        assertThat(check(RuntimeProfile.GO1_13, List.of(work, killedEarly))).extracting(Violation::severity)
                .containsExactly(Severity.INFO, Severity.INFO);
        assertThat(check(RuntimeProfile.GO1_13, List.of(work, killedMidWork))).extracting(Violation::severity)
                .containsExactly(Severity.INFO, Severity.INFO);
        assertThat(check(RuntimeProfile.GO1_13, List.of(work, hung))).filteredOn(x -> x.refs().contains(6L))
                .singleElement().satisfies(x -> {
                    assertThat(x.severity()).isEqualTo(Severity.WARNING);
                    assertThat(x.message()).startsWith("thread 1000 ran user code without a syscall for 3000.0 ms and"
                            + " was still running when it was killed by SIGINT: a hang.");
                });
    }

    /** Thread 1001 times out on the stop note every 100 µs from 20 ms and is woken at 80.05 ms; refs from 100. */
    private static List<Observation> stopWaitFrom20To80Ms() {
        List<Observation> obs = new java.util.ArrayList<>();
        long t = 20 * MS;
        long ref = 100;
        while (t + 100 * Obs.US < 80 * MS) {
            obs.add(new Observation.NoteSleep(t, ref++, 1001, "0xc000", 100_000L, t + 100 * Obs.US, true));
            t += 100 * Obs.US;
        }
        obs.add(new Observation.NoteSleep(t, ref, 1001, "0xc000", 100_000L, 80 * MS + 50 * Obs.US, false));
        return obs;
    }

    @Test
    void aRunThatHeldUpAStopOfTheWorldIsStarvationWithTheWaitAsEvidence() {
        // thread 1001 times out on the stop note every 100 µs from 20 ms until thread 1000's run ends at 80 ms
        List<Observation> obs = new java.util.ArrayList<>();
        obs.add(new Observation.UserRun(0, 3, 1000, 80 * MS, 0));
        obs.addAll(stopWaitFrom20To80Ms());
        List<Violation> v = check(RuntimeProfile.GO1_13, obs);
        assertThat(v).filteredOn(x -> x.id() == AnomalyId.COOP_STARVATION).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.refs()).containsExactly(3L, 100L);
            assertThat(x.message()).isEqualTo("thread 1000 ran 80.0 ms of user code without a syscall while thread"
                    + " 1001 waited 60.1 ms for the world to stop or a safe point: its goroutine kept its P past the"
                    + " stop request,"
                    + " and with go1.13 only a function call lets it stop");
        });
        assertThat(v).extracting(Violation::id).contains(AnomalyId.STW_STRAGGLER);
    }

    @Test
    void aRunThatEndedLongBeforeAStopEndedDidNotHoldItUp() {
        List<Observation> obs = new java.util.ArrayList<>();
        obs.add(new Observation.UserRun(0, 3, 1000, 50 * MS, 0));
        obs.addAll(stopWaitFrom20To80Ms());
        assertThat(check(RuntimeProfile.GO1_13, obs)).filteredOn(x -> x.id() == AnomalyId.COOP_STARVATION)
                .singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void longRunThatWasSentSigurgOrRunAtTheDeadlineIsFine() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25,
                List.of(new Observation.UserRun(0, 7, 1002, 40 * MS, 1),
                        new Observation.UserRun(50 * MS, 8, 1003, 50 * MS + DEADLINE, 0)))).isEmpty();
    }

    @Test
    void longRunWithoutAsyncPreemptionIsCoopStarvation() {
        for (var setting : List.of(new Object[] {RuntimeProfile.GO1_13, false},
                new Object[] {RuntimeProfile.GO1_15, true})) {
            List<Violation> v = check((RuntimeProfile) setting[0], (Boolean) setting[1],
                    List.of(new Observation.UserRun(0, 3, 1000, 200 * MS, 0, "the capture ended")));
            assertThat(v).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo(AnomalyId.COOP_STARVATION);
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.tid()).isEqualTo(1000);
                assertThat(x.timeNs()).isZero();
                assertThat(x.refs()).containsExactly(3L);
            });
        }
    }

    @Test
    void shortRunWithoutAsyncPreemptionIsFine() {
        assertThat(check(RuntimeProfile.GO1_13, List.of(new Observation.UserRun(0, 3, 1000, 30 * MS, 0)))).isEmpty();
    }
}
