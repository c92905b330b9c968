package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.preemptscope.gotrace.v1.V1Decoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The v1 test traces of golang/go (go1.19.8, go1.21.0) and gotraceui (Go 1.20). */
class V1UpstreamCorpusTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    static Stream<Path> goodFiles() throws Exception {
        return GoTraceCorpus.v1Upstream().stream().filter(p -> p.getFileName().toString().endsWith("_good"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFiles")
    void everyGoodFileDecodes(Path file) {
        GoTrace trace = assertTimeoutPreemptively(HANG_GUARD, () -> V1Decoder.decode(file));
        assertThat(trace.events()).isNotEmpty();
        Map<String, Long> expected = MANIFEST_COUNTS.get(file.getFileName().toString());
        if (expected != null) {
            Map<String, Long> counts = counts(trace);
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertThat(counts.getOrDefault(e.getKey(), 0L)).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    /**
     * Counts from upstream/MANIFEST.md (an independent decoder's raw counts); only types whose count
     * ordering cannot change, i.e. no Local variants. 1.5 files were not decoded there.
     */
    private static final Map<String, Map<String, Long>> MANIFEST_COUNTS = Map.ofEntries(
            Map.entry("http_1_10_good", Map.of("GoSched", 1L, "GoSysCall", 3L)),
            Map.entry("http_1_11_good", Map.of("GoSched", 1L, "GoSysCall", 3L)),
            Map.entry("http_1_19_good", Map.of("GoSched", 214L, "GoSysCall", 328L, "GoSysBlock", 8L, "GoBlockNet", 44L)),
            Map.entry("http_1_7_good", Map.of("GoSched", 1L, "GoSysCall", 2L)),
            Map.entry("http_1_9_good", Map.of("GoSched", 1L, "GoSysCall", 3L)),
            Map.entry("stress_1_10_good", Map.of("GoPreempt", 222L, "GoSched", 22886L, "GoSysCall", 33L,
                    "GoSysBlock", 13L, "GoBlockNet", 3L)),
            Map.entry("stress_1_11_good", Map.of("GoPreempt", 414L, "GoSched", 18684L, "GoSysCall", 32L,
                    "GoSysBlock", 13L, "GoBlockNet", 2L)),
            Map.entry("stress_1_19_good", Map.of("GoPreempt", 313L, "GoSched", 12870L, "GoSysCall", 45L,
                    "GoSysBlock", 10L, "GoBlockNet", 3L)),
            Map.entry("stress_1_7_good", Map.of("GoPreempt", 77L, "GoSched", 18410L, "GoSysCall", 32L,
                    "GoSysBlock", 15L, "GoBlockNet", 3L)),
            Map.entry("stress_1_9_good", Map.of("GoPreempt", 198L, "GoSched", 22012L, "GoSysCall", 33L,
                    "GoSysBlock", 14L, "GoBlockNet", 3L)),
            Map.entry("stress_start_stop_1_10_good", Map.of("GoPreempt", 2L, "GoSched", 216L, "GoSysCall", 1L,
                    "GoSysBlock", 1L)),
            Map.entry("stress_start_stop_1_11_good", Map.of("GoPreempt", 5L, "GoSched", 87L, "GoSysCall", 1L,
                    "GoSysBlock", 1L)),
            Map.entry("stress_start_stop_1_19_good", Map.of("GoPreempt", 6L, "GoSched", 167L)),
            Map.entry("stress_start_stop_1_7_good", Map.of("GoSched", 1L, "GoSysCall", 2L, "GoSysBlock", 2L)),
            Map.entry("stress_start_stop_1_9_good", Map.of("GoPreempt", 2L, "GoSched", 251L, "GoSysCall", 1L,
                    "GoSysBlock", 1L)),
            Map.entry("user_task_region_1_11_good", Map.of("GoSched", 1L, "UserLog", 1L)),
            Map.entry("user_task_region_1_19_good", Map.of("GoSched", 1L, "UserLog", 1L)),
            Map.entry("http_1_21_good", Map.of("GoPreempt", 1L, "GoSched", 7L, "GoSysCall", 50L, "GoSysBlock", 48L)),
            Map.entry("stress_1_21_good", Map.of("GoPreempt", 335L, "GoSched", 11318L, "GoSysCall", 40L,
                    "GoSysBlock", 11L, "GoBlockNet", 3L)),
            Map.entry("stress_start_stop_1_21_good", Map.of("GoPreempt", 8L, "GoSched", 32L)),
            Map.entry("user_task_region_1_21_good", Map.of("GoSched", 1L, "UserLog", 1L)),
            Map.entry("stress_1_20_good", Map.of("GoPreempt", 287L, "GoSched", 22131L, "GoSysCall", 40L,
                    "GoSysBlock", 10L, "GoBlockNet", 3L)),
            Map.entry("stress_start_stop_1_20_good", Map.of("GoPreempt", 9L, "GoSched", 130L)));

    @Test
    void timerGoroutinesAreReportedForOldTraces() throws Exception {
        assertThat(V1Decoder.decode(GoTraceCorpus.upstream("go1.19.8_src_internal_trace_testdata/stress_1_11_good"))
                .timerGoroutines()).isNotEmpty();
        assertThat(V1Decoder.decode(GoTraceCorpus.upstream("go1.19.8_src_internal_trace_testdata/stress_1_19_good"))
                .timerGoroutines()).isEmpty();
    }

    @Test
    void v2BinariesAndFuzzSeedsAreRejectedWithAnOffset() throws Exception {
        Path root = GoTraceCorpus.upstream("..");
        try (Stream<Path> files = Stream.concat(
                java.nio.file.Files.list(root.resolve("encoded-v2/go1.22plus_bin")),
                java.nio.file.Files.list(root.resolve("upstream/go1.22plus_src_internal_trace_testdata_fuzz_FuzzReader")))) {
            for (Path f : files.toList()) {
                assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> V1Decoder.decode(f))
                        .as(f.toString()).isInstanceOf(GoTraceFormatException.class).hasMessageStartingWith("offset 0: "));
            }
        }
    }

    @Test
    void unorderedGo15TraceIsRejectedAsGoDoes() {
        Path file = GoTraceCorpus.upstream("go1.19.8_src_internal_trace_testdata/stress_1_5_unordered");
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> V1Decoder.decode(file))
                .isInstanceOf(GoTraceFormatException.class)
                .hasMessageStartingWith("offset ")
                .hasMessageContaining("time stamps out of order"));
    }

    static Map<String, Long> counts(GoTrace trace) {
        return trace.events().stream().collect(Collectors.groupingBy(GoEvent::name, TreeMap::new, Collectors.counting()));
    }
}
