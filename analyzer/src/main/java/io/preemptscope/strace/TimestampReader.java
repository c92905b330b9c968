package io.preemptscope.strace;

import io.preemptscope.strace.event.Timestamp;

/**
 * Reads one file's printed timestamps onto a clock that only moves forward.
 *
 * <p>-t/-tt carry no date, so a jump back of more than twelve hours is taken as midnight; -r
 * prints deltas, which are summed.
 */
final class TimestampReader {
    private static final long DAY = 86_400L * 1_000_000_000L;
    private static final double EPOCH_THRESHOLD_SECONDS = 1e8;

    private long dayOffset;
    private long lastTimeOfDay = -1;
    private long relativeSum;

    /** The absolute timestamp of a line, or for a -r only capture the running sum of deltas. */
    Timestamp read(String printed, String relativeDelta) {
        if (printed == null) {
            if (relativeDelta != null) {
                relativeSum += nanos(relativeDelta, 0);
            }
            return Timestamp.ABSENT;
        }
        if (relativeDelta != null) {
            relativeSum += nanos(relativeDelta, 0);
        }
        int colon = printed.indexOf(':');
        if (colon > 0) {
            long h = Long.parseLong(printed, 0, 2, 10);
            long m = Long.parseLong(printed, 3, 5, 10);
            long s = Long.parseLong(printed, 6, 8, 10);
            long sinceMidnight = ((h * 60 + m) * 60 + s) * 1_000_000_000L + fraction(printed, 8);
            if (lastTimeOfDay >= 0 && sinceMidnight + DAY / 2 < lastTimeOfDay) {
                dayOffset += DAY;
            }
            lastTimeOfDay = sinceMidnight;
            return new Timestamp(printed, dayOffset + sinceMidnight, Timestamp.Clock.TIME_OF_DAY);
        }
        int dot = printed.indexOf('.');
        long whole = Long.parseLong(printed, 0, dot < 0 ? printed.length() : dot, 10);
        if (whole >= EPOCH_THRESHOLD_SECONDS || dot < 0) {
            return new Timestamp(printed, nanos(printed, 0), Timestamp.Clock.EPOCH);
        }
        // a lone small decimal is -r's delta since the previous line
        relativeSum += nanos(printed, 0);
        return new Timestamp(printed, relativeSum, Timestamp.Clock.RELATIVE);
    }

    /** Seconds with up to nine fraction digits, as nanoseconds. */
    static long nanos(String seconds, int from) {
        int dot = seconds.indexOf('.', from);
        long whole = Long.parseLong(seconds, from, dot < 0 ? seconds.length() : dot, 10);
        return whole * 1_000_000_000L + (dot < 0 ? 0 : fraction(seconds, dot));
    }

    /** The digits after the dot at index dot, as nanoseconds; 0 when there is no dot there. */
    private static long fraction(String text, int dot) {
        if (dot >= text.length() || text.charAt(dot) != '.') {
            return 0;
        }
        long value = 0;
        int digits = 0;
        for (int i = dot + 1; i < text.length() && digits < 9; i++, digits++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        while (digits++ < 9) {
            value *= 10;
        }
        return value;
    }
}
