package io.preemptscope.model.check;

import static io.preemptscope.model.check.Obs.MS;
import static io.preemptscope.model.check.Obs.US;
import static io.preemptscope.model.check.Obs.check;
import static io.preemptscope.model.check.Obs.delivered;
import static io.preemptscope.model.check.Obs.entered;
import static io.preemptscope.model.check.Obs.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalRulesTest {
    private static final int SYSMON = 1001;
    private static final int T = 1002;

    private static void assertOne(List<Violation> v, AnomalyId id, Severity severity, int tid, long time,
            Long... refs) {
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(id);
            assertThat(x.severity()).isEqualTo(severity);
            assertThat(x.tid()).isEqualTo(tid);
            assertThat(x.timeNs()).isEqualTo(time);
            assertThat(x.refs()).containsExactly(refs);
        });
    }

    @Test
    void secondSendWhilePendingIsCoalescedAndBreaksTheGuardFrom1141() {
        List<Observation> obs = List.of(sent(0, 1, SYSMON, T), sent(20 * US, 2, SYSMON, T), delivered(25 * US, 3, T));
        assertOne(check(RuntimeProfile.GO1_14_1, obs), AnomalyId.SIGURG_COALESCED, Severity.WARNING, T, 20 * US, 2L, 1L);
        // go1.14.0 has no m.signalPending: merging is legal, the #37741 signature
        assertOne(check(RuntimeProfile.GO1_14_0, obs), AnomalyId.SIGURG_COALESCED, Severity.INFO, T, 20 * US, 2L, 1L);
    }

    @Test
    void sendAfterDeliveryIsNotCoalesced() {
        assertThat(check(RuntimeProfile.GO1_14_1, List.of(sent(0, 1, SYSMON, T), delivered(5 * US, 2, T),
                sent(20 * US, 3, SYSMON, T), delivered(25 * US, 4, T)))).isEmpty();
    }

    @Test
    void signalNeverDeliveredWhileTheThreadKeepsMakingSyscallsIsLost() {
        List<Observation> obs = List.of(sent(0, 1, SYSMON, T), entered(3 * MS, 2, T, "write", "write(1"),
                entered(4 * MS, 3, T, "write", "write(1"));
        assertOne(check(RuntimeProfile.GO1_16_TO_1_25, obs), AnomalyId.SIGURG_LOST, Severity.WARNING, T, 0, 1L, 3L);
    }

    @Test
    void signalPendingAtExitAfterRunningIsLost() {
        List<Observation> obs = List.of(sent(0, 1, SYSMON, T), entered(3 * MS, 2, T, "write", "write(1"),
                new Observation.ThreadExited(4 * MS, 3, T));
        assertOne(check(RuntimeProfile.GO1_16_TO_1_25, obs), AnomalyId.SIGURG_LOST, Severity.WARNING, T, 0, 1L, 3L);
    }

    @Test
    void deliveredSignalIsNotLost() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, List.of(sent(0, 1, SYSMON, T), delivered(5 * US, 2, T),
                entered(3 * MS, 3, T, "write", "write(1"), entered(4 * MS, 4, T, "write", "write(1")))).isEmpty();
    }

    private static List<Observation> deliveries(int n, long gap) {
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            obs.add(sent(i * gap, 2L * i + 1, SYSMON, T));
            obs.add(delivered(i * gap + 10 * US, 2L * i + 2, T));
        }
        return obs;
    }

    @Test
    void moreThanAHundredDeliveriesIn100msIsAStorm() {
        assertOne(check(RuntimeProfile.GO1_16_TO_1_25, deliveries(101, 500 * US)), AnomalyId.SIGURG_STORM,
                Severity.WARNING, T, 100 * 500 * US + 10 * US, 202L);
    }

    @Test
    void aHundredDeliveriesIn100msIsNoStorm() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, deliveries(100, 500 * US))).isEmpty();
        // exactly 1,000/s for 200 ms is at the threshold, not above it
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, deliveries(200, 1 * MS))).isEmpty();
    }

    @Test
    void runtimeSendUnderAsyncpreemptoffIsAnError() {
        List<Observation> obs = List.of(sent(7 * MS, 1, SYSMON, T), delivered(7 * MS + 5 * US, 2, T),
                sent(17 * MS, 3, SYSMON, T), delivered(17 * MS + 5 * US, 4, T));
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25, true, obs);
        assertOne(v, AnomalyId.SIGURG_UNDER_ASYNCPREEMPTOFF, Severity.ERROR, T, 7 * MS, 1L);
        assertThat(v.get(0).message()).startsWith("2 tgkill(SIGURG) sent by the process, first from thread 1001");
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, false, obs)).isEmpty();
    }

    @Test
    void go113NeverSendsSigurg() {
        List<Observation> obs = List.of(sent(7 * MS, 1, SYSMON, T), delivered(7 * MS + 5 * US, 2, T));
        assertOne(check(RuntimeProfile.GO1_13, obs), AnomalyId.SIGURG_IN_GO113, Severity.WARNING, T, 7 * MS, 1L);
        assertThat(check(RuntimeProfile.GO1_14_0, obs)).isEmpty();
    }

    @Test
    void sigurgFromOutsideIsExternal() {
        List<Observation> obs = List.of(new Observation.SignalDelivered(3 * MS, 9, T, "SIGURG", false));
        assertOne(check(RuntimeProfile.GO1_16_TO_1_25, obs), AnomalyId.EXTERNAL_SIGURG, Severity.INFO, T, 3 * MS, 9L);
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, List.of(sent(0, 1, SYSMON, T), delivered(5 * US, 2, T))))
                .isEmpty();
    }

    @Test
    void deliveryMoreThanAMillisecondAfterTheSendIsLate() {
        List<Observation> obs = List.of(sent(0, 1, SYSMON, T), delivered(2 * MS, 2, T));
        assertOne(check(RuntimeProfile.GO1_16_TO_1_25, obs), AnomalyId.SIGNAL_DELIVERY_LATENCY, Severity.INFO, T,
                2 * MS, 2L, 1L);
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, List.of(sent(0, 1, SYSMON, T), delivered(1 * MS, 2, T))))
                .isEmpty();
    }
}
