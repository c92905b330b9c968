package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * analyze refuses real captures of different runs named together, with the evidence, and analyses
 * them anyway, with a warning, when the user says they are of one run.
 */
class SameRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPIN = Corpus.samples().resolve("spin-default.strace.txt").toString();
    private static final String PIPEBLOCK = Corpus.samples().resolve("pipeblock-default.strace.txt").toString();
    private static final String TRACESPIN = Corpus.samples().resolve("tracespin-default.trace").toString();
    private static final String GOTEST = Corpus.samples().resolve("gotest-apo.trace").toString();
    private static final String PAIR = Corpus.root().resolve("gotrace/captures/strace_blocking_read_default").toString();
    private static final String NATIVE = Corpus.samples().resolve("bundles/spin-native").toString();
    private static final String GO113 = Corpus.samples().resolve("bundles/spin-go1.13").toString();

    @Test
    void twoStraceLogsOfDifferentRunsAreRefusedWithTheirTimesAndProcesses() {
        Cli.Result r = Cli.run("analyze", SPIN, PIPEBLOCK);
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("preemptscope: " + SPIN + " and " + PIPEBLOCK + " are not of one run"
                + " (their times do not overlap and each starts a process of its own): " + SPIN
                + " runs 13:01:40.409344-13:01:41.388737 (pid 6092, /tmp/preemptscope-bin/bin-spin), " + PIPEBLOCK
                + " runs 13:01:42.370943-13:01:43.086437 (pid 6119, /tmp/preemptscope-bin/bin-pipeblock);"
                + " pass --same-run to analyse them together anyway\n");
    }

    @Test
    void sameRunAnalysesThemTogetherAfterAOneLineWarning() throws Exception {
        Cli.Result r = Cli.run("analyze", "--same-run", "--format", "json", SPIN, PIPEBLOCK);
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo("preemptscope: warning: " + SPIN + " and " + PIPEBLOCK
                + " may not be of one run (their times do not overlap and each starts a process of its own): " + SPIN
                + " runs 13:01:40.409344-13:01:41.388737 (pid 6092, /tmp/preemptscope-bin/bin-spin), " + PIPEBLOCK
                + " runs 13:01:42.370943-13:01:43.086437 (pid 6119, /tmp/preemptscope-bin/bin-pipeblock);"
                + " analysed together as --same-run asks\n");
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("inputs")).hasSize(2);
        // both runs' tgkills: 47 in spin-default, 78 in pipeblock-default
        assertThat(root.get("metrics").get("sigurgSent").asLong()).isEqualTo(47 + 78);
    }

    @Test
    void aGoTraceOfAnotherRunIsRefusedOnceTheStraceLogShowsNoTraceWritten() {
        Cli.Result r = Cli.run("analyze", SPIN, TRACESPIN);
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("preemptscope: " + SPIN + " and " + TRACESPIN + " are not of one run"
                + " (the strace log shows its program's writes and no Go trace among them): " + SPIN
                + " runs 13:01:40.409344-13:01:41.388737 (pid 6092, /tmp/preemptscope-bin/bin-spin), " + TRACESPIN
                + " holds a Go trace of 0.203 s; pass --same-run to analyse them together anyway\n");

        Cli.Result anyway = Cli.run("analyze", "--same-run", TRACESPIN, SPIN);
        assertThat(anyway.status()).isZero();
        assertThat(anyway.err()).startsWith("preemptscope: warning: " + TRACESPIN + " and " + SPIN
                + " may not be of one run (the strace log shows its program's writes and no Go trace among them): "
                + TRACESPIN + " holds a Go trace of 0.203 s, " + SPIN + " runs ")
                .endsWith("; analysed together as --same-run asks\n")
                .hasLineCount(1);
        assertThat(anyway.out()).contains("SIGURG sent 47");
    }

    @Test
    void aGoTraceLongerThanTheWholeTracedProcessIsRefusedBeforeAnyEventIsReplayed() {
        Cli.Result r = Cli.run("analyze", PAIR + ".strace.txt", GOTEST);
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("preemptscope: " + PAIR + ".strace.txt and " + GOTEST + " are not of one run"
                + " (the Go trace ran longer than the whole traced process): " + PAIR + ".strace.txt"
                + " runs 12:06:36.387240-12:06:36.467232 (pid 22015, /tmp/gobin/blocking_read), 0.080 s from its"
                + " execve to its exit, " + GOTEST + " holds a Go trace of 0.511 s;"
                + " pass --same-run to analyse them together anyway\n");
    }

    @Test
    void bundlesThatRecordedDifferentRunsAreRefused() {
        Cli.Result r = Cli.run("analyze", NATIVE, GO113);
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("preemptscope: " + NATIVE + " and " + GO113 + " are not of one run"
                + " (their capture.json record different runs): " + NATIVE + " ran /tmp/preemptscope-bin/bin-spin"
                + " 500000000 from 2026-11-25T13:53:14.553634Z to 2026-11-25T13:53:16.009609Z, " + GO113
                + " ran /tmp/preemptscope-bin/bin-spin 500000000 from 2026-11-25T13:53:16.611017Z to"
                + " 2026-11-25T13:53:17.663661Z; pass --same-run to analyse them together anyway\n");
    }

    @Test
    void everyMismatchedPairHasItsLine() {
        Cli.Result r = Cli.run("analyze", SPIN, PIPEBLOCK, NATIVE);
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(3).allSatisfy(line -> assertThat(line)
                .startsWith("preemptscope: ").contains(" are not of one run (").doesNotContain("null"));
        assertThat(r.err().lines().toList().get(2)).startsWith("preemptscope: " + PIPEBLOCK + " and " + NATIVE);
    }

    @Test
    void theStraceLogAndGoTraceOfOneRunAreAnalysedTogetherInEitherOrder() {
        for (String[] pair : new String[][] {{PAIR + ".strace.txt", PAIR + ".trace"}, {PAIR + ".trace", PAIR + ".strace.txt"}}) {
            Cli.Result r = Cli.run("analyze", pair[0], pair[1]);
            assertThat(r.status()).isZero();
            assertThat(r.err()).isEmpty();
        }
    }
}
