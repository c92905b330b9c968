package io.preemptscope.model.check;

import static io.preemptscope.model.check.Obs.MS;
import static io.preemptscope.model.check.Obs.US;
import static io.preemptscope.model.check.Obs.check;
import static io.preemptscope.model.check.Obs.delivered;
import static io.preemptscope.model.check.Obs.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepreemptRulesTest {
    private static final int SYSMON = 100;
    private static final int TARGET = 200;

    /**
     * sysmon at its 10 ms cap for {@code rounds} rounds, sending SIGURG to TARGET after every
     * {@code every}-th sleep; each signal is delivered 50 µs later. Refs: 1000+round for the sleep,
     * 2000+round for the tgkill, 3000+round for the delivery.
     */
    private static List<Observation> sysmonRounds(int rounds, int every, long sleepNs, int sender) {
        List<Observation> obs = new ArrayList<>();
        long t = 0;
        for (int r = 0; r < rounds; r++) {
            obs.add(new Observation.SysmonSlept(t, 1000 + r, SYSMON, sleepNs, sleepNs));
            t += sleepNs + 10 * US;
            if (r % every == 0) {
                obs.add(sent(t, 2000 + r, sender, TARGET));
                obs.add(delivered(t + 50 * US, 3000 + r, TARGET));
            }
            t += 10 * US;
        }
        return obs;
    }

    private static List<Violation> found(List<Observation> obs) {
        return check(RuntimeProfile.GO1_16_TO_1_25, obs).stream()
                .filter(v -> v.id() == AnomalyId.SIGURG_DELIVERED_NO_PREEMPT).toList();
    }

    @Test
    void aSigurgOnEveryRoundPastTheDeadlineIsAFailedPreemption() {
        List<Violation> v = found(sysmonRounds(6, 1, 10 * MS, SYSMON));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.tid()).isEqualTo(TARGET);
            assertThat(x.timeNs()).isEqualTo(10 * MS + 10 * US);
            assertThat(x.refs()).containsExactly(2000L, 2005L);
            assertThat(x.message()).isEqualTo("sysmon (thread 100) sent SIGURG to thread 200 on 6 consecutive rounds"
                    + " over 50.1 ms (6 delivered) and the time slice never ended: it ran at least 60.1 ms, past the"
                    + " 30.3 ms deadline; the goroutine was where async preemption is unsafe (assembly, runtime or"
                    + " nosplit code, locks held) or runnext kept handing the slice on");
        });
    }

    @Test
    void aSigurgEveryOtherRoundIsAPreemptionThatWorked() {
        // a new slice is first seen on the next round and is asked again forcePreemptNS after that
        assertThat(found(sysmonRounds(20, 2, 10 * MS, SYSMON))).isEmpty();
    }

    @Test
    void repeatsWithinTheDeadlineOrFromAnotherThreadAreNotFlagged() {
        // 20 µs rounds: 12 repeats span a quarter millisecond, far inside the deadline
        assertThat(found(sysmonRounds(12, 1, 20 * US, SYSMON))).isEmpty();
        // two requests are not a pattern, however far apart
        assertThat(found(sysmonRounds(2, 1, 40 * MS, SYSMON))).isEmpty();
        // a stop-the-world or the GC signalling on its own cadence is not sysmon's retake
        List<Observation> other = sysmonRounds(6, 1, 10 * MS, 300);
        assertThat(found(other)).isEmpty();
    }
}
