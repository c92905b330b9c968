package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceStatsCollector;
import io.preemptscope.gotrace.GoTraceAnalysis;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.preemptscope.gotrace.GoTraceFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzz tests of the Go 1.22+ readers, binary and text: any input either decodes (and then
 * analyses and summarises without failing) or is rejected with {@link GoTraceFormatException}.
 * The streaming decoder must give the same verdict, events and statistics.
 *
 * <p>Without JAZZER_FUZZ this is a fast regression test over the seeds in
 * {@code src/test/resources/io/preemptscope/gotrace/v2/V2DecoderFuzzTestInputs/}: five of the
 * encoded binaries of the shared corpus (gotrace/encoded-v2) and their upstream text originals,
 * file names kept. Fuzz with {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=V2DecoderFuzzTest}.
 */
class V2DecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeBinary(byte[] data) {
        accept(data);
    }

    @FuzzTest(maxDuration = "60s")
    void decodeText(byte[] data) {
        accept(data);
    }

    private static void accept(byte[] data) {
        GoTrace trace;
        try {
            trace = V2Decoding.decode(data);
        } catch (GoTraceFormatException rejected) {
            try {
                V2Decoding.stream(data, v -> { });
            } catch (GoTraceFormatException expected) {
                return;
            }
            throw new AssertionError("stream accepted what decode rejects: " + rejected.getMessage());
        }
        GoTraceAnalysis.of(trace);
        // the streaming decoder (what parse and analyze use) must agree with the whole-trace one
        List<GoEvent> streamed = new ArrayList<>();
        GoTrace header;
        try {
            header = V2Decoding.stream(data, streamed::add);
        } catch (GoTraceFormatException e) {
            throw new AssertionError("decode accepted what stream rejects: " + e.getMessage(), e);
        }
        if (!streamed.equals(trace.events())) {
            throw new AssertionError("stream and decode give different events");
        }
        GoTraceStatsCollector stats = new GoTraceStatsCollector();
        streamed.forEach(stats);
        if (!stats.stats(header).equals(GoTraceStatsCollector.of(trace))) {
            throw new AssertionError("stream and decode give different statistics");
        }
    }
}
