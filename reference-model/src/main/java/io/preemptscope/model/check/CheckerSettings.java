package io.preemptscope.model.check;

import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.version.GoVersion;
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
 * @param release the exact Go release when known, else null: a few faults (§7 D) belong to
 *     patch releases finer than the profile
 */
public record CheckerSettings(
        RuntimeProfile profile,
        boolean asyncpreemptoff,
        long sysmonDelayNs,
        long slackNs,
        long retryWindowNs,
        int stormPerSecondThread,
        long deliveryLatencyNs,
        int restartStormCount,
        GoVersion release) {

    public CheckerSettings(RuntimeProfile profile, boolean asyncpreemptoff, long sysmonDelayNs, long slackNs,
            long retryWindowNs, int stormPerSecondThread, long deliveryLatencyNs, int restartStormCount) {
        this(profile, asyncpreemptoff, sysmonDelayNs, slackNs, retryWindowNs, stormPerSecondThread, deliveryLatencyNs,
                restartStormCount, null);
    }

    public static CheckerSettings defaults(RuntimeProfile profile, boolean asyncpreemptoff) {
        return new CheckerSettings(profile, asyncpreemptoff, SysmonConstants.MAX_DELAY_NS,
                SysmonConstants.slackNs(), 10_000_000L, 1_000, 1_000_000L, 8);
    }

    public CheckerSettings withSlackNs(long slack) {
        return new CheckerSettings(profile, asyncpreemptoff, sysmonDelayNs, slack, retryWindowNs,
                stormPerSecondThread, deliveryLatencyNs, restartStormCount, release);
    }

    public CheckerSettings withRelease(GoVersion v) {
        return new CheckerSettings(profile, asyncpreemptoff, sysmonDelayNs, slackNs, retryWindowNs,
                stormPerSecondThread, deliveryLatencyNs, restartStormCount, v);
    }

    /**
     * The release is in [from, to): the exact release when known; else the profile decides, and
     * only when every release it covers is in the range.
     */
    public boolean releaseIn(GoVersion from, GoVersion to) {
        if (release != null) {
            return release.compareTo(from) >= 0 && release.compareTo(to) < 0;
        }
        GoVersion[] span = switch (profile) {
            case GO1_13 -> new GoVersion[] {new GoVersion(1, 0, 0), new GoVersion(1, 14, 0)};
            case GO1_14_0 -> new GoVersion[] {new GoVersion(1, 14, 0), new GoVersion(1, 14, 1)};
            case GO1_14_1 -> new GoVersion[] {new GoVersion(1, 14, 1), new GoVersion(1, 15, 0)};
            case GO1_15 -> new GoVersion[] {new GoVersion(1, 15, 0), new GoVersion(1, 16, 0)};
            case GO1_16_TO_1_25 -> new GoVersion[] {new GoVersion(1, 16, 0), new GoVersion(1, 26, 0)};
            case GO1_26_PLUS -> new GoVersion[] {new GoVersion(1, 26, 0), new GoVersion(99, 0, 0)};
        };
        return span[0].compareTo(from) >= 0 && span[1].compareTo(to) <= 0;
    }

    /** The latest a preemption request may come in a time slice (§1.9) under these settings. */
    public long preemptDeadlineNs() {
        return SysmonConstants.FORCE_PREEMPT_NS + 2 * (sysmonDelayNs + slackNs);
    }

    public boolean runtimeSendsSigurg() {
        return profile.runtimeSendsSigurg(asyncpreemptoff);
    }
}
