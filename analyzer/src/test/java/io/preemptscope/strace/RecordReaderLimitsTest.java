package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.preemptscope.strace.input.LineSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Junk lines that would take the grammar minutes are one quick problem each for the reader. */
class RecordReaderLimitsTest {

    @Test
    void aMillionUnclosedDecorationsAreOneQuickProblem() {
        // the ANTLR lexer's work per '<' grows with the nesting it is inside: hours for 16 MiB
        String junk = "12345 write(1, " + "<".repeat(1_000_000) + "\n12345 getpid() = 12345\n";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            RecordReader reader = new RecordReader(
                    new LineSource(new ByteArrayInputStream(junk.getBytes(StandardCharsets.ISO_8859_1))));
            ParsedRecord first = reader.next();
            assertThat(first.failed()).isTrue();
            assertThat(first.error()).contains("nested more than");
            assertThat(reader.next().record().name()).isEqualTo("getpid");
            assertThat(reader.next()).isNull();
        });
    }
}
