package io.preemptscope.analysis;

import io.preemptscope.analysis.input.BadInputException;
import io.preemptscope.analysis.input.CaptureSet;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the analysis the way {@code analyze} does, for assertions. */
final class AnalysisRun {
    private AnalysisRun() {}

    static AnalysisResult of(AnalysisOptions options, Path... inputs) {
        try (CaptureSet captures = CaptureSet.open(List.of(inputs), InputStream.nullInputStream(), p -> { })) {
            return new CaptureAnalysis(options).run(captures);
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }

    static AnalysisResult of(Path... inputs) {
        return of(AnalysisOptions.auto(), inputs);
    }

    static Map<String, Long> countsById(AnalysisResult r) {
        return r.findings().stream().collect(Collectors.groupingBy(Finding::id, Collectors.counting()));
    }

    static <T> Map<T, Long> count(List<Finding> findings, Function<Finding, T> key) {
        return findings.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
