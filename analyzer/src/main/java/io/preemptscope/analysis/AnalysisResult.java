package io.preemptscope.analysis;

import java.util.List;

/**
 * Everything {@code analyze} reports; the renderers only read it.
 *
 * @param goVersion the version assumed ("go1.19.8", or a family when inferred)
 * @param profile the model profile used; null when no Go runtime was found
 * @param goVersionBasis the evidence for it
 * @param asyncpreemptoff whether the rules assumed async preemption off
 * @param asyncPreemption what the inputs show of it: "on", "off" (only on positive evidence: the
 *     user, capture.json, a release without it, or a run that async preemption would have ended),
 *     "unknown" when they show nothing either way, or null without a Go runtime
 * @param findingCounts how many findings of each id there were; {@code findings} keeps at most
 *     1,000 of one id, so memory stays bounded on captures of any size
 * @param latencySamples bounded samples of the latencies behind {@code metrics}, for {@code compare};
 *     not part of the report
 */
public record AnalysisResult(
        int schema,
        List<String> inputs,
        String goVersion,
        String profile,
        boolean asyncpreemptoff,
        String goVersionBasis,
        AnalysisMetrics metrics,
        java.util.Map<String, Long> findingCounts,
        List<Finding> findings,
        String asyncPreemption,
        LatencySamples latencySamples) {

    /** A result without samples: what callers that never compare runs build. */
    public AnalysisResult(int schema, List<String> inputs, String goVersion, String profile, boolean asyncpreemptoff,
            String goVersionBasis, AnalysisMetrics metrics, java.util.Map<String, Long> findingCounts,
            List<Finding> findings, String asyncPreemption) {
        this(schema, inputs, goVersion, profile, asyncpreemptoff, goVersionBasis, metrics, findingCounts, findings,
                asyncPreemption, LatencySamples.NONE);
    }

    /** Raised whenever a field changes meaning, as Trace Compass versions its state providers. */
    public static final int SCHEMA = 1;
}
