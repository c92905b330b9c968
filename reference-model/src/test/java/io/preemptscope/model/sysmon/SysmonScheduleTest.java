package io.preemptscope.model.sysmon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SysmonScheduleTest {

    private static List<Long> delays(SysmonSchedule s, int rounds) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            out.add(s.delayNs());
            s = s.next(false);
        }
        return out;
    }

    @Test
    void fiftyOneSleepsOfTwentyMicrosThenDoublingToTheTenMillisecondCap() {
        List<Long> expected = new ArrayList<>(Collections.nCopies(51, 20_000L));
        expected.addAll(List.of(40_000L, 80_000L, 160_000L, 320_000L, 640_000L, 1_280_000L, 2_560_000L,
                5_120_000L, 10_000_000L, 10_000_000L, 10_000_000L));
        assertThat(delays(SysmonSchedule.start(), 62)).isEqualTo(expected);
    }

    @Test
    void idleCountsRoundsWithoutRetake() {
        SysmonSchedule s = SysmonSchedule.start();
        assertThat(s).isEqualTo(new SysmonSchedule(0, 20_000L));
        for (int i = 0; i < 51; i++) {
            s = s.next(false);
        }
        assertThat(s).isEqualTo(new SysmonSchedule(51, 40_000L));
    }

    @Test
    void aRetakeResetsToTwentyMicros() {
        SysmonSchedule s = SysmonSchedule.start();
        for (int i = 0; i < 70; i++) {
            s = s.next(false);
        }
        assertThat(s.delayNs()).isEqualTo(10_000_000L);
        assertThat(s.next(true)).isEqualTo(new SysmonSchedule(0, 20_000L));
        assertThat(s.reset()).isEqualTo(new SysmonSchedule(0, 20_000L));
        // after a reset the 51 short sleeps start over
        assertThat(delays(s.next(true), 52).subList(50, 52)).containsExactly(20_000L, 40_000L);
    }

    @Test
    void successorsAndScheduleDelays() {
        assertThat(SysmonSchedule.isPossibleSuccessor(20_000L, 20_000L)).isTrue();
        assertThat(SysmonSchedule.isPossibleSuccessor(20_000L, 40_000L)).isTrue();
        assertThat(SysmonSchedule.isPossibleSuccessor(5_120_000L, 10_000_000L)).isTrue();
        assertThat(SysmonSchedule.isPossibleSuccessor(10_000_000L, 20_000L)).isTrue();
        assertThat(SysmonSchedule.isPossibleSuccessor(40_000L, 160_000L)).isFalse();
        assertThat(SysmonSchedule.isPossibleSuccessor(80_000L, 40_000L)).isFalse();
        assertThat(SysmonSchedule.isScheduleDelay(5_120_000L)).isTrue();
        assertThat(SysmonSchedule.isScheduleDelay(10_000_000L)).isTrue();
        assertThat(SysmonSchedule.isScheduleDelay(10_240_000L)).isFalse();
        assertThat(SysmonSchedule.isScheduleDelay(30_000L)).isFalse();
    }

    @Test
    void deadlineIsForcePreemptPlusTwoRounds() {
        assertThat(SysmonConstants.slackNs()).isEqualTo(150_000L);
        assertThat(SysmonConstants.preemptDeadlineNs(10_000_000L)).isEqualTo(30_300_000L);
        assertThat(SysmonConstants.preemptDeadlineNs(20_000L)).isEqualTo(10_340_000L);
    }
}
