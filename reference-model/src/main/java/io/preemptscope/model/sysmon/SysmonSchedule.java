package io.preemptscope.model.sysmon;

/**
 * sysmon's sleep schedule as a pure function (preemption-model.md §1.2): the next delay follows
 * from the idle-round count and the previous delay.
 *
 * @param idle consecutive rounds in which retake returned 0
 * @param delayNs the sleep of the current round
 */
public record SysmonSchedule(int idle, long delayNs) {

    public static SysmonSchedule start() {
        return new SysmonSchedule(0, SysmonConstants.MIN_DELAY_NS);
    }

    /** The schedule of the next round, after a round in which retake retook (or not) a P. */
    public SysmonSchedule next(boolean retook) {
        int nextIdle = retook ? 0 : idle + 1;
        return new SysmonSchedule(nextIdle, delayFor(nextIdle, delayNs));
    }

    /** The schedule after a deep sleep that reset it (§1.4). */
    public SysmonSchedule reset() {
        return start();
    }

    private static long delayFor(int idle, long previous) {
        long delay;
        if (idle == 0) {
            delay = SysmonConstants.MIN_DELAY_NS;
        } else if (idle > SysmonConstants.IDLE_ROUNDS_BEFORE_DOUBLING) {
            delay = previous * 2;
        } else {
            delay = previous;
        }
        return Math.min(delay, SysmonConstants.MAX_DELAY_NS);
    }

    /**
     * Whether sysmon may sleep {@code observed} right after sleeping {@code previous}: the same
     * delay, its double (capped at 10 ms), or a reset to 20 µs.
     */
    public static boolean isPossibleSuccessor(long previous, long observed) {
        if (observed == SysmonConstants.MIN_DELAY_NS || observed == previous) {
            return true;
        }
        return observed == Math.min(previous * 2, SysmonConstants.MAX_DELAY_NS);
    }

    /** Whether a delay can be one of sysmon's at all: 20 µs doubled some times, or the 10 ms cap. */
    public static boolean isScheduleDelay(long ns) {
        if (ns == SysmonConstants.MAX_DELAY_NS) {
            return true;
        }
        for (long d = SysmonConstants.MIN_DELAY_NS; d < SysmonConstants.MAX_DELAY_NS; d *= 2) {
            if (d == ns) {
                return true;
            }
        }
        return false;
    }
}
