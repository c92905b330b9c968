package io.preemptscope.input;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.luben.zstd.ZstdOutputStream;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.TraceFiles;
import io.preemptscope.gotrace.decode.GoTraceDecoder;
import io.preemptscope.schedtrace.SchedtraceReader;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.StraceReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Jazzer fuzz test of sniffing and opening: any bytes, plain or wrapped in gzip, xz or zstd and
 * maybe cut short, go through {@link InputSource} (as standard input, the one-pass case) and the
 * reader of the kind they are told to be, lenient and strict. The only ways out for bad input are
 * the project's bad-input exceptions, each with a one-line message that names the input and holds
 * no {@code null} and no Java class name.
 *
 * <p>The first byte picks the wrapping ({@code % 4}: plain, gzip, xz, zstd), the second how much of
 * the wrapped bytes is kept ({@code 0}: all; else that many 256ths); the rest is the content.
 *
 * <p>Plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/io/preemptscope/input/InputOpeningFuzzTestInputs/openFailsOnlyWithOneLineMessages/}
 * (pieces of sample captures, a Go trace header, schedtrace lines, empty content). Fuzz with
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=InputOpeningFuzzTest -Djunit.jupiter.execution.timeout.mode=disabled}
 * (see ReaderFuzzTest for the last flag).
 */
class InputOpeningFuzzTest {
    /** A qualified class name, or a simple one of an exception or error. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jdk|sun|org|com|io)\\.[a-z]+\\.|[A-Z][A-Za-z]*(Exception|Error)\\b");

    @Timeout(10)
    @FuzzTest(maxDuration = "60s")
    void openFailsOnlyWithOneLineMessages(byte[] data) throws IOException {
        if (data.length < 2) {
            return;
        }
        byte[] content = Arrays.copyOfRange(data, 2, data.length);
        byte[] wrapped = wrap(content, data[0] & 3);
        int keep = data[1] & 0xff;
        byte[] input = keep == 0 ? wrapped : Arrays.copyOf(wrapped, wrapped.length * keep / 256);
        readAll(input, false);
        readAll(input, true);
    }

    private static void readAll(byte[] input, boolean strict) throws IOException {
        InputSource source = InputSource.stdin(new ByteArrayInputStream(input));
        try {
            OpenedInput opened = source.open();
            if (opened.kind().goTrace()) {
                try (InputStream in = opened.content()) {
                    GoTraceDecoder.of(TraceFiles.readBytes(in, -1)).stream(e -> { });
                }
            } else if (opened.kind() == InputKind.SCHEDTRACE) {
                try (UpToCut in = new UpToCut(opened.content());
                        SchedtraceReader reader = new SchedtraceReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    while (reader.next() != null) {
                        // read to the end
                    }
                }
            } else {
                try (StraceReader reader = new StraceReader(
                        StraceInputs.expand(List.of(source)), problem -> check(problem, strict))) {
                    while (reader.next() != null) {
                        // read to the end
                    }
                }
            }
        } catch (InputException | StraceInputException e) {
            requireOneLine(e.getMessage(), true);
        } catch (GoTraceFormatException e) {
            requireOneLine(e.getMessage(), false);
        }
    }

    private static void check(ReadProblem problem, boolean strict) throws StraceInputException {
        if (problem.wholeInput()) {
            requireOneLine(problem.describe(), true);
        }
        if (strict && !problem.warning()) {
            throw new StraceInputException(problem.describe());
        }
    }

    /** Go trace messages are prefixed with the input's name by the command that prints them. */
    private static void requireOneLine(String message, boolean namesInput) {
        if (message == null || message.contains("\n") || message.contains("null")
                || CLASS_NAME.matcher(message).find()
                || namesInput && !message.startsWith(InputSource.STDIN + ":")) {
            throw new AssertionError("not a one-line message for the user: " + message);
        }
    }

    private static byte[] wrap(byte[] content, int how) throws IOException {
        if (how == 0) {
            return content;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = how == 1 ? new GZIPOutputStream(bytes)
                : how == 2 ? new XZOutputStream(bytes, new LZMA2Options(1)) : new ZstdOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
