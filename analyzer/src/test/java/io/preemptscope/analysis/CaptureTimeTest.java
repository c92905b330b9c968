package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.strace.event.Timestamp;
import org.junit.jupiter.api.Test;

class CaptureTimeTest {
    private static final long MIDNIGHT_PLUS = 15L * 3_600_000_000_000L + 22 * 60_000_000_000L + 24_508_949_000L;

    @Test
    void aTimeOfDayCaptureShowsTheOffsetAndItsOwnClock() {
        CaptureTime t = CaptureTime.of(MIDNIGHT_PLUS, false, MIDNIGHT_PLUS - 1_234_567_000L, Timestamp.Clock.TIME_OF_DAY);

        assertThat(t.text()).isEqualTo("+1.234567 s (15:22:24.508949)");
    }

    @Test
    void anEpochCaptureShowsEpochSeconds() {
        long ns = 1_795_614_796_627_069_000L;
        assertThat(CaptureTime.of(ns, false, ns - 7_376_000L, Timestamp.Clock.EPOCH).text())
                .isEqualTo("+0.007376 s (1795614796.627069)");
    }

    @Test
    void aGoTraceCountsFromItsFirstEventAndAnUntimedCaptureHasNoTime() {
        assertThat(CaptureTime.of(105_364, true, null, null).text()).isEqualTo("+0.000105364 s");
        CaptureTime untimed = CaptureTime.of(42, false, null, null);
        assertThat(untimed.offset()).isNull();
        assertThat(untimed.text()).isNull();
    }
}
