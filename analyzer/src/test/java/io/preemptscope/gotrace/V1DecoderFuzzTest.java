package io.preemptscope.gotrace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.preemptscope.gotrace.v1.V1Decoder;

/**
 * Jazzer fuzz test of the v1 decoder: any input either decodes (and then analyses and summarises
 * without failing) or is rejected with {@link GoTraceFormatException}; nothing else may escape.
 * The streaming decoder must give the same verdict and the same statistics.
 *
 * <p>Without JAZZER_FUZZ this is a fast regression test over the seeds in
 * {@code src/test/resources/io/preemptscope/gotrace/V1DecoderFuzzTestInputs/decode/} (small real
 * traces: corpus captures, go1.19/1.21 upstream testdata and one sample trace). Fuzz with
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=V1DecoderFuzzTest}.
 */
class V1DecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        GoTrace trace;
        try {
            trace = V1Decoder.decode(data);
        } catch (GoTraceFormatException rejected) {
            streamRejects(data);
            return;
        }
        GoTraceStats whole = GoTraceStatsCollector.of(trace);
        // the streaming decoder (what parse and analyze use) must agree with the whole-trace one
        GoTraceStatsCollector streamed = new GoTraceStatsCollector();
        GoTrace header;
        try {
            header = V1Decoder.stream(data, streamed);
        } catch (GoTraceFormatException e) {
            throw new AssertionError("decode accepted what stream rejects: " + e.getMessage(), e);
        }
        if (!streamed.stats(header).equals(whole)) {
            throw new AssertionError("stream and decode disagree: " + streamed.stats(header) + " vs " + whole);
        }
    }

    private static void streamRejects(byte[] data) {
        try {
            V1Decoder.stream(data, e -> { });
        } catch (GoTraceFormatException expected) {
            return;
        }
        throw new AssertionError("stream accepted what decode rejects");
    }
}
