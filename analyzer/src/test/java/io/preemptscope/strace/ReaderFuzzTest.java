package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.input.LineSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes through LineSource, RecordReader and FileEventReader: the only way out for bad input
 * is a reported problem (or, with a strict sink, its StraceInputException).
 *
 * <p>Plain {@code mvn test} runs it in regression mode over the inputs under
 * {@code src/test/resources/io/preemptscope/strace/ReaderFuzzTestInputs/readerReportsProblemsInsteadOfThrowing/}:
 * {@code seed-<corpus file>-lines-A-B} slices of real captures, {@code seed-handwritten-*} and
 * {@code crash-*} reproducers of fixed bugs.
 *
 * <p>Fuzz (one target per run, for the {@code maxDuration} below):
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=ReaderFuzzTest -Djunit.jupiter.execution.timeout.mode=disabled}.
 * The last flag keeps JUnit from applying the per-input {@code @Timeout} to the whole fuzzing
 * run (jazzer issue #930); Jazzer still passes it to libFuzzer as the per-input limit. Crashing
 * inputs land in the Inputs directory; keep real ones there, renamed {@code crash-<what>}.
 */
class ReaderFuzzTest {

    @Timeout(10)
    @DictionaryFile(resourcePath = "/io/preemptscope/strace/strace.dict")
    @FuzzTest(maxDuration = "60s")
    void readerReportsProblemsInsteadOfThrowing(byte[] data) throws IOException, StraceInputException {
        long physicalLines = physicalLines(data);

        // lenient, lines carry their pid (or none)
        Counting lenient = new Counting();
        FileEventReader reader = reader(data, lenient, StraceEvent.UNKNOWN_TID);
        drain(reader, physicalLines);
        RecordCounts counts = reader.counts();
        assertThat(counts.lines()).isEqualTo(physicalLines);
        assertThat(lenient.problems).isEqualTo(counts.unparsed() + counts.truncated());
        assertThat(counts.unparsed() + counts.truncated()).isLessThanOrEqualTo(physicalLines);

        // strict, an -ff file whose name gives the thread
        FileEventReader strict = reader(data, problem -> {
            if (!problem.warning()) {
                throw new StraceInputException(problem.describe());
            }
        }, 4242);
        try {
            drain(strict, physicalLines);
        } catch (StraceInputException expected) {
            // the strict mode's way of reporting a problem
        }
    }

    private static FileEventReader reader(byte[] data, ProblemSink sink, int fixedTid) {
        LineSource lines = new LineSource(new ByteArrayInputStream(data));
        return new FileEventReader("fuzz", new RecordReader(lines), sink, fixedTid);
    }

    private static void drain(FileEventReader reader, long physicalLines) throws IOException, StraceInputException {
        long events = 0;
        StraceEvent e;
        while ((e = reader.next()) != null) {
            events++;
            assertThat(e.source().line()).isBetween(1L, Math.max(1, physicalLines));
            if (e instanceof SyscallEvent call && call.exitLine() != -1) {
                assertThat(call.exitLine()).isBetween(1L, physicalLines);
            }
            // an event needs a line; a line gives at most a few events (a splice gives three)
            assertThat(events).isLessThanOrEqualTo(4 * physicalLines + 4);
        }
        assertThat(reader.next()).isNull();
    }

    /** Lines as LineSource counts them: a last line without newline counts. */
    static long physicalLines(byte[] data) {
        long n = 0;
        for (byte b : data) {
            if (b == '\n') {
                n++;
            }
        }
        if (data.length > 0 && data[data.length - 1] != '\n') {
            n++;
        }
        return n;
    }

    private static final class Counting implements ProblemSink {
        long problems;

        @Override
        public void report(ReadProblem problem) {
            assertThat(problem.line()).isGreaterThanOrEqualTo(1);
            assertThat(problem.message()).isNotBlank();
            problems++;
        }
    }
}
