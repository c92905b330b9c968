package io.preemptscope.strace.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.strace.record.RecordParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    @Test
    void theErrorMessageDoesNotQuoteAWholeJunkLine() {
        assertThatThrownBy(() -> grammar.parse("getpid() = 5 " + "(".repeat(100_000)))
                .isInstanceOf(RecordParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(GrammarRecordParser.MAX_MESSAGE + 3));
    }
}
