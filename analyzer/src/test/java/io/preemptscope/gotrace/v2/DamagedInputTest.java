package io.preemptscope.gotrace.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input fails cleanly: a GoTraceFormatException naming the offset, never another
 * exception, never a hang. The truncated and bit-flipped inputs here are synthetic (made by the test
 * from the encoded-v2 binaries); the fuzz seeds are Go's own.
 */
class DamagedInputTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    static Stream<Path> seeds() {
        return V2Corpus.list(V2Corpus.fuzzSeeds(), "").stream();
    }

    static Stream<Path> binaries() {
        return V2Corpus.list(V2Corpus.encoded(), ".trace").stream();
    }

    /** Decodes or fails with a positioned message; returns the message, or null when it decoded. */
    private static String decodeOrFailCleanly(byte[] data) {
        try {
            V2Decoding.decode(data);
            return null;
        } catch (GoTraceFormatException e) {
            assertThat(e.getMessage()).matches("(offset \\d+|line \\d+(:\\d+)?): .+|not a Go execution trace: empty file");
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fuzzSeedDecodesOrFailsCleanly(Path seed) throws Exception {
        byte[] data = FuzzSeeds.bytesOf(seed);
        assertTimeoutPreemptively(HANG_GUARD, () -> decodeOrFailCleanly(data));
    }

    @Test
    void fuzzSeedOutcomes() throws Exception {
        Map<String, String> outcome = new TreeMap<>();
        for (Path p : seeds().toList()) {
            String m = decodeOrFailCleanly(FuzzSeeds.bytesOf(p));
            outcome.put(p.getFileName().toString(), m == null ? "decodes" : m);
        }
        assertThat(outcome).hasSize(17);
        // Go's fuzzer fills with ASCII '0' (48, GoStatusStack), which Go 1.22 does not know.
        assertThat(outcome.get("aeb749b6bc317b66"))
                .isEqualTo("offset 24: unknown event type 48 for a go 1.22 trace: expected an event type byte");
        assertThat(outcome.get("4055b17cae1a3443")).startsWith("offset 0: unknown or unsupported trace version go 1.11");
        assertThat(outcome.get("malformed-timestamp")).isEqualTo("offset 55: varint overflows 64 bits (dt of ProcStart at 54)");
        assertThat(outcome.get("invalid-proc-state")).startsWith("offset 61: invalid status for proc 0: 69");
        assertThat(outcome.get("0cb1786dee0f090b")).isEqualTo("offset 16: no frequency event found in generation 1");
        assertThat(outcome.get("closing-unknown-region")).isEqualTo("decodes");
        assertThat(outcome.get("large-id")).isEqualTo("decodes");
        assertThat(outcome.values().stream().filter(v -> v.equals("decodes"))).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void syntheticTruncationAtManyOffsetsFailsCleanly(Path binary) throws Exception {
        byte[] data = Files.readAllBytes(binary);
        // Every offset of the small files, about 400 spread over the large ones.
        int step = Math.max(1, data.length / 400);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int n = 0; n < data.length; n += step) {
                decodeOrFailCleanly(Arrays.copyOf(data, n));
            }
        });
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void syntheticBitFlipsFailCleanlyOrDecode(Path binary) throws Exception {
        byte[] data = Files.readAllBytes(binary);
        java.util.Random random = new java.util.Random(binary.getFileName().toString().hashCode());
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 300; i++) {
                byte[] copy = data.clone();
                int at = 16 + random.nextInt(Math.max(1, copy.length - 16));
                if (at < copy.length) {
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                }
                decodeOrFailCleanly(copy);
            }
        });
    }

    @Test
    void syntheticTruncatedBatchNamesWhatWasExpected() throws Exception {
        byte[] data = Files.readAllBytes(V2Corpus.encoded().resolve("go122-syscall-steal-proc-simple.trace"));
        GoTraceFormatException e = catchThrowableOfType(GoTraceFormatException.class,
                () -> V2Decoding.decode(Arrays.copyOf(data, 30)));
        assertThat(e.getMessage()).startsWith("offset 30: unexpected end of");
        assertThat(e.offset()).isEqualTo(30);
    }

    @Test
    void syntheticHugeBatchSizeIsRefusedBeforeReading() {
        // header, then EventBatch gen=1 m=0 time=0 size=2^63 (10-byte varint)
        byte[] data = new byte[16 + 4 + 10];
        System.arraycopy("go 1.22 trace".getBytes(), 0, data, 0, 13);
        data[16] = 1;
        data[17] = 1;
        Arrays.fill(data, 20, 29, (byte) 0x80);
        data[29] = 1;
        assertThat(catchThrowableOfType(GoTraceFormatException.class, () -> V2Decoding.decode(data)))
                .hasMessage("offset 16: invalid batch size 9223372036854775808, maximum is 65536");
    }

    @Test
    void syntheticMalformedTextNamesTheLine() {
        String text = "Trace Go1.22\nEventBatch gen=1 m=0 time=0\n";
        assertThat(catchThrowableOfType(GoTraceFormatException.class,
                () -> V2Decoding.decode(text.getBytes()))).hasMessage("line 2:27: expected argument size of EventBatch");
        String stack = "Trace Go1.22\nStack id=1 nframes=2\n\tpc=1 func=2 file=3 line=4\nFrequency freq=1\n";
        assertThat(catchThrowableOfType(GoTraceFormatException.class, () -> V2Decoding.decode(stack.getBytes())))
                .hasMessage("line 4:1: expected frame line 2 of 2 of the Stack");
    }
}
