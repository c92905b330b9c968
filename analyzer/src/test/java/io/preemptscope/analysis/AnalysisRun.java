package io.preemptscope.analysis;

import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.StraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the strace analysis the way {@code analyze} does, for assertions. */
final class AnalysisRun {
    private AnalysisRun() {}

    static AnalysisResult of(AnalysisOptions options, Path... inputs) {
        try {
            List<StraceInputs.InputFile> files = StraceInputs.expand(List.of(inputs));
            try (StraceReader reader = new StraceReader(files, p -> { })) {
                return new CaptureAnalysis(options).run(reader, List.of(), files.stream().map(StraceInputs.InputFile::displayName).toList());
            }
        } catch (IOException | StraceInputException e) {
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
