package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.strace.fast.FastRecordScanner;
import io.preemptscope.strace.grammar.GrammarRecordParser;
import io.preemptscope.strace.record.RecordParseException;
import io.preemptscope.strace.record.StraceRecord;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grammar defines strace's language; the fast scanner is only allowed to be faster. On every
 * physical line of every real capture, wherever the scanner answers, its answer must equal the
 * grammar's.
 */
class FastScannerAgreesWithGrammarTest {

    static Stream<Path> captures() {
        List<Path> all = new ArrayList<>(Corpus.straceFiles());
        all.addAll(Corpus.sampleStraceFiles());
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void scannerNeverDisagreesWithGrammar(Path capture) throws IOException {
        FastRecordScanner fast = new FastRecordScanner();
        GrammarRecordParser grammar = new GrammarRecordParser();
        List<String> disagreements = new ArrayList<>();
        List<String> lines = Files.readAllLines(capture, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            StraceRecord quick = fast.scan(line);
            if (quick == null) {
                continue;
            }
            StraceRecord defined;
            try {
                defined = grammar.parse(line);
            } catch (RecordParseException e) {
                disagreements.add((i + 1) + ": grammar rejects (" + e.getMessage() + ") what the scanner read: " + line);
                continue;
            }
            if (!quick.equals(defined)) {
                disagreements.add((i + 1) + ": " + line + "\n   fast:    " + quick + "\n   grammar: " + defined);
            }
        }
        assertThat(disagreements).as(capture.toString()).isEmpty();
    }
}
