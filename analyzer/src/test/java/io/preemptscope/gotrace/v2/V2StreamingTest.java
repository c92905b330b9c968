package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceStatsCollector;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming v2 decoder against the whole-trace decoder, on every binary, text and fuzz-seed
 * trace of the corpus: the same events in the same order, the same statistics, and the same error
 * for the traces that must fail.
 */
class V2StreamingTest {

    static Stream<Path> v2Traces() {
        List<Path> all = new ArrayList<>(V2Corpus.list(V2Corpus.encoded(), ".trace"));
        all.addAll(V2Corpus.list(V2Corpus.tests(), ".test"));
        all.add(V2Corpus.go122());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v2Traces")
    void streamingGivesTheDecodersEventsAndFigures(Path trace) throws Exception {
        byte[] data = Files.readAllBytes(trace);
        GoTrace whole;
        try {
            whole = V2Decoding.decode(data);
        } catch (GoTraceFormatException e) {
            assertThatThrownBy(() -> V2Decoding.stream(data, v -> { })).isInstanceOf(GoTraceFormatException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        List<GoEvent> streamed = new ArrayList<>();
        GoTrace header = V2Decoding.stream(data, streamed::add);
        assertThat(header.events()).isEmpty();
        assertThat(header.format()).isEqualTo(whole.format());
        assertThat(header.version()).isEqualTo(whole.version());
        assertThat(header.generations()).isEqualTo(whole.generations());
        assertThat(streamed).isEqualTo(whole.events());

        GoTraceStatsCollector stats = new GoTraceStatsCollector();
        streamed.forEach(stats);
        assertThat(stats.stats(header)).isEqualTo(GoTraceStatsCollector.of(whole));
    }
}
