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

    /**
     * The absolute timestamp of a line, or for a -r only capture the running sum of deltas.
     *
     * @throws ArithmeticException when a value does not fit the nanosecond clock (no real capture
     *     has one); the clock is then left as it was
     */
    Timestamp read(String printed, String relativeDelta) {
        long relative = relativeSum;
        if (relativeDelta != null) {
            relative = Math.addExact(relative, nanos(relativeDelta, 0));
        }
        if (printed == null) {
            relativeSum = relative;
            return Timestamp.ABSENT;
        }
        int colon = printed.indexOf(':');
        if (colon > 0) {
            long h = Long.parseLong(printed, 0, 2, 10);
            long m = Long.parseLong(printed, 3, 5, 10);
            long s = Long.parseLong(printed, 6, 8, 10);
            long sinceMidnight = ((h * 60 + m) * 60 + s) * 1_000_000_000L + fraction(printed, 8);
            long day = dayOffset;
            if (lastTimeOfDay >= 0 && sinceMidnight + DAY / 2 < lastTimeOfDay) {
                day = Math.addExact(day, DAY);
            }
            long nanos = Math.addExact(day, sinceMidnight);
            dayOffset = day;
            lastTimeOfDay = sinceMidnight;
            relativeSum = relative;
            return new Timestamp(printed, nanos, Timestamp.Clock.TIME_OF_DAY);
        }
        int dot = printed.indexOf('.');
        long whole = wholeSeconds(printed, 0, dot < 0 ? printed.length() : dot);
        if (whole >= EPOCH_THRESHOLD_SECONDS || dot < 0) {
            long nanos = nanos(printed, 0);
            relativeSum = relative;
            return new Timestamp(printed, nanos, Timestamp.Clock.EPOCH);
        }
        // a lone small decimal is -r's delta since the previous line
        relative = Math.addExact(relative, nanos(printed, 0));
        relativeSum = relative;
        return new Timestamp(printed, relative, Timestamp.Clock.RELATIVE);
    }

    /**
     * Seconds with up to nine fraction digits, as nanoseconds.
     *
     * @throws ArithmeticException when that is more than a long holds
     */
    static long nanos(String seconds, int from) {
        int dot = seconds.indexOf('.', from);
        long whole = wholeSeconds(seconds, from, dot < 0 ? seconds.length() : dot);
        return Math.addExact(Math.multiplyExact(whole, 1_000_000_000L), dot < 0 ? 0 : fraction(seconds, dot));
    }

    /** Both parsers give only [-]digits here; too many of them is out of range, not malformed. */
    private static long wholeSeconds(String text, int from, int to) {
        try {
            return Long.parseLong(text, from, to, 10);
        } catch (NumberFormatException tooLong) {
            throw new ArithmeticException("seconds out of range: " + text);
        }
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
