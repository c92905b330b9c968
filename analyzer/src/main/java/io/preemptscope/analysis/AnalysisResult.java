package io.preemptscope.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Everything {@code analyze} reports; the renderers only read it.
 *
 * @param goVersion the version assumed ("go1.19.8", or a family when inferred)
 * @param profile the model profile used
 * @param goVersionBasis the evidence for it
 */
@JsonPropertyOrder({"schema", "inputs", "goVersion", "profile", "asyncpreemptoff", "goVersionBasis", "metrics", "findings"})
public record AnalysisResult(
        int schema,
        List<String> inputs,
        String goVersion,
        String profile,
        boolean asyncpreemptoff,
        String goVersionBasis,
        AnalysisMetrics metrics,
        List<Finding> findings) {
    /** Raised whenever a field changes meaning, as Trace Compass versions its state providers. */
    public static final int SCHEMA = 1;
}
