package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <... ??? resumed>} ends the call its thread left unfinished, under that call's name. */
class UnknownResumedTest {
    @TempDir
    Path dir;

    @Test
    void theThreadsPendingEntryNamesTheCall() throws Exception {
        Path log = dir.resolve("synthetic-unknown-resumed.strace.txt");
        Files.writeString(log, """
                100 1796600712.885000 futex(0xc000080148, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>
                101 1796600712.885100 getpid()          = 100 <0.000010>
                100 1796600712.885552 <... ??? resumed>) = 0 <0.000552>
                """);
        Cli.Result r = Cli.run("parse", log.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().filter(l -> l.contains("\"tid\":100"))).singleElement().asString()
                .contains("\"name\":\"futex\"").contains("\"exitLine\":3").contains("\"ret\":0");
    }
}
