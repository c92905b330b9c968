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
        System.out.println(file.getFileName() + " " + trace.version() + " " + trace.events().size() + " "
                + counts(trace));
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
        return trace.events().stream().collect(Collectors.groupingBy(GoEvent::type, TreeMap::new, Collectors.counting()));
    }
}
