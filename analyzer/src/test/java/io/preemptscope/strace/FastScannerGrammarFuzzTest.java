package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.preemptscope.strace.fast.FastRecordScanner;
import io.preemptscope.strace.grammar.GrammarRecordParser;
import io.preemptscope.strace.input.LineSource;
import io.preemptscope.strace.input.PhysicalLine;
import io.preemptscope.strace.record.RecordParseException;
import io.preemptscope.strace.record.StraceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Differential: wherever the fast scanner answers, the grammar (the definition) must give an equal
 * record. Each line of the input is checked on its own, decoded by LineSource as in a real read.
 *
 * <p>Fuzz (one target per run, for the {@code maxDuration} below):
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=FastScannerGrammarFuzzTest -Djunit.jupiter.execution.timeout.mode=disabled}.
 * The last flag keeps JUnit from applying the per-input {@code @Timeout} to the whole fuzzing
 * run (jazzer issue #930); Jazzer still passes it to libFuzzer as the per-input limit. Crashing
 * inputs land in the Inputs directory; keep real ones there, renamed {@code crash-<what>}.
 */
class FastScannerGrammarFuzzTest {
    private static final FastRecordScanner FAST = new FastRecordScanner();
    private static final GrammarRecordParser GRAMMAR = new GrammarRecordParser();

    @Timeout(10)
    @DictionaryFile(resourcePath = "/io/preemptscope/strace/strace.dict")
    @FuzzTest(maxDuration = "60s")
    void fastScannerAgreesWithGrammar(byte[] data) throws IOException {
        LineSource lines = new LineSource(new ByteArrayInputStream(data));
        PhysicalLine line;
        while ((line = lines.next()) != null) {
            check(line.text());
            // RecordReader also scans a line closed as an open call at the end of a capture
            check(line.text() + " <unfinished ...>");
        }
    }

    static void check(String text) {
        StraceRecord quick = FAST.scan(text);
        if (quick == null) {
            return;
        }
        StraceRecord defined;
        try {
            defined = GRAMMAR.parse(text);
        } catch (RecordParseException e) {
            fail("grammar rejects (" + e.getMessage() + ") what the scanner read: " + text + "\n   fast: " + quick);
            return;
        }
        assertThat(quick).as(text).isEqualTo(defined);
    }
}
