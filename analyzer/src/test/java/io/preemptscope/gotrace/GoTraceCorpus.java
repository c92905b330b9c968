package io.preemptscope.gotrace;

import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the Go trace part of the shared corpus. */
final class GoTraceCorpus {
    private GoTraceCorpus() {}

    static Path captures() {
        return Corpus.root().resolve("gotrace/captures");
    }

    static Path capture(String name) {
        return captures().resolve(name);
    }

    static Path upstream(String relative) {
        return Corpus.root().resolve("gotrace/upstream").resolve(relative);
    }

    static List<Path> nonEmptyCaptures() throws IOException {
        try (Stream<Path> s = Files.list(captures())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".trace")).filter(p -> p.toFile().length() > 0)
                    .sorted().toList();
        }
    }

    static Path dumpOf(Path trace) {
        String name = trace.getFileName().toString();
        return trace.resolveSibling(name.substring(0, name.length() - ".trace".length()) + ".godump.txt");
    }

    static List<Path> v1Upstream() throws IOException {
        Path root = Corpus.root().resolve("gotrace/upstream");
        try (Stream<Path> s = Stream.of("go1.19.8_src_internal_trace_testdata", "go1.21.0_src_internal_trace_testdata",
                "gotraceui_go1.20_traces").map(root::resolve).flatMap(GoTraceCorpus::list)) {
            return s.sorted().toList();
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
