package io.preemptscope.strace.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.strace.record.RecordParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrammarRecordParserTest {
    private final GrammarRecordParser grammar = new GrammarRecordParser();

    /** The fast SLL stage had no lexer error listener: such characters were dropped silently. */
    @ParameterizedTest
    @ValueSource(strings = {
        "getpid() = 5 @@@",
        "@12345 getpid() = 5",
        "getpid() = 5 (",
        "+++ exited with 0 +++ #",
        "12345 --- SIGURG {si_signo=SIGURG, si_code=SI_TKILL, si_pid=12345, si_uid=0} --- $",
    })
    void aCharacterNoTokenTakesIsAnError(String line) {
        assertThatThrownBy(() -> grammar.parse(line))
                .isInstanceOf(RecordParseException.class)
                .hasMessageStartingWith("expected ").hasMessageContaining("found \"");
    }

    /** Each error in the words of strace, never a token name (issue 12). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello world|1|expected a syscall, signal, exit or 'strace:' line, found \"hello\"",
        "12345 12:01:07.142449 frobnicate now|23|expected a syscall, signal, exit or 'strace:' line, found \"frobnicate\"",
        "x\u001b[1m|2|expected a syscall, signal, exit or 'strace:' line, found \"\\x1b\"",
        "getpid() = oops|12|expected a return value, found \"oops\"",
        "getpid( = 5|12|expected '<unfinished ...>', '<detached ...>' or ')', found the end of the line",
        "getpid() = 5 @@@|14|expected a return value '= ...' or the end of the line, found \"@\"",
        "+++ exited with 0 +++ #|23|expected the end of the line, found \"#\"",
        "+++ exited 3 +++|12|expected 'with', found \"3\"",
    })
    void errorsSayWhatAStraceLineHasThere(String line, int column, String message) {
        assertThatThrownBy(() -> grammar.parse(line))
                .isInstanceOfSatisfying(RecordParseException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    @Test
    void quotedTextEscapesEverythingButPrintableAscii() {
        assertThat(ExpectedWords.quote("a\u001b\u0000\u00e9\ufffd\"\\")).isEqualTo("\"a\\x1b\\x00\\xe9\\ufffd\\\"\\\\\"");
        assertThat(ExpectedWords.quote("x".repeat(50))).isEqualTo("\"" + "x".repeat(40) + "\"...");
    }

    @Test
    void theErrorMessageDoesNotQuoteAWholeJunkLine() {
        assertThatThrownBy(() -> grammar.parse("getpid() = 5 " + "(".repeat(100_000)))
                .isInstanceOf(RecordParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(GrammarRecordParser.MAX_MESSAGE + 3));
    }
}
