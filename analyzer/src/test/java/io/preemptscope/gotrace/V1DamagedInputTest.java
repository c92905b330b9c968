package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.preemptscope.gotrace.v1.V1Decoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Synthetic damage to real traces (truncation at every length, seeded byte corruption): the decoder
 * either decodes or throws a GoTraceFormatException that names an offset; never another exception,
 * never a hang.
 */
class V1DamagedInputTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    static Stream<Path> captures() throws Exception {
        return GoTraceCorpus.nonEmptyCaptures().stream();
    }

    @ParameterizedTest(name = "truncated {0}")
    @MethodSource("captures")
    void everyTruncationFailsCleanlyWithAnOffset(Path trace) throws Exception {
        byte[] full = Files.readAllBytes(trace);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int len = 1; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                try {
                    V1Decoder.decode(cut);
                } catch (GoTraceFormatException e) {
                    assertThat(e.getMessage()).as("length %d", len).startsWith("offset ");
                    assertThat(e.offset()).as("length %d", len).isBetween(0L, (long) len);
                }
            }
        });
    }

    @ParameterizedTest(name = "corrupted {0}")
    @MethodSource("captures")
    void corruptedBytesDecodeOrFailCleanly(Path trace) throws Exception {
        byte[] full = Files.readAllBytes(trace);
        Random random = new Random(trace.getFileName().toString().hashCode());
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int round = 0; round < 3000; round++) {
                byte[] bad = full.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    bad[16 + random.nextInt(bad.length - 16)] = (byte) random.nextInt(256);
                }
                try {
                    V1Decoder.decode(bad);
                } catch (GoTraceFormatException e) {
                    assertThat(e.getMessage()).startsWith("offset ");
                }
            }
        });
    }

    @Test
    void upstreamFilesSurviveCorruptionToo() throws Exception {
        Random random = new Random(42);
        for (Path file : GoTraceCorpus.v1Upstream()) {
            byte[] full = Files.readAllBytes(file);
            if (full.length > 50_000) {
                continue; // the stress files would make this slow; the small ones cover every version
            }
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                for (int round = 0; round < 300; round++) {
                    byte[] bad = full.clone();
                    bad[16 + random.nextInt(bad.length - 16)] = (byte) random.nextInt(256);
                    try {
                        V1Decoder.decode(Arrays.copyOf(bad, 16 + random.nextInt(bad.length - 15)));
                    } catch (GoTraceFormatException e) {
                        assertThat(e.getMessage()).startsWith("offset ");
                    }
                }
            }, file.toString());
        }
    }

    @Test
    void emptyInputHasTheEmptyFileMessage() {
        assertThatThrownBy(() -> V1Decoder.decode(new byte[0]))
                .isInstanceOf(GoTraceFormatException.class)
                .hasMessage("not a Go execution trace: empty file");
    }

    @Test
    void headerProblemsNameOffsetAndExpectation() {
        assertThatThrownBy(() -> V1Decoder.decode("go 1.19 tr".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("offset 10: truncated header: expected 16 bytes, the file has 10");
        assertThatThrownBy(() -> V1Decoder.decode("hello world, not a trace".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith("offset 0: not a Go execution trace");
        assertThatThrownBy(() -> V1Decoder.decode("go 1.12 trace\0\0\0".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith("offset 0: unsupported trace version go 1.12");
    }

    @Test
    void oversizedLengthFieldsAreRefusedBeforeAllocating() {
        // Synthetic: header + a String event claiming 2^62 bytes, and a length-prefixed GoCreate claiming 10^12.
        byte[] header = "go 1.19 trace\0\0\0".getBytes(StandardCharsets.US_ASCII);
        byte[] hugeString = concat(header, new byte[] {0x25, 0x01, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x40});
        assertThatThrownBy(() -> V1Decoder.decode(hugeString)).hasMessageContaining("too long");
        byte[] hugeEvent = concat(header, new byte[] {0x41, 0x00, 0x01, (byte) 0xCD, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x1D});
        assertThatThrownBy(() -> V1Decoder.decode(hugeEvent))
                .hasMessageStartingWith("offset 26: GoCreate at 19 declares 996432412672 bytes").hasMessageContaining("bytes are left");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
