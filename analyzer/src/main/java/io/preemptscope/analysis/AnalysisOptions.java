package io.preemptscope.analysis;

import io.preemptscope.model.version.GoVersion;

/**
 * What the user fixed instead of letting the capture decide.
 *
 * @param goVersion the Go version, or null for auto
 * @param asyncpreemptoff TRUE/FALSE, or null for auto
 * @param slackNs sysmon slack per round, or -1 to calibrate from the capture
 * @param stormPerSecond deliveries per second to one thread that make a storm
 * @param retryWindowNs how soon a retry must follow EINTR
 */
public record AnalysisOptions(GoVersion goVersion, Boolean asyncpreemptoff, long slackNs, int stormPerSecond,
        long retryWindowNs, String goVersionSource, String asyncpreemptoffSource) {

    public AnalysisOptions(GoVersion goVersion, Boolean asyncpreemptoff, long slackNs, int stormPerSecond,
            long retryWindowNs) {
        this(goVersion, asyncpreemptoff, slackNs, stormPerSecond, retryWindowNs, "--go-version", "--asyncpreemptoff");
    }

    public static AnalysisOptions auto() {
        return new AnalysisOptions(null, null, -1, 1_000, 10_000_000L);
    }

    /** The same options with what a capture bundle recorded filling what the user left to auto. */
    public AnalysisOptions withRecorded(GoVersion recordedVersion, String versionSource, Boolean recordedApo,
            String apoSource) {
        boolean takeVersion = goVersion == null && recordedVersion != null;
        boolean takeApo = asyncpreemptoff == null && recordedApo != null;
        return new AnalysisOptions(takeVersion ? recordedVersion : goVersion, takeApo ? recordedApo : asyncpreemptoff,
                slackNs, stormPerSecond, retryWindowNs, takeVersion ? versionSource : goVersionSource,
                takeApo ? apoSource : asyncpreemptoffSource);
    }
}
