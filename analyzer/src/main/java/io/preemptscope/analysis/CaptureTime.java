package io.preemptscope.analysis;

import io.preemptscope.strace.event.Timestamp;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * When a finding happened on one axis for every capture: seconds since the capture began, with the
 * capture's own clock text beside it where it has one, so a finding can be found in the file.
 *
 * @param offset seconds since the first event of the capture (a strace log's first line, a Go
 *     trace's first event); null when the capture has no timestamps
 * @param clock the time as the capture's clock shows it ("15:22:24.508949" for -t/-tt, epoch
 *     seconds for -ttt); null for a Go trace or a relative clock
 */
public record CaptureTime(BigDecimal offset, String clock) {
    private static final long NS_PER_DAY = 86_400_000_000_000L;

    static CaptureTime of(long timeNs, boolean fromTrace, Long straceStartNs, Timestamp.Clock clock) {
        if (fromTrace) {
            return new CaptureTime(BigDecimal.valueOf(timeNs, 9).stripTrailingZeros(), null);
        }
        if (straceStartNs == null) {
            return new CaptureTime(null, null);
        }
        BigDecimal offset = BigDecimal.valueOf(timeNs - straceStartNs, 9).setScale(6, java.math.RoundingMode.HALF_UP);
        return new CaptureTime(offset, clockText(timeNs, clock));
    }

    private static String clockText(long timeNs, Timestamp.Clock clock) {
        if (clock == Timestamp.Clock.TIME_OF_DAY) {
            long ns = Math.floorMod(timeNs, NS_PER_DAY);
            long micros = ns / 1_000;
            return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", micros / 3_600_000_000L,
                    micros / 60_000_000 % 60, micros / 1_000_000 % 60, micros % 1_000_000);
        }
        if (clock == Timestamp.Clock.EPOCH || clock == Timestamp.Clock.MONOTONIC) {
            return BigDecimal.valueOf(timeNs / 1_000, 6).toPlainString();
        }
        return null;
    }

    /** "+1.234567 s (15:22:24.508949)", or null without timestamps. */
    public String text() {
        if (offset == null) {
            return null;
        }
        return "+" + offset.toPlainString() + " s" + (clock == null ? "" : " (" + clock + ")");
    }
}
