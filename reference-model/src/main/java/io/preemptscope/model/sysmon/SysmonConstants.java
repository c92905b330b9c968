package io.preemptscope.model.sysmon;

/** sysmon's constants, identical from go1.13 to go1.26 (preemption-model.md §1.2, §8). */
public final class SysmonConstants {
    /** forcePreemptNS: a P that kept one schedtick this long is preempted. */
    public static final long FORCE_PREEMPT_NS = 10_000_000L;
    public static final long MIN_DELAY_NS = 20_000L;
    public static final long MAX_DELAY_NS = 10_000_000L;
    /** idle rounds after which the delay starts doubling: 51 sleeps of 20 µs come first. */
    public static final int IDLE_ROUNDS_BEFORE_DOUBLING = 50;
    /** Linux's default timer slack, added to every nanosleep (prctl(2)). */
    public static final long TIMER_SLACK_NS = 50_000L;
    /** Scheduler jitter the model allows on top of the timer slack (§8, derived defaults). */
    public static final long SCHEDULER_JITTER_NS = 100_000L;
    /** stopTheWorld and forEachP re-preempt every 100 µs. */
    public static final long STW_REPREEMPT_NS = 100_000L;
    /** suspendG: at most one preemption signal per 5 µs. */
    public static final long SUSPENDG_SIGNAL_GAP_NS = 5_000L;

    private SysmonConstants() {}

    /** sysmon slack per round: timer slack plus jitter. */
    public static long slackNs() {
        return TIMER_SLACK_NS + SCHEDULER_JITTER_NS;
    }

    /**
     * The latest a time slice may run before its preemption request, given sysmon's delay
     * (§1.9): forcePreemptNS + 2·(delay + slack).
     */
    public static long preemptDeadlineNs(long sysmonDelayNs) {
        return FORCE_PREEMPT_NS + 2 * (sysmonDelayNs + slackNs());
    }
}
