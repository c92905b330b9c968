package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * How parse and analyze open what they are given (issue 12): empty inputs, compressed data cut
 * short, FIFOs and standard input read once, and paths that cannot be read, each with its exit
 * status and one-line message. The cut and empty inputs are made here from a sample capture.
 */
class InputOpeningTest {
    private static final String EMPTY = ": empty, no strace output, Go trace or schedtrace output";
    private static final Path SAMPLE = Corpus.samples().resolve("pipeblock-apo.strace.txt");

    @TempDir
    Path dir;

    @Test
    void anEmptyFileOrTheGzipOfOneIsBadInput() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty-synthetic.strace.txt"));
        Path gzip = Files.write(dir.resolve("empty-synthetic.strace.txt.gz"), gzip(new byte[0]));
        for (Path p : new Path[] {empty, gzip}) {
            for (String command : new String[] {"parse", "analyze"}) {
                Cli.Result r = Cli.run(command, p.toString());
                assertThat(r.status()).as(command + " " + p).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(r.err()).isEqualTo("preemptscope: " + p + EMPTY + "\n");
                assertThat(r.out()).isEmpty();
            }
        }
    }

    @Test
    void cutShortGzipXzAndZstdAreReadUpToTheCutWithAWarningAndStopStrictMode() throws IOException {
        byte[] plain = Files.readAllBytes(SAMPLE);
        long allLines = lines(Cli.run("parse", "--stats", SAMPLE.toString()));
        byte[][] compressed = {gzip(plain), xz(plain), zstd(plain)};
        String[] formats = {"gzip", "xz", "zstd"};
        for (int i = 0; i < formats.length; i++) {
            int cutAt = compressed[i].length * 3 / 4;
            Path cut = Files.write(dir.resolve("cut-synthetic.strace." + formats[i]),
                    Arrays.copyOf(compressed[i], cutAt));
            String message = cut + ": " + formats[i] + " data ends at byte " + cutAt + " before the end of the stream";

            Cli.Result lenient = Cli.run("parse", "--stats", cut.toString());
            assertThat(lenient.status()).as(formats[i]).isEqualTo(ExitCodes.OK);
            assertThat(lenient.err()).contains("warning: " + message + "\n").doesNotContain("null");
            assertThat(lines(lenient)).isBetween(allLines / 2, allLines - 1);

            Cli.Result strict = Cli.run("parse", "--stats", "--strict", cut.toString());
            assertThat(strict.status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(strict.err()).endsWith("preemptscope: " + message + "\n");

            Cli.Result analyzed = Cli.run("analyze", cut.toString());
            assertThat(analyzed.status()).isEqualTo(ExitCodes.OK);
            assertThat(analyzed.err()).contains("warning: " + message + "\n");
            assertThat(analyzed.out()).startsWith("preemptscope analysis of " + cut);

            Cli.Result analyzedStrict = Cli.run("analyze", "--strict", cut.toString());
            assertThat(analyzedStrict.status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(analyzedStrict.err()).endsWith("preemptscope: " + message + "\n");
        }
    }

    @Test
    void compressedDataCutBeforeAnythingDecodesIsBadInputInEitherMode() throws IOException {
        Path cut = Files.write(dir.resolve("header-synthetic.strace.gz"), Arrays.copyOf(gzip(new byte[100]), 5));
        for (String command : new String[] {"parse", "analyze"}) {
            Cli.Result r = Cli.run(command, cut.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).isEqualTo(
                    "preemptscope: " + cut + ": gzip data ends at byte 5 before the end of the stream\n");
        }
    }

    @Test
    void damagedCompressedDataIsBadInputInEitherMode() throws IOException {
        byte[] damaged = gzip(Files.readAllBytes(SAMPLE));
        for (int i = 2000; i < 2400; i++) {
            damaged[i] ^= 0x5a;
        }
        Path file = Files.write(dir.resolve("damaged-synthetic.strace.gz"), damaged);
        for (String command : new String[] {"parse", "analyze"}) {
            Cli.Result r = Cli.run(command, file.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).endsWith("preemptscope: " + file
                    + ": gzip data is damaged before byte 8202: gzip-compressed data is corrupt\n");
        }
    }

    @Test
    void devNullIsAnEmptyFile() {
        for (String command : new String[] {"parse", "analyze"}) {
            Cli.Result r = Cli.run(command, "/dev/null");
            assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).isEqualTo("preemptscope: /dev/null" + EMPTY + "\n");
        }
    }

    @Test
    @Timeout(60)
    void aNamedPipeIsReadOnceLikeAFile() throws Exception {
        byte[] compressed = gzip(Files.readAllBytes(SAMPLE));
        String expected = Cli.run("parse", "--stats", SAMPLE.toString()).out();
        Path fifo = dir.resolve("capture.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();

        Thread writer = writeOnce(fifo, compressed);
        Cli.Result parsed = Cli.run("parse", "--stats", fifo.toString());
        writer.join();
        assertThat(parsed.status()).isEqualTo(ExitCodes.OK);
        assertThat(parsed.out()).isEqualTo(expected);

        writer = writeOnce(fifo, compressed);
        Cli.Result analyzed = Cli.run("analyze", fifo.toString());
        writer.join();
        assertThat(analyzed.status()).isEqualTo(ExitCodes.OK);
        // the same findings; their evidence names file and line, as a pipe cannot be read again to quote it
        String fromFile = Cli.run("analyze", SAMPLE.toString()).out().replace(SAMPLE.toString(), fifo.toString());
        assertThat(analyzed.out()).startsWith("preemptscope analysis of " + fifo)
                .startsWith(fromFile.substring(0, fromFile.indexOf("WARNINGS")))
                .contains("\n      " + fifo + ":261  \n");
    }

    @Test
    void dashReadsStandardInputForParseAndAnalyze() throws IOException {
        byte[] compressed = gzip(Files.readAllBytes(SAMPLE));
        Cli.Result parsed = Cli.runWithStdin(compressed, "parse", "--stats", "-");
        assertThat(parsed.status()).isEqualTo(ExitCodes.OK);
        assertThat(parsed.out()).isEqualTo(Cli.run("parse", "--stats", SAMPLE.toString()).out());

        Cli.Result events = Cli.runWithStdin(compressed, "parse", "-");
        assertThat(events.out()).startsWith("{\"kind\":").contains("\"file\":\"-\"");

        Cli.Result analyzed = Cli.runWithStdin(compressed, "analyze", "-");
        assertThat(analyzed.status()).isEqualTo(ExitCodes.OK);
        assertThat(analyzed.out()).startsWith("preemptscope analysis of -\n");

        Cli.Result empty = Cli.runWithStdin(new byte[0], "analyze", "-");
        assertThat(empty.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(empty.err()).isEqualTo("preemptscope: -" + EMPTY + "\n");

        Cli.Result twice = Cli.runWithStdin(compressed, "parse", "-", "-");
        assertThat(twice.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).startsWith("preemptscope: standard input (-) can be read once; name it once\n");
    }

    @Test
    void aGoTraceOnStandardInputIsReadWhole() throws IOException {
        Path trace = Corpus.root().resolve("gotrace/encoded-v2/go1.22plus_bin/go122-gc-stress.trace");
        Cli.Result fromFile = Cli.run("parse", "--stats", trace.toString());
        Cli.Result fromStdin = Cli.runWithStdin(Files.readAllBytes(trace), "parse", "--stats", "-");
        assertThat(fromStdin.status()).isEqualTo(ExitCodes.OK);
        assertThat(fromStdin.out()).isEqualTo(fromFile.out());
        Cli.Result analyzed = Cli.runWithStdin(gzip(Files.readAllBytes(trace)), "analyze", "--format", "json", "-");
        assertThat(analyzed.status()).isEqualTo(ExitCodes.OK);
        assertThat(analyzed.out()).contains("\"inputs\"").contains("\"-\"");
    }

    @Test
    void aPathThroughAFileSaysItIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "x\n");
        Path through = file.resolve("sub");
        for (String command : new String[] {"parse", "analyze"}) {
            Cli.Result r = Cli.run(command, through.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).isEqualTo("preemptscope: " + through + ": cannot be read: not a directory\n");
        }
    }

    private static Thread writeOnce(Path fifo, byte[] data) {
        Thread t = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.setDaemon(true); // opening a FIFO blocks until it is read: a failed test must not hang the run
        t.start();
        return t;
    }

    private static long lines(Cli.Result stats) throws IOException {
        return new ObjectMapper().readTree(stats.out()).get("lines").asLong();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** In blocks of 16 KiB, as a multi-threaded xz writes them: each decodes on its own. */
    static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XZOutputStream out = new XZOutputStream(bytes, new LZMA2Options())) {
            for (int from = 0; from < data.length; from += 16 * 1024) {
                out.write(data, from, Math.min(16 * 1024, data.length - from));
                out.endBlock();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
