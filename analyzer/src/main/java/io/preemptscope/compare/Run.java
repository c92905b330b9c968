package io.preemptscope.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.preemptscope.analysis.AnalysisResult;

/**
 * One analysed run of one side of a comparison.
 *
 * @param name what the user named for it (a file, a bundle, or several joined by +)
 * @param hung the capture was stopped before the program ended (capture.json says interrupted):
 *     under Go 1.13 rules a program whose loop holds a P may never end, and that is a result
 * @param report the run as {@code analyze --format json} prints it, for checks that name a JSON
 *     path; null when no such check was asked for
 */
public record Run(String name, AnalysisResult result, boolean hung, JsonNode report) {}
