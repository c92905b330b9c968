package io.preemptscope.gotrace.v2;

import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the v2 (Go 1.22+) part of the shared corpus. */
final class V2Corpus {
    private V2Corpus() {}

    static Path tests() {
        return Corpus.root().resolve("gotrace/upstream/go1.22plus_src_internal_trace_testdata_tests");
    }

    static Path go122() {
        return Corpus.root().resolve("gotrace/upstream/go1.22_src_cmd_trace_v2_testdata/go122.test");
    }

    static Path fuzzSeeds() {
        return Corpus.root().resolve("gotrace/upstream/go1.22plus_src_internal_trace_testdata_fuzz_FuzzReader");
    }

    static Path encoded() {
        return Corpus.root().resolve("gotrace/encoded-v2/go1.22plus_bin");
    }

    /** The upstream text a binary in encoded-v2 was made from (see encoded-v2/README.md). */
    static Path textOriginal(Path binary) {
        String name = binary.getFileName().toString().replaceFirst("\\.trace$", "");
        return name.equals("cmd_trace_v2_go122") ? go122() : tests().resolve(name + ".test");
    }

    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
