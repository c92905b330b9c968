package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.input.LineSource;
import io.preemptscope.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SYNTHETIC inputs: every real capture, damaged on purpose in the ways captures get damaged
 * (cut at a random byte, two captures spliced, bytes flipped, line ranges lost or repeated), is
 * read in full. The reader must finish, count every physical line, and turn the damage into a
 * bounded number of reported problems, never into an exception.
 *
 * <p>The mutations are deterministic: each capture's random source is seeded with a fixed seed,
 * the capture's path relative to its root and the mutation's name.
 */
class SyntheticMutationReaderTest {
    private static final long SEED = 0x5EED_F022L;
    /** A hang guard only: a whole capture reads in well under a second. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static final Map<Path, Outcome> ORIGINAL = new ConcurrentHashMap<>();

    static List<Path> captures() {
        List<Path> all = new ArrayList<>(Corpus.straceFiles());
        all.addAll(Corpus.sampleStraceFiles());
        assertThat(all).as("real captures under " + Corpus.root() + " and " + Corpus.samples()).isNotEmpty();
        return all;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void syntheticTruncationAtRandomByteOffsets(Path capture) {
        byte[] data = bytes(capture);
        Random random = random(capture, "truncate");
        for (int k = 0; k < 3 && data.length > 1; k++) {
            int cut = 1 + random.nextInt(data.length - 1);
            byte[] cutShort = slice(data, 0, cut);
            int lastNewline = lastIndexOf(cutShort, (byte) '\n');
            byte[] wholeLines = slice(data, 0, lastNewline + 1);
            boolean partialLine = lastNewline + 1 < cutShort.length;

            Outcome cutOutcome = read(cutShort);
            Outcome wholeOutcome = read(wholeLines);
            String at = capture + " cut at byte " + cut;
            // the bytes after the last newline are one more line, and at most one more problem
            assertThat(cutOutcome.lines).as(at).isEqualTo(wholeOutcome.lines + (partialLine ? 1 : 0));
            assertThat(cutOutcome.problems()).as(at)
                    .isBetween(wholeOutcome.problems(), wholeOutcome.problems() + 1);
            // that line, and only it, is reported cut short
            assertThat(cutOutcome.truncated).as(at).isEqualTo(partialLine ? 1 : 0);
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void syntheticSpliceOfTwoCapturesAtRandomOffsets(Path capture) {
        List<Path> all = captures();
        Random random = random(capture, "splice");
        byte[] head = bytes(capture);
        byte[] tail = bytes(all.get(random.nextInt(all.size())));
        int headEnd = random.nextInt(head.length + 1);
        int tailStart = random.nextInt(tail.length + 1);
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(head, 0, headEnd);
        spliced.write(tail, tailStart, tail.length - tailStart);
        read(spliced.toByteArray());
    }

    @ParameterizedTest
    @MethodSource("captures")
    void syntheticRandomByteFlips(Path capture) {
        byte[] data = bytes(capture);
        Random random = random(capture, "flip");
        int flips = Math.min(64, 1 + data.length / 20_000);
        byte[] flipped = data.clone();
        for (int k = 0; k < flips && flipped.length > 0; k++) {
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
        }
        Outcome outcome = read(flipped);
        // a flipped byte damages its line and, through joins and a new or lost newline, its neighbours
        assertThat(outcome.problems()).as(capture + " with " + flips + " flipped bytes")
                .isLessThanOrEqualTo(original(capture).problems() + 4L * flips);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void syntheticDeletedLineRanges(Path capture) {
        List<byte[]> lines = lines(bytes(capture));
        Random random = random(capture, "delete");
        int ranges = 1 + random.nextInt(3);
        for (int k = 0; k < ranges && !lines.isEmpty(); k++) {
            int from = random.nextInt(lines.size());
            int to = Math.min(lines.size(), from + 1 + random.nextInt(50));
            lines.subList(from, to).clear();
        }
        Outcome outcome = read(join(lines));
        // a lost range leaves one new seam, where a split call's halves no longer meet
        assertThat(outcome.problems()).as(capture + " with " + ranges + " line ranges deleted")
                .isLessThanOrEqualTo(original(capture).problems() + 3L * ranges);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void syntheticDuplicatedLines(Path capture) {
        List<byte[]> lines = lines(bytes(capture));
        Random random = random(capture, "duplicate");
        int ranges = 1 + random.nextInt(3);
        for (int k = 0; k < ranges && !lines.isEmpty(); k++) {
            int from = random.nextInt(lines.size());
            int to = Math.min(lines.size(), from + 1 + random.nextInt(50));
            lines.addAll(to, new ArrayList<>(lines.subList(from, to)));
        }
        Outcome outcome = read(join(lines));
        // repeated entries and exits must pair up or stay incomplete, never confuse the counts
        assertThat(outcome.problems()).as(capture + " with " + ranges + " line ranges repeated")
                .isLessThanOrEqualTo(2 * original(capture).problems() + 3L * ranges);
    }

    // ------------------------------------------------------------------ reading

    /** What a full read of one input gave. */
    record Outcome(long lines, long unparsed, long truncated, long reported, long events) {
        long problems() {
            return unparsed + truncated;
        }
    }

