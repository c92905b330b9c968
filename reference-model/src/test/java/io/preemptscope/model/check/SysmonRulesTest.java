package io.preemptscope.model.check;

import static io.preemptscope.model.check.Obs.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SysmonRulesTest {
    private static final int SYSMON = 1001;

    private static List<Observation> sleeps(long... requested) {
        List<Observation> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < requested.length; i++) {
            out.add(new Observation.SysmonSlept(t, 100 + i, SYSMON, requested[i], requested[i] + 50_000));
            t += requested[i] + 50_000;
        }
        return out;
    }

    private static long[] schedule(int shortSleeps, long... then) {
        long[] out = new long[shortSleeps + then.length];
        java.util.Arrays.fill(out, 0, shortSleeps, 20_000L);
        System.arraycopy(then, 0, out, shortSleeps, then.length);
        return out;
    }

    @Test
    void doublingAfterTenShortSleepsBreaksTheSchedule() {
        List<Observation> obs = sleeps(schedule(10, 40_000L, 80_000L));
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25, obs);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(AnomalyId.SYSMON_SCHEDULE_VIOLATION);
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.tid()).isEqualTo(SYSMON);
            assertThat(x.timeNs()).isEqualTo(obs.get(10).timeNs());
            assertThat(x.refs()).containsExactly(110L);
            assertThat(x.message()).isEqualTo("sysmon doubled its delay after 10 sleeps of 20 µs instead of at least 50");
        });
    }

    @Test
    void aDelayOffTheScheduleIsReportedOnceWithTheCount() {
        List<Violation> v = check(RuntimeProfile.GO1_13, sleeps(20_000L, 30_000L, 30_000L));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.refs()).containsExactly(101L);
            assertThat(x.message()).endsWith("(2 breaks of the schedule in all)");
        });
    }

    @Test
    void theDocumentedScheduleWithResetsIsFine() {
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, sleeps(schedule(51, 40_000L, 80_000L, 160_000L, 320_000L,
                640_000L, 1_280_000L, 2_560_000L, 5_120_000L, 10_000_000L, 10_000_000L, 20_000L, 20_000L)))).isEmpty();
    }

    @Test
    void fiftyShortSleepsAreAResetByADeepSleepStraceCannotSee() {
        // pipeblock/apo/stderr-f-tt.txt line 618: 5,120 µs, then 50 × 20 µs, then 40 µs, and no futex
        // in between: sysmon was woken before it slept, so notetsleep made no syscall
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, sleeps(5_120_000L, 20_000L))).isEmpty();
        long[] fifty = schedule(50, 40_000L);
        long[] withLead = new long[fifty.length + 1];
        withLead[0] = 5_120_000L;
        System.arraycopy(fifty, 0, withLead, 1, fifty.length);
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, sleeps(withLead))).isEmpty();
        withLead[1] = 5_120_000L;
        assertThat(check(RuntimeProfile.GO1_16_TO_1_25, sleeps(withLead))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("after 49 sleeps of 20 µs"));
    }
}
