package io.preemptscope.model.check;

import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.version.RuntimeProfile;

/**
 * What the checker assumes about the run, and its thresholds.
 *
 * @param profile the Go release family
 * @param asyncpreemptoff GODEBUG=asyncpreemptoff=1 was set
 * @param sysmonDelayNs sysmon's delay in steady state, for the preemption deadline
 * @param slackNs allowance per sysmon round for timer slack, jitter and tracing overhead
 * @param retryWindowNs how soon a retry must follow EINTR
 * @param stormPerSecondThread deliveries per second to one thread that make a storm
 * @param deliveryLatencyNs send-to-delivery time above which a delivery is reported
 * @param restartStormCount restarts of one logical call that make a restart storm
 */
public record CheckerSettings(
        RuntimeProfile profile,
        boolean asyncpreemptoff,
        long sysmonDelayNs,
        long slackNs,
        long retryWindowNs,
        int stormPerSecondThread,
        long deliveryLatencyNs,
        int restartStormCount) {

    public static CheckerSettings defaults(RuntimeProfile profile, boolean asyncpreemptoff) {
        return new CheckerSettings(profile, asyncpreemptoff, SysmonConstants.MAX_DELAY_NS,
                SysmonConstants.slackNs(), 10_000_000L, 1_000, 1_000_000L, 8);
    }

    public CheckerSettings withSlackNs(long slack) {
        return new CheckerSettings(profile, asyncpreemptoff, sysmonDelayNs, slack, retryWindowNs,
                stormPerSecondThread, deliveryLatencyNs, restartStormCount);
    }

    /** The latest a preemption request may come in a time slice (§1.9) under these settings. */
    public long preemptDeadlineNs() {
        return SysmonConstants.FORCE_PREEMPT_NS + 2 * (sysmonDelayNs + slackNs);
    }

    public boolean runtimeSendsSigurg() {
        return profile.runtimeSendsSigurg(asyncpreemptoff);
    }
}
