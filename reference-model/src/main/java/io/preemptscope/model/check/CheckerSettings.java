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

    public static CheckerSettings defaults(RuntimeProfile profile, boolean asyncpreemptoff) {
        return builder(profile, asyncpreemptoff).build();
    }

    /** The defaults, each setter of the builder replacing one. */
    public static Builder builder(RuntimeProfile profile, boolean asyncpreemptoff) {
        return new Builder(profile, asyncpreemptoff);
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(profile, asyncpreemptoff).sysmonDelayNs(sysmonDelayNs).slackNs(slackNs)
                .retryWindowNs(retryWindowNs).stormPerSecondThread(stormPerSecondThread)
                .deliveryLatencyNs(deliveryLatencyNs).restartStormCount(restartStormCount).release(release);
    }

    public CheckerSettings withSlackNs(long slack) {
        return toBuilder().slackNs(slack).build();
    }

    public CheckerSettings withRelease(GoVersion v) {
        return toBuilder().release(v).build();
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

    /** Names each setting it changes, where the record's constructor takes all nine in a row. */
    public static final class Builder {
        private final RuntimeProfile profile;
        private final boolean asyncpreemptoff;
        private long sysmonDelayNs = SysmonConstants.MAX_DELAY_NS;
        private long slackNs = SysmonConstants.slackNs();
        private long retryWindowNs = 10_000_000L;
        private int stormPerSecondThread = 1_000;
        private long deliveryLatencyNs = 1_000_000L;
        private int restartStormCount = 8;
        private GoVersion release;

        private Builder(RuntimeProfile profile, boolean asyncpreemptoff) {
            this.profile = profile;
            this.asyncpreemptoff = asyncpreemptoff;
        }

        public Builder sysmonDelayNs(long value) {
            sysmonDelayNs = value;
            return this;
        }

        public Builder slackNs(long value) {
            slackNs = value;
            return this;
        }

        public Builder retryWindowNs(long value) {
            retryWindowNs = value;
            return this;
        }

        public Builder stormPerSecondThread(int value) {
            stormPerSecondThread = value;
            return this;
        }

        public Builder deliveryLatencyNs(long value) {
            deliveryLatencyNs = value;
            return this;
        }

        public Builder restartStormCount(int value) {
            restartStormCount = value;
            return this;
        }

        public Builder release(GoVersion value) {
            release = value;
            return this;
        }

        public CheckerSettings build() {
            return new CheckerSettings(profile, asyncpreemptoff, sysmonDelayNs, slackNs, retryWindowNs,
                    stormPerSecondThread, deliveryLatencyNs, restartStormCount, release);
        }
    }
}
