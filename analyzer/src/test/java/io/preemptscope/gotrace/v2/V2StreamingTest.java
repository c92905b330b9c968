package io.preemptscope.gotrace.v2;

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
        V2Trace whole;
        try {
            whole = V2Decoder.decode(data);
        } catch (GoTraceFormatException e) {
            assertThatThrownBy(() -> V2Decoder.stream(data, v -> { })).isInstanceOf(GoTraceFormatException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        List<V2Event> streamed = new ArrayList<>();
        V2Trace header = V2Decoder.stream(data, streamed::add);
        assertThat(header.events()).isEmpty();
        assertThat(header.format()).isEqualTo(whole.format());
        assertThat(header.minor()).isEqualTo(whole.minor());
        assertThat(header.generations()).isEqualTo(whole.generations());
        assertThat(streamed).isEqualTo(whole.events());

        V2Stats stats = new V2Stats();
        streamed.forEach(stats);
        assertThat(stats.stats(header)).isEqualTo(V2Stats.of(whole));
    }
}
