package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.stats.StraceStats;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.testing.Corpus;
import io.preemptscope.testing.StraceRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The totals that corpus/strace/captures/README.md publishes for its 94 trace files ("What
 * actually appeared"), reproduced by the parser file by file.
 */
class CorpusReadmeFiguresTest {
    private static long tgkillSigurg;
    private static long sigurg;
    private static long restartsys;
    private static long restartBlock;
    private static long epollEintr;
    private static long sigreturnEintr;
    private static long unfinished;
    private static long resumed;
    private static long unavailable;
    private static long vanished;
    private static long files;

    @BeforeAll
    static void readAllCaptures() {
        List<Path> captures = Corpus.straceFiles().stream()
                .filter(p -> p.toString().contains("/captures/"))
                .toList();
        for (Path capture : captures) {
            files++;
            StraceRun run = StraceRun.of(capture);
            StraceStats s = run.stats;
            tgkillSigurg += s.tgkill().getOrDefault("SIGURG", 0L);
            sigurg += s.signals().getOrDefault("SIGURG", 0L);
            restartsys += s.errors().getOrDefault("ERESTARTSYS", 0L);
            restartBlock += s.errors().getOrDefault("ERESTART_RESTARTBLOCK", 0L);
            unfinished += s.unfinished();
            resumed += s.resumed();
            for (SyscallEvent call : run.eventsOf(SyscallEvent.class)) {
                if (call.result() == null) {
                    continue;
                }
                if ("EINTR".equals(call.result().errno())) {
                    if (call.name().equals("epoll_pwait")) {
                        epollEintr++;
                    } else if (call.name().equals("rt_sigreturn")) {
                        sigreturnEintr++;
                    }
                }
                if (call.status() == SyscallEvent.Status.VANISHED) {
                    vanished++;
                }
                if (call.result().unavailable()) {
                    unavailable++;
                }
            }
        }
    }

    @Test
    void readsTheNinetyFourTraceFiles() {
        assertThat(files).isEqualTo(94);
    }

    @Test
    void sigurgSendsAndDeliveries() {
        assertThat(tgkillSigurg).isEqualTo(3187);
        assertThat(sigurg).isEqualTo(3940);
    }

    @Test
    void restartCodesAndEintr() {
        assertThat(restartsys).isEqualTo(43);
        assertThat(restartBlock).isEqualTo(59);
        assertThat(epollEintr).isEqualTo(4);
        assertThat(sigreturnEintr).isEqualTo(63);
        assertThat(unavailable).isEqualTo(1);
    }

    @Test
    void unfinishedAndResumedLines() {
        // the README's 23,420 lines carry "<unfinished ...>"; 56 of them are threads that vanished
        // inside a call ("<unfinished ...>) = ?"), which do not end in the marker
        assertThat(unfinished).isEqualTo(23420 - 56);
        assertThat(vanished).isEqualTo(56);
        assertThat(resumed).isEqualTo(23348);
    }
}
