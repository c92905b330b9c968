package io.preemptscope.model.check;

import static io.preemptscope.model.check.Obs.MS;
import static io.preemptscope.model.check.Obs.US;
import static io.preemptscope.model.check.Obs.delivered;
import static io.preemptscope.model.check.Obs.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.signal.RestartCode;
import io.preemptscope.model.version.GoVersion;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules for stops, GC suspension, relays, syscall targets and release faults: one case each way. */
class StopSuspendAndFaultRulesTest {
    private static final int STW = 2001;
    private static final int T = 2002;
    private static final int GC = 2003;

    private static List<Violation> check(CheckerSettings s, List<Observation> obs) {
        Checker c = new Checker(s);
        obs.forEach(c::observe);
        return c.finish(s, true);
    }

    private static CheckerSettings go(String version, boolean apo) {
        GoVersion v = GoVersion.parse(version);
        return CheckerSettings.defaults(RuntimeProfile.of(v), apo).withRelease(v);
    }

    /** n timeouts of the 100 µs stop loop, 110 µs apart, refs 1..n; woken at the end if ended. */
    private static List<Observation> stopLoop(int n, boolean ended) {
        List<Observation> obs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long t = k * 110 * US;
            obs.add(new Observation.NoteSleep(t, k + 1, STW, "0x52f050", 100 * US, t + 105 * US, true));
        }
        if (ended) {
            long t = n * 110 * US;
            obs.add(new Observation.NoteSleep(t, n + 1, STW, "0x52f050", 100 * US, t + 10 * US, false));
        }
        return obs;
    }

    @Test
    void aStopLongerThanOneMsPlusTracingSlackHasAStraggler() {
        // 20 rounds: 2.2 ms > 1 ms + 2 × 150 µs
        assertThat(check(go("1.19.8", true), stopLoop(20, true))).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(AnomalyId.STW_STRAGGLER);
            assertThat(v.severity()).isEqualTo(Severity.WARNING);
            assertThat(v.tid()).isEqualTo(STW);
            assertThat(v.refs()).containsExactly(1L);
            assertThat(v.message()).startsWith("thread 2001 waited 2.2 ms (20 timeouts of 100 µs on futex 0x52f050)");
        });
        // 10 rounds: 1.1 ms is within 1.3 ms
        assertThat(check(go("1.19.8", true), stopLoop(10, true))).isEmpty();
        // a capture with more tracing overhead allows more
        CheckerSettings slow = go("1.19.8", true).withSlackNs(1 * MS);
        assertThat(check(slow, stopLoop(20, true))).isEmpty();
    }

    /** A trace's stop requested at 0 (ref 7), the last P stopped (ref 9), the world running again. */
    private static Observation.WorldStopped traceStop(long stoppedNs, long endNs, Observation.StopStraggler straggler) {
        return new Observation.WorldStopped(0, 7, endNs, "GC sweep termination", stoppedNs, 1, 9, straggler, null);
    }

    @Test
    void aStopWithAsyncPreemptionThatSignalledNobodyWaitedForPsChangingHandsNotAGoroutine() {
        // as caddy-default's second stop: the loop signals every P running a goroutine, and sent nothing
        assertThat(check(go("1.19.8", false), stopLoop(40, true))).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(AnomalyId.STW_STRAGGLER);
            assertThat(v.severity()).isEqualTo(Severity.INFO);
            assertThat(v.message()).isEqualTo("thread 2001 waited 4.4 ms (40 timeouts of 100 µs on futex 0x52f050) for"
                    + " the world to stop (or for every P to pass a safe point, which forEachP waits for the same way),"
                    + " but no SIGURG was sent: the stop loop signals every P running a goroutine,"
                    + " so none was; it waited for Ps changing hands (threads in the runtime or in syscalls, which"
                    + " tracing slows), not for a goroutine that could not be stopped");
        });
    }

    @Test
    void aStopThatEndedAsSoonAsItsLateSignalArrivedWaitedForDeliveryNotAGoroutine() {
        // as caddy-default's first stop: the SIGURG sent at 0.2 ms reaches T at 4.3 ms; T stops at once
        List<Observation> obs = new ArrayList<>(stopLoop(40, true));
        obs.add(2, sent(200 * US, 5000, STW, T));
        obs.add(40, delivered(4_300 * US, 5001, T));
        assertThat(check(go("1.19.8", false), obs)).filteredOn(v -> v.id() == AnomalyId.STW_STRAGGLER)
                .singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.INFO);
            assertThat(v.message()).endsWith("but the SIGURG it sent took 4.1 ms to reach thread 2002, and the stop"
                    + " ended 110 µs after it arrived: the straggler was preempted at once, and the wait was signal"
                    + " delivery (the tracer holds each signal, and the target may be off the CPU)");
        });
        // delivered at once and the stop went on: a goroutine that could not be stopped
        List<Observation> prompt = new ArrayList<>(stopLoop(40, true));
        prompt.add(2, sent(200 * US, 5000, STW, T));
        prompt.add(3, delivered(210 * US, 5001, T));
        assertThat(check(go("1.19.8", false), prompt)).singleElement()
                .satisfies(v -> assertThat(v.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void aStopOfFewSlowSleepsShowsTheWaiterOffTheCpuNotAGoroutine() {
        // as caddy-apo: one 100 µs sleep that took 4.6 ms, then the note was woken
        List<Observation> obs = List.of(
                new Observation.NoteSleep(0, 1, STW, "0x52f050", 100 * US, 4_600 * US, true),
                new Observation.NoteSleep(4_650 * US, 2, STW, "0x52f050", 100 * US, 4_700 * US, false));
        assertThat(check(go("1.19.8", true), obs)).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.INFO);
            assertThat(v.message()).isEqualTo("thread 2001 waited 4.7 ms (1 timeout of 100 µs on futex 0x52f050) for"
                    + " the world to stop (or for every P to pass a safe point, which forEachP waits for the same way),"
                    + " but its 1 sleep of 100 µs took 4.6 ms: the waiter itself was off the CPU"
                    + " for most of the wait, which shows no goroutine holding a P that long");
        });
    }

    @Test
    void aGoroutineHoldingItsPMoreThanOneMsAfterATraceStopRequestIsAStraggler() {
        Observation.StopStraggler g19 = new Observation.StopStraggler(19, 1, 1_490 * US, 8);
        assertThat(check(go("1.19.8", true), List.of(traceStop(1_500 * US, 1_600 * US, g19)))).singleElement()
                .satisfies(v -> {
                    assertThat(v.id()).isEqualTo(AnomalyId.STW_STRAGGLER);
                    assertThat(v.severity()).isEqualTo(Severity.WARNING);
                    assertThat(v.tid()).isEqualTo(-1);
                    assertThat(v.goroutine()).isEqualTo(19L);
                    assertThat(v.refs()).containsExactly(7L, 8L, 9L);
                    assertThat(v.message()).isEqualTo("goroutine 19 held P1 for 1.490 ms after the stop-the-world"
                            + " request (GC sweep termination) before it was taken off; the last P stopped 1.500 ms"
                            + " after the request, and the 0.100 ms the world then stayed stopped were the stop's own"
                            + " work, not counted; without async preemption only a function call lets a goroutine stop");
                });
    }

    @Test
    void aTraceStopWhoseLengthWasItsOwnWorkHasNoStraggler() {
        Observation.StopStraggler quick = new Observation.StopStraggler(19, 1, 40 * US, 8);
        assertThat(check(go("1.19.8", false), List.of(traceStop(50 * US, 2 * MS, quick)))).isEmpty();
    }

    @Test
    void aTraceStopThatWaitedForAThreadWithoutAGoroutineIsInfo() {
        assertThat(check(go("1.19.8", false), List.of(traceStop(3 * MS, 3_100 * US, null)))).singleElement()
                .satisfies(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.INFO);
                    assertThat(v.goroutine()).isNull();
                    assertThat(v.refs()).containsExactly(7L, 9L);
                    assertThat(v.message()).startsWith("the world took 3.000 ms to stop after the stop-the-world request"
                            + " (GC sweep termination), but no goroutine held its P that long (no goroutine was running"
                            + " on another P): P1 stopped last");
                });
    }

    @Test
    void aTraceStopThatCannotBeMeasuredIsSaidSoAndNotFlagged() {
        Observation.WorldStopped perP = new Observation.WorldStopped(0, 7, 2 * MS, null, -1, -1, -1, null,
                "the trace records it per P");
        assertThat(check(go("1.9", false), List.of(perP))).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.INFO);
            assertThat(v.message()).isEqualTo("the world was stopped 2.000 ms from the stop-the-world request to the"
                    + " restart, but the trace records it per P: the wait for the last P cannot be told from the"
                    + " stop's own work, so no straggler is claimed");
        });
        Observation.WorldStopped shortPerP = new Observation.WorldStopped(0, 7, 900 * US, null, -1, -1, -1, null,
                "the trace records it per P");
        assertThat(check(go("1.9", false), List.of(shortPerP))).isEmpty();
    }

    private static List<Observation> endlessStopWithDeliveries() {
        List<Observation> obs = new ArrayList<>(stopLoop(1000, false));
        obs.add(1, sent(150 * US, 5000, STW, T));
        obs.add(2, delivered(160 * US, 5001, T));
        return obs;
    }

    @Test
    void anEndlessStopWhoseStragglerIsSignalledIsTheGo1143Hang() {
        assertThat(check(go("1.14.3", false), endlessStopWithDeliveries())).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(AnomalyId.STW_HANG_PREEMPT_DISABLED);
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.message()).contains("SIGURG went to thread 2002 (1 delivered)");
        });
        // fixed in go1.14.4: the same capture is a straggler only
        assertThat(check(go("1.14.4", false), endlessStopWithDeliveries())).extracting(Violation::id)
                .containsExactly(AnomalyId.STW_STRAGGLER);
    }

    private static List<Observation> spin(int yields, long stepNs, boolean earlySend) {
        List<Observation> obs = new ArrayList<>();
        for (int k = 0; k < yields; k++) {
            obs.add(new Observation.Yielded(k * stepNs, k + 1, GC));
        }
        obs.add(sent(stepNs / 2, 100, GC, T));
        if (!earlySend) {
            obs.add(delivered(stepNs / 2 + 10 * US, 101, T));
        }
        obs.add(sent(3 * stepNs / 2, 102, GC, T));
        obs.add(delivered(3 * stepNs / 2 + 10 * US, 103, T));
        obs.sort(java.util.Comparator.comparingLong(Observation::timeNs));
        return obs;
    }

    @Test
    void aSuspendSpinIsStuckPastTheThresholdOrWhenItSignalsBeforeTheDelivery() {
        // 20 yields 100 µs apart: 1.9 ms > 1.3 ms
        assertThat(check(go("1.19.8", false), spin(20, 100 * US, false))).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(AnomalyId.GC_SUSPEND_SPIN);
            assertThat(v.tid()).isEqualTo(GC);
            assertThat(v.message()).startsWith("thread 2003 called sched_yield 20 times in 1.9 ms");
        });
        assertThat(check(go("1.19.8", false), spin(10, 20 * US, false))).isEmpty();
        assertThat(check(go("1.19.8", false), spin(10, 20 * US, true))).extracting(Violation::id)
                .contains(AnomalyId.GC_SUSPEND_SPIN);
    }

    @Test
    void theSigurgSuspendGSendsJustBeforeItFirstYieldsBelongsToTheSpin() {
        // gojq under perf: getpid, tgkill(SIGURG), then 20 yields; the target is in a syscall and takes it later
        List<Observation> obs = new ArrayList<>();
        obs.add(sent(0, 1, GC, T));
        for (int k = 0; k < 20; k++) {
            obs.add(new Observation.Yielded(30 * US + k * 100 * US, k + 2, GC));
        }
        obs.add(delivered(2 * MS + 100 * US, 30, T));
        assertThat(check(go("1.19.8", false), obs)).filteredOn(v -> v.id() == AnomalyId.GC_SUSPEND_SPIN)
                .singleElement().satisfies(v -> {
            assertThat(v.message()).startsWith("thread 2003 called sched_yield 20 times in 1.9 ms, 1 tgkill(SIGURG),"
                    + " last to thread " + T);
        });
        // a send long before is another wait's
        List<Observation> older = new ArrayList<>(obs);
        older.set(0, sent(-5 * MS, 1, GC, T));
        older.sort(java.util.Comparator.comparingLong(Observation::timeNs));
        assertThat(check(go("1.19.8", false), older)).filteredOn(v -> v.id() == AnomalyId.GC_SUSPEND_SPIN)
                .singleElement().satisfies(v -> assertThat(v.message()).contains("sending no SIGURG"));
    }

    @Test
    void sendingSigurgToAnotherProcessRightAfterGettingOneIsARelay() {
        List<Observation> relay = List.of(delivered(0, 1, T), new Observation.SignalSentOut(2 * MS, 2, 2005, 4200, "SIGURG"));
        assertThat(check(go("1.19.8", false), relay)).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(AnomalyId.SIGURG_FORWARDED);
            assertThat(v.refs()).containsExactly(2L, 1L);
        });
        assertThat(check(go("1.19.8", false), List.of(new Observation.SignalSentOut(2 * MS, 2, 2005, 4200, "SIGURG")))).isEmpty();
        assertThat(check(go("1.19.8", false), List.of(delivered(0, 1, T),
                new Observation.SignalSentOut(2 * MS, 2, 2005, 4200, "SIGTERM")))).isEmpty();
    }

    private static List<Observation> interruptedReads(int n, String syscall) {
        List<Observation> obs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long t = k * 10 * MS;
            obs.add(new Observation.SyscallInterrupted(t, 3L * k + 1, T, syscall, syscall + "(3", RestartCode.ERESTARTSYS, false));
            obs.add(delivered(t + 10 * US, 3L * k + 2, T));
            obs.add(new Observation.SignalReturned(t + 20 * US, 3L * k + 3, T, false, true));
        }
        return obs;
    }

    @Test
    void moreThanFiveInterruptedSyscallsASecondOnOneThreadAreNoRace() {
        assertThat(check(go("1.19.8", false), interruptedReads(6, "read"))).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(AnomalyId.SIGURG_TO_SYSCALL_THREAD);
            assertThat(v.severity()).isEqualTo(Severity.INFO);
            assertThat(v.refs()).containsExactly(2L, 17L, 16L);
        });
        assertThat(check(go("1.19.8", false), interruptedReads(5, "read"))).isEmpty();
        // a runtime lock wait is Go code to the scheduler: signalling it is no race
        assertThat(check(go("1.19.8", false), interruptedReads(6, "futex"))).isEmpty();
    }

    private static List<Observation> sendsWithoutDelivery(int n) {
        List<Observation> obs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            obs.add(sent(k * 40 * US, k + 1, 2001 + k % 3, T));
        }
        return obs;
    }

    @Test
    void tenSendsPerDeliveryOnGo1140AreTheLivelock() {
        assertThat(check(go("1.14", false), sendsWithoutDelivery(10))).filteredOn(v -> v.id() == AnomalyId.PREEMPT_LIVELOCK_1_14_0)
                .singleElement().satisfies(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.ERROR);
                    assertThat(v.refs()).containsExactly(10L, 1L);
                });
        assertThat(check(go("1.14", false), sendsWithoutDelivery(9))).noneMatch(v -> v.id() == AnomalyId.PREEMPT_LIVELOCK_1_14_0);
        assertThat(check(go("1.14.1", false), sendsWithoutDelivery(10))).noneMatch(v -> v.id() == AnomalyId.PREEMPT_LIVELOCK_1_14_0);
    }

    @Test
    void aFailedSignalStackMlockMattersOnGo114And115Only() {
        List<Observation> mlock = List.of(new Observation.MemoryLockFailed(0, 1, T, 4096, "ENOMEM"));
        assertThat(check(go("1.14", false), mlock)).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(AnomalyId.MLOCK_SIGSTACK_FAILURE);
            assertThat(v.message()).contains("go1.14.0 throws");
        });
        assertThat(check(go("1.15.3", false), mlock)).extracting(Violation::id).containsExactly(AnomalyId.MLOCK_SIGSTACK_FAILURE);
        assertThat(check(go("1.16", false), mlock)).isEmpty();
        // without an exact release the go1.16+ default profile says nothing
        assertThat(check(CheckerSettings.defaults(RuntimeProfile.GO1_16_TO_1_25, false), mlock)).isEmpty();
        assertThat(check(go("1.14.1", false), List.of(new Observation.MemoryLockFailed(0, 1, T, 8192, "ENOMEM")))).isEmpty();
    }
}
