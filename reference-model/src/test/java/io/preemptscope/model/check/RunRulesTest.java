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
    void aRunFarPastTheDeadlineWithoutSigurgExceedsTheLatencyBound() {
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25,
                List.of(new Observation.UserRun(5 * MS, 7, 1002, 5 * MS + 3 * DEADLINE + 1, 0)));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(AnomalyId.PREEMPT_LATENCY_EXCEEDED);
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.tid()).isEqualTo(1002);
            assertThat(x.timeNs()).isEqualTo(5 * MS);
            assertThat(x.refs()).containsExactly(7L);
        });
    }

    @Test
    void aRunJustPastTheDeadlineIsOnlyInfoFromStraceAlone() {
        // goroutines may have taken turns on the thread without a syscall: strace cannot see that
        List<Violation> v = check(RuntimeProfile.GO1_16_TO_1_25,
                List.of(new Observation.UserRun(5 * MS, 7, 1002, 5 * MS + DEADLINE + 1, 0)));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(AnomalyId.PREEMPT_LATENCY_EXCEEDED);
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.message()).contains("strace cannot tell whether one goroutine held the P")
                    .contains("capture --gotrace");
        });
    }

    @Test
    void aRunJustPastTheDeadlineUnderAsyncpreemptoffIsOnlyInfoUnlessItHung() {
        Observation.UserRun run = new Observation.UserRun(0, 3, 1000, 40 * MS, 0);
        assertThat(check(RuntimeProfile.GO1_13, List.of(run))).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
        Observation.UserRun hung = new Observation.UserRun(0, 3, 1000, 40 * MS, 0, "it was killed by SIGINT");
        assertThat(check(RuntimeProfile.GO1_13, List.of(hung))).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("was still running when it was killed by SIGINT: a hang");
        });
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
                    List.of(new Observation.UserRun(0, 3, 1000, 200 * MS, 0)));
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
