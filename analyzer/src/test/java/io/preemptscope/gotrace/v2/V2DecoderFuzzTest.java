package io.preemptscope.gotrace.v2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.preemptscope.gotrace.GoTraceFormatException;

/**
 * Jazzer fuzz tests of the Go 1.22+ readers, binary and text: any input either decodes (and then
 * analyses and summarises without failing) or is rejected with {@link GoTraceFormatException}.
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
            return;
        }
        V2Stats.of(trace);
        V2Analysis.of(trace);
    }
}
