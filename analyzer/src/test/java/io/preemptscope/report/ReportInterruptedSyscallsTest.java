package io.preemptscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.cli.ExitCodes;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interrupted-syscalls chart splits each syscall's interruptions four ways: restarted by the
 * kernel, EINTR retried, EINTR not retried (the findings), EINTR owed no retry. Exact counts on
 * real captures, and on the synthetic ones for the not-retried findings (no real capture has one).
 */
class ReportInterruptedSyscallsTest {
    private static final List<String> HEADER = List.of("syscall", "restarted transparently", "EINTR, retried",
            "EINTR, not retried", "EINTR, no retry owed");
    private static final Path ANOMALIES = Path.of("src/test/resources/anomalies").toAbsolutePath();

    @TempDir
    static Path out;

    private static Document report(List<String> inputs, String name) throws IOException {
        Path html = out.resolve(name + ".html");
        List<String> args = new ArrayList<>(List.of("report", "--force", "-o", html.toString()));
        args.addAll(inputs);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isEqualTo(ExitCodes.OK);
        return Jsoup.parse(html.toFile(), "UTF-8");
    }

    private static List<List<String>> table(Path capture, String name) throws IOException {
        Document doc = report(List.of(capture.toString()), name);
        ReportChecks.selfContainedAndScriptFree(doc);
        ReportChecks.chartsDecode(doc);
        Element figure = doc.selectFirst("figure#interrupted-syscalls");
        assertThat(figure).as("the interrupted-syscalls chart").isNotNull();
        return figure.select("details table tr").stream()
                .map(tr -> tr.select("th, td").eachText())
                .collect(Collectors.toList());
    }

    private static String caption(Path capture, String name) throws IOException {
        return report(List.of(capture.toString()), name)
                .selectFirst("figure#interrupted-syscalls figcaption").text();
    }

    @Test
    void injectedEintrsOnReadAreRetried() throws IOException {
        // strace --inject=read:error=EINTR:when=2+3: 20 injected EINTRs on read (11 of them next to a
        // SIGURG), every one retried; the kernel restarted 2 reads and a futex (ERESTARTSYS)
        List<List<String>> t = table(Corpus.samples().resolve("verdicts/pipeblock-inject-eintr.strace.txt"), "inject");
        assertThat(t).containsExactly(HEADER,
                List.of("read", "2", "20", "0", "0"),
                List.of("futex", "1", "0", "0", "0"));
    }

    @Test
    void netpollsTimedEpollWaitsOweNoRetry() throws IOException {
        // fzf: two epoll_pwait(…, 128, 9|8, NULL, 0) = -1 EINTR, netpoll(delay) returning to recompute
        List<List<String>> t = table(Corpus.samples().resolve("verdicts/fzf-default.strace.txt.gz"), "fzf");
        assertThat(t).containsExactly(HEADER, List.of("epoll_pwait", "0", "0", "0", "2"));
    }

    @Test
    void anEintrNotRetriedIsCountedOnItsSyscall() throws IOException {
        // synthetic: pselect6 ERESTARTNOHAND → SIGURG → rt_sigreturn = -1 EINTR, then a write of the error
        Path capture = ANOMALIES.resolve("eintr-not-retried-synthetic.strace.txt");
        assertThat(table(capture, "not-retried")).containsExactly(HEADER, List.of("pselect6", "0", "0", "1", "0"));
        assertThat(caption(capture, "not-retried-caption")).doesNotContain("cannot be told apart");
    }

    @Test
    void anEpollWaitNotRetriedIsCountedOnItsSyscall() throws IOException {
        // synthetic: epoll_wait(4, …, -1) = -1 EINTR, then no wait on 4 within the retry window
        Path capture = ANOMALIES.resolve("epoll-eintr-not-retried-synthetic.strace.txt");
        assertThat(table(capture, "epoll-not-retried")).contains(List.of("epoll_wait", "0", "0", "1", "0"));
    }
}
