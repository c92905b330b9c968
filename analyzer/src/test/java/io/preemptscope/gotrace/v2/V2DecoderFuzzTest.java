package io.preemptscope.gotrace.v2;

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
        V2Trace trace;
        try {
            trace = V2Decoder.decode(data);
        } catch (GoTraceFormatException rejected) {
            try {
                V2Decoder.stream(data, v -> { });
            } catch (GoTraceFormatException expected) {
                return;
            }
            throw new AssertionError("stream accepted what decode rejects: " + rejected.getMessage());
        }
        V2Analysis.of(trace);
        // the streaming decoder (what parse and analyze use) must agree with the whole-trace one
        List<V2Event> streamed = new ArrayList<>();
        V2Trace header;
        try {
            header = V2Decoder.stream(data, streamed::add);
        } catch (GoTraceFormatException e) {
            throw new AssertionError("decode accepted what stream rejects: " + e.getMessage(), e);
        }
        if (!streamed.equals(trace.events())) {
            throw new AssertionError("stream and decode give different events");
        }
        V2Stats stats = new V2Stats();
        streamed.forEach(stats);
        if (!stats.stats(header).equals(V2Stats.of(trace))) {
            throw new AssertionError("stream and decode give different statistics");
        }
    }
}
