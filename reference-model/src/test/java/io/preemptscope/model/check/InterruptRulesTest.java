package io.preemptscope.model.check;

import static io.preemptscope.model.check.Obs.MS;
import static io.preemptscope.model.check.Obs.US;
import static io.preemptscope.model.check.Obs.check;
import static io.preemptscope.model.check.Obs.delivered;
import static io.preemptscope.model.check.Obs.entered;
import static io.preemptscope.model.check.Obs.installed;
import static io.preemptscope.model.check.Obs.interrupted;
import static io.preemptscope.model.check.Obs.returned;
import static io.preemptscope.model.check.Obs.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.signal.RestartCode;
import io.preemptscope.model.signal.SignalHandler;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterruptRulesTest {
    private static final int SYSMON = 1001;
    private static final int T = 1003;
    private static final String READ = "read(5";

    private static void assertViolation(Violation x, AnomalyId id, Severity severity, int tid, long time, Long... refs) {
        assertThat(x.id()).isEqualTo(id);
        assertThat(x.severity()).isEqualTo(severity);
        assertThat(x.tid()).isEqualTo(tid);
        assertThat(x.timeNs()).isEqualTo(time);
        assertThat(x.refs()).containsExactly(refs);
    }

    private static List<Observation> directEintrNextToSigurg(long eintrAt) {
        return List.of(sent(1 * MS, 1, SYSMON, T), delivered(1 * MS + 5 * US, 2, T),
                interrupted(eintrAt, 3, T, "read", READ, null), entered(eintrAt + 10 * US, 4, T, "read", READ));
    }

    @Test
    void directEintrFromARestartableCallNextToSigurgDefiesSaRestart() {
        List<Violation> v = check(RuntimeProfile.GO1_14_1, directEintrNextToSigurg(1 * MS + 200 * US));
        assertThat(v).singleElement().satisfies(x -> assertViolation(x, AnomalyId.EINTR_DESPITE_SA_RESTART,
                Severity.ERROR, T, 1 * MS + 200 * US, 3L));
        // go1.15+ retries in internal/poll, so it is only a warning there
        assertThat(check(RuntimeProfile.GO1_15, directEintrNextToSigurg(1 * MS + 200 * US))).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void directEintrBeforeTheDeliveryCountsToo() {
        List<Observation> obs = List.of(sent(995 * US, 1, SYSMON, T), interrupted(1 * MS, 2, T, "read", READ, null),
                entered(1 * MS + 5 * US, 3, T, "read", READ), delivered(1 * MS + 10 * US, 4, T));
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, obs)).singleElement().satisfies(x -> assertViolation(x,
                AnomalyId.EINTR_DESPITE_SA_RESTART, Severity.WARNING, T, 1 * MS, 2L));
    }

    @Test
    void directEintrFarFromAnySigurgIsNotBlamedOnIt() {
        assertThat(check(RuntimeProfile.GO1_14_1, directEintrNextToSigurg(3 * MS))).isEmpty();
    }

    @Test
    void eintrFollowedByAnotherCallIsNotRetried() {
        List<Observation> obs = List.of(interrupted(2 * MS, 1, T, "read", READ, null),
                entered(2 * MS + 30 * US, 2, T, "close", "close(5"));
        assertThat(check(RuntimeProfile.GO1_14_1, obs)).singleElement().satisfies(x -> assertViolation(x,
                AnomalyId.EINTR_NOT_RETRIED, Severity.WARNING, T, 2 * MS, 1L, 2L));
    }

    @Test
    void eintrFollowedByTheSameCallIsRetried() {
        assertThat(check(RuntimeProfile.GO1_14_1, List.of(interrupted(2 * MS, 1, T, "read", READ, null),
                entered(2 * MS + 30 * US, 2, T, "read", READ)))).isEmpty();
    }

    @Test
    void eintrRetriedByTheGoroutineOnAnotherThreadIsRetried() {
        // the thread parks (its futex line prints later, on return); the goroutine retries on thread T + 1
        assertThat(check(RuntimeProfile.GO1_14_1, List.of(interrupted(2 * MS, 1, T, "read", READ, null),
                entered(5 * MS, 3, T + 1, "read", READ),
                entered(2 * MS + 10 * US, 2, T, "futex", "futex(0x530d48")))).isEmpty();
    }

    @Test
    void eintrThatNoThreadRetriesWithinTheWindowIsNotRetried() {
        List<Observation> obs = List.of(interrupted(2 * MS, 1, T, "read", READ, null),
                entered(2 * MS + 10 * US, 2, T, "futex", "futex(0x530d48"),
                entered(20 * MS, 3, T + 1, "read", READ));
        assertThat(check(RuntimeProfile.GO1_14_1, obs)).singleElement().satisfies(x -> {
            assertViolation(x, AnomalyId.EINTR_NOT_RETRIED, Severity.WARNING, T, 2 * MS, 1L, 2L);
            assertThat(x.message()).isEqualTo("read on thread " + T + " failed with EINTR and was not retried: the same"
                    + " call followed on no thread within 10 ms (this thread's next syscall was futex)");
        });
    }

    @Test
    void epollEintrWithoutAnotherWaitWithinTheWindowIsNotRetried() {
        List<Observation> obs = List.of(interrupted(0, 1, T, "epoll_pwait", "epoll_pwait(4", null),
                entered(1 * MS, 2, T, "write", "write(1"), entered(11 * MS, 3, T, "write", "write(1"));
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, obs)).singleElement().satisfies(x -> assertViolation(x,
                AnomalyId.EPOLL_EINTR_NOT_RETRIED, Severity.WARNING, T, 0, 1L, 3L));
    }

    @Test
    void aTimedEpollWaitEndedByEintrNeedsNoRetryInPlace() {
        // netpoll(delay) returns on EINTR from a timed wait; its caller recomputes the delay
        Observation.SyscallInterrupted timed = new Observation.SyscallInterrupted(0, 1, T, "epoll_pwait",
                "epoll_pwait(4", null, true);
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, List.of(timed,
                entered(1 * MS, 2, T, "write", "write(1"), entered(11 * MS, 3, T, "write", "write(1")))).isEmpty();
    }

    @Test
    void epollEintrRetriedWithinTheWindowIsFine() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, List.of(
                interrupted(0, 1, T, "epoll_pwait", "epoll_pwait(4", null),
                entered(1 * MS, 2, T, "write", "write(1"),
                entered(2 * MS, 3, T, "epoll_pwait", "epoll_pwait(4")))).isEmpty();
    }

    @Test
    void interruptedSleepReturnsEintr() {
        String key = "nanosleep({tv_sec=0, tv_nsec=2000000}";
        List<Observation> obs = List.of(sent(0, 1, SYSMON, T),
                interrupted(5 * US, 2, T, "nanosleep", key, RestartCode.ERESTART_RESTARTBLOCK),
                delivered(5 * US, 3, T), returned(7 * US, 4, T, true, false), entered(8 * US, 5, T, "nanosleep", key));
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, obs)).singleElement().satisfies(x -> assertViolation(x,
                AnomalyId.ALWAYS_EINTR_INTERRUPTED, Severity.INFO, T, 7 * US, 2L, 4L));
    }

    @Test
    void restartedReadIsTransparent() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, restarts(1))).isEmpty();
    }

    @Test
    void restartableReadThatGaveEintrIsARestartMismatch() {
        List<Observation> obs = List.of(sent(0, 1, SYSMON, T),
                interrupted(5 * US, 2, T, "read", READ, RestartCode.ERESTARTSYS),
                delivered(5 * US, 3, T), returned(7 * US, 4, T, true, false), entered(8 * US, 5, T, "read", READ));
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25, obs);
        assertThat(v).hasSize(2);
        assertViolation(v.get(0), AnomalyId.ALWAYS_EINTR_INTERRUPTED, Severity.INFO, T, 7 * US, 2L, 4L);
        assertViolation(v.get(1), AnomalyId.RESTART_MISMATCH, Severity.ERROR, T, 7 * US, 4L, 2L);
    }

    @Test
    void noHandRestartThatWasRestartedIsARestartMismatch() {
        List<Observation> obs = List.of(sent(0, 1, SYSMON, T),
                interrupted(5 * US, 2, T, "pselect6", "pselect6(0", RestartCode.ERESTARTNOHAND),
                delivered(5 * US, 3, T), returned(7 * US, 4, T, false, true), entered(7 * US, 5, T, "pselect6", "pselect6(0"));
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25, obs);
        assertThat(v).hasSize(2);
        assertViolation(v.get(0), AnomalyId.ALWAYS_EINTR_INTERRUPTED, Severity.INFO, T, 7 * US, 2L, 4L);
        assertViolation(v.get(1), AnomalyId.RESTART_MISMATCH, Severity.ERROR, T, 7 * US, 4L, 2L);
    }

    @Test
    void replacingGoHandlerWithOneWithoutSaRestartBreaksItsFlags() {
        List<Observation> obs = List.of(installed(0, 1, 1000, SignalHandler.GO_RUNTIME),
                installed(4 * MS, 2, 1004, new SignalHandler("0x4a5b6c", false, true)));
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, obs)).singleElement().satisfies(x -> {
            assertViolation(x, AnomalyId.HANDLER_FLAGS_VIOLATION, Severity.WARNING, 1004, 4 * MS, 2L);
            assertThat(x.message()).isEqualTo("the SIGURG handler was replaced by one without SA_RESTART:"
                    + " interrupted syscalls now fail with EINTR (golang/go#20400)");
        });
    }

    @Test
    void reinstallingAGoStyleHandlerIsFine() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, List.of(installed(0, 1, 1000, SignalHandler.GO_RUNTIME),
                installed(4 * MS, 2, 1000, new SignalHandler("0x4a5b6c", true, true))))).isEmpty();
    }

    /** n interruptions of one read, each restarted by the kernel; refs 5k+1 … 5k+5. */
    private static List<Observation> restarts(int n) {
        List<Observation> obs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long t = k * 10 * MS;
            long ref = 5L * k;
            obs.add(sent(t, ref + 1, SYSMON, T));
            obs.add(interrupted(t + 5 * US, ref + 2, T, "read", READ, RestartCode.ERESTARTSYS));
            obs.add(delivered(t + 5 * US, ref + 3, T));
            obs.add(returned(t + 7 * US, ref + 4, T, false, true));
            obs.add(entered(t + 7 * US, ref + 5, T, "read", READ));
        }
        return obs;
    }

    // a read interrupted this often (100/s) is also SIGURG_TO_SYSCALL_THREAD, the cause of the storm
    @Test
    void eightRestartsOfOneCallAreAStorm() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, restarts(8))).filteredOn(v -> v.id() != AnomalyId.SIGURG_TO_SYSCALL_THREAD)
                .singleElement().satisfies(x -> assertViolation(x, AnomalyId.RESTART_STORM, Severity.WARNING, T, 5 * US, 2L, 39L));
    }

    @Test
    void sevenRestartsAreNoStorm() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, restarts(7))).extracting(Violation::id)
                .containsOnly(AnomalyId.SIGURG_TO_SYSCALL_THREAD);
    }
}
