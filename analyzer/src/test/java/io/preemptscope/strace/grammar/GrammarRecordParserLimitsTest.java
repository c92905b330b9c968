package io.preemptscope.strace.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.preemptscope.strace.record.RecordParseException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Junk lines long or deep enough to hurt the ANTLR parser end as parse problems, quickly. The
 * shapes came out of probing the grammar after fuzzing (the fuzzer's 4 KB inputs are too short
 * to show them); RecordReaderLimitsTest reads them through the reader.
 */
class GrammarRecordParserLimitsTest {
    private static final Duration QUICKLY = Duration.ofSeconds(20);
    private final GrammarRecordParser grammar = new GrammarRecordParser();

    @Test
    void manyUnclosedStringsAreNotLexedInQuadraticTime() {
        // each '"' made the lexer scan to the end of the line: 57 s at 1.3 million characters
        rejectedQuickly("12345 write(1, " + "\"\\".repeat(500_000));
    }

    @Test
    void manyUnclosedCommentsAndWordsAreRejected() {
        rejectedQuickly("12345 write(1, " + "/*".repeat(100_000));
        rejectedQuickly("12345 write(1, " + "a ".repeat(100_000));
    }

    @Test
    void deepNestingIsAProblemNotAStackOverflow() {
        rejectedQuickly("12345 futex(" + "{".repeat(100_000));
        rejectedQuickly("12345 write(1, " + "(".repeat(100_000) + ")".repeat(100_000) + ", 1) = 1");
    }

    @Test
    void nestingDepthIsCountedOutsideStringsOnly() {
        String deep = "(".repeat(GrammarRecordParser.MAX_DEPTH + 1);
        // "write(" opens the first level, so the deep run goes past the limit one early
        assertThat(GrammarRecordParser.nestingTooDeepAt("write(1, " + deep)).isEqualTo(8 + GrammarRecordParser.MAX_DEPTH);
        assertThat(GrammarRecordParser.nestingTooDeepAt("write(1, \"" + deep + "\", 5) = 5")).isEqualTo(-1);
        assertThat(GrammarRecordParser.nestingTooDeepAt("write(1, " + "()".repeat(1000) + ") = 5")).isEqualTo(-1);
        assertThat(GrammarRecordParser.nestingTooDeepAt("connect(3<TCP:[1->2]>" + "<a->b>".repeat(200) + ") = 0"))
                .isEqualTo(-1);
    }

    private void rejectedQuickly(String line) {
        assertTimeoutPreemptively(QUICKLY, () ->
                assertThatThrownBy(() -> grammar.parse(line)).isInstanceOf(RecordParseException.class));
    }
}
