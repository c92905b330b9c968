package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.gotrace.v1.V1Decoder;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming decoder against the whole-trace decoder, on every v1 trace of the corpus and the
 * samples: the same events (the list only re-sorts GoSysExit by its real time), the same statistics,
 * and the same verdict on the traces that must fail.
 */
class V1StreamingTest {

    static Stream<Path> v1Traces() throws Exception {
        List<Path> all = new ArrayList<>(GoTraceCorpus.nonEmptyCaptures());
        all.addAll(GoTraceCorpus.v1Upstream());
        try (Stream<Path> s = Files.list(Corpus.samples())) {
            s.filter(p -> p.toString().endsWith(".trace")).sorted().forEach(all::add);
        }
        return all.stream().filter(p -> !Files.isDirectory(p) && startsLikeV1(p));
    }

    private static boolean startsLikeV1(Path p) {
        try {
            byte[] head = Files.readAllBytes(p);
            return head.length > 0 && new String(head, 0, Math.min(head.length, 16), "ISO-8859-1")
                    .matches("go 1\\.([5-9]|1[0-9]|2[01]) trace\\x00*");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v1Traces")
    void streamingGivesTheDecodersEventsAndFigures(Path trace) throws Exception {
        byte[] data = Files.readAllBytes(trace);
        GoTrace whole;
        try {
            whole = V1Decoder.decode(data);
        } catch (GoTraceFormatException e) {
            assertThatThrownBy(() -> V1Decoder.stream(data, ev -> { })).isInstanceOf(GoTraceFormatException.class);
            return;
        }
        List<GoEvent> streamed = new ArrayList<>();
        GoTrace header = V1Decoder.stream(data, streamed::add);
        assertThat(header.events()).isEmpty();
        assertThat(header.version()).isEqualTo(whole.version());
        assertThat(header.timerGoroutines()).isEqualTo(whole.timerGoroutines());
        List<GoEvent> resorted = new ArrayList<>(streamed);
        resorted.sort(Comparator.comparingLong(GoEvent::tsNs)); // stable, like the decoder's sort
        assertThat(resorted).hasSameSizeAs(whole.events());
        assertThat(resorted).isEqualTo(whole.events());

        GoTraceStatsCollector collector = new GoTraceStatsCollector();
        streamed.forEach(collector);
        assertThat(collector.stats(header)).isEqualTo(GoTraceStatsCollector.of(whole));
    }
}
