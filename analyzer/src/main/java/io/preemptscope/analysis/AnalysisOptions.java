package io.preemptscope.analysis;

import io.preemptscope.model.version.GoVersion;

/**
 * What the user fixed instead of letting the captures decide.
 *
 * @param goVersion the Go version, or null for auto
 * @param asyncpreemptoff TRUE/FALSE, or null for auto
 * @param slackNs sysmon slack per round, or -1 to calibrate from the capture
 * @param stormPerSecond deliveries per second to one thread that make a storm
 * @param retryWindowNs how soon a retry must follow EINTR
 */
public record AnalysisOptions(GoVersion goVersion, Boolean asyncpreemptoff, long slackNs, int stormPerSecond,
        long retryWindowNs) {

    public static AnalysisOptions auto() {
        return new AnalysisOptions(null, null, -1, 1_000, 10_000_000L);
    }
}