    private static Outcome original(Path capture) {
        return ORIGINAL.computeIfAbsent(capture, c -> read(bytes(c)));
    }

    /** Reads the bytes as one capture file, checking what must hold for any input. */
    static Outcome read(byte[] data) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            long physical = physicalLines(data);
            long[] reported = new long[1];
            FileEventReader reader = new FileEventReader("synthetic",
                    new RecordReader(new LineSource(new ByteArrayInputStream(data))), problem -> {
                        assertThat(problem.line()).isBetween(1L, physical);
                        assertThat(problem.message()).isNotBlank();
                        reported[0]++;
                    }, StraceEvent.UNKNOWN_TID);
            long events = 0;
            StraceEvent e;
            while ((e = reader.next()) != null) {
                events++;
                assertThat(e.source().line()).isBetween(1L, physical);
                if (e instanceof SyscallEvent call && call.exitLine() != -1) {
                    assertThat(call.exitLine()).isBetween(e.source().line(), physical);
                }
            }
            RecordCounts counts = reader.counts();
            assertThat(counts.lines()).as("lines counted").isEqualTo(physical);
            assertThat(reported[0]).as("problems reported").isEqualTo(counts.unparsed() + counts.truncated());
            assertThat(counts.unparsed() + counts.truncated()).as("problem lines").isLessThanOrEqualTo(physical);
            return new Outcome(counts.lines(), counts.unparsed(), counts.truncated(), reported[0], events);
        }, "the reader hangs");
    }

    // ------------------------------------------------------------------ bytes

    private static Random random(Path capture, String mutation) {
        Path root = capture.startsWith(Corpus.root()) ? Corpus.root() : Corpus.samples();
        String key = root.relativize(capture).toString().replace('\\', '/') + "#" + mutation;
        return new Random(SEED ^ key.hashCode());
    }

    private static byte[] bytes(Path capture) {
        try {
            return Files.readAllBytes(capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines with their newline (the last one may lack it). */
    private static List<byte[]> lines(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(slice(data, start, i + 1));
                start = i + 1;
            }
        }
        if (start < data.length) {
            lines.add(slice(data, start, data.length));
        }
        return lines;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.write(line, 0, line.length);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] data, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(data, from, out, 0, out.length);
        return out;
    }

    private static int lastIndexOf(byte[] data, byte b) {
        for (int i = data.length - 1; i >= 0; i--) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Lines as LineSource counts them: a last line without newline counts too. */
    static long physicalLines(byte[] data) {
        long n = 0;
        for (byte b : data) {
            if (b == '\n') {
                n++;
            }
        }
        return data.length > 0 && data[data.length - 1] != '\n' ? n + 1 : n;
    }
}
