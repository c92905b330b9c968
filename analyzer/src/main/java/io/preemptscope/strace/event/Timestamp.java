package io.preemptscope.strace.event;

import java.math.BigDecimal;

/**
 * A timestamp as strace printed it, with its value in nanoseconds on the capture's clock.
 *
 * @param printed the text on the line ("12:01:07.142449", "1795608067.221980", "0.000116")
 * @param nanos nanoseconds: since midnight (-t/-tt; a day is added at each wrap past midnight),
 *     since the epoch (-ttt), since the first line (-r, summed), or since boot on CLOCK_MONOTONIC (a
 *     perf capture's clock, which is also the Go runtime's); {@link #NONE} without any
 * @param clock which of those it is
 */
public record Timestamp(String printed, long nanos, Clock clock) {
    public static final long NONE = Long.MIN_VALUE;
    public static final Timestamp ABSENT = new Timestamp(null, NONE, Clock.NONE);

    public enum Clock { TIME_OF_DAY, EPOCH, RELATIVE, MONOTONIC, NONE }

    public boolean present() {
        return clock != Clock.NONE;
    }

    /** Seconds on the capture's clock, exact to the printed precision. */
    public BigDecimal seconds() {
        return present() ? BigDecimal.valueOf(nanos, 9).stripTrailingZeros() : null;
    }
}
