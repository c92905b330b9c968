package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
 */
class FastScannerGrammarFuzzTest {
    private static final FastRecordScanner FAST = new FastRecordScanner();
    private static final GrammarRecordParser GRAMMAR = new GrammarRecordParser();

    @Timeout(10)
    @FuzzTest(maxDuration = "2m")
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
