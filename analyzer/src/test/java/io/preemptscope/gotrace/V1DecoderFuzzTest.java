package io.preemptscope.gotrace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.preemptscope.gotrace.v1.V1Decoder;

/**
 * Jazzer fuzz test of the v1 decoder: any input either decodes (and then analyses and summarises
 * without failing) or is rejected with {@link GoTraceFormatException}; nothing else may escape.
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
            return;
        }
        GoTraceStatsCollector.of(trace);
    }
}
