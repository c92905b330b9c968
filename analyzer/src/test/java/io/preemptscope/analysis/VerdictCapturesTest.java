package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on real captures made on this machine by sample-traces/capture-verdicts.sh (see
 * sample-traces/verdicts/README.md): what each one shows, held to what analyze says of it.
 */
class VerdictCapturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String verdicts(String name) {
        return Corpus.samples().resolve("verdicts").resolve(name).toString();
    }

    private static JsonNode analyze(String... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        args.addAll(List.of(inputs));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void theSeedHungUnderAsyncpreemptoffUntilTimeoutKilledItIsAHang() throws IOException {
        JsonNode result = analyze(verdicts("seed-apo-hang.strace.txt"));

        assertThat(result.get("findingCounts").toString()).isEqualTo("{\"COOP_STARVATION\":1}");
        JsonNode f = result.get("findings").get(0);
        assertThat(f.get("tid").asInt()).isEqualTo(25225);
        assertThat(f.get("message").asText())
                .startsWith("thread 25225 ran user code without a syscall for 2999.0 ms and was still running when it"
                        + " was killed by SIGINT: a hang.");
        assertThat(f.get("evidence").get(0).get("line").asLong()).isEqualTo(206);
    }

    @Test
    void theHungSeedFailsAGateOnWarnings() {
        Cli.Result r = Cli.run("analyze", "--fail-on", "warning", verdicts("seed-apo-hang.strace.txt"));

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("COOP_STARVATION (1)");
    }

    @Test
    void aHangIsCaughtWhenTheLogJustEnds() throws IOException {
        // strace itself was killed with SIGKILL: its log stops mid-line with main still spinning
        JsonNode result = analyze(verdicts("seed-apo-strace-killed.strace.txt"));

        assertThat(result.get("findingCounts").toString()).isEqualTo("{\"COOP_STARVATION\":1}");
        assertThat(result.get("findings").get(0).get("message").asText())
                .startsWith("thread 15041 ran user code without a syscall for 1981.2 ms and was still running when the"
                        + " capture ended: a hang.");
    }

    @Test
    void aGo113CaptureBundleStoppedLikeCtrlCShowsTheHang() throws IOException {
        JsonNode result = analyze(verdicts("bundles/seed-go1.13"));

        assertThat(result.get("asyncpreemptoff").asBoolean()).isTrue();
        assertThat(result.get("findingCounts").toString()).isEqualTo("{\"COOP_STARVATION\":1}");
        assertThat(result.get("findings").get(0).get("message").asText())
                .contains("ran user code without a syscall for 2650.1 ms and was still running when the capture ended");
    }

    @Test
    void theSeedWithAsyncPreemptionIsPreemptedAndClean() throws IOException {
        JsonNode result = analyze(verdicts("seed-default.strace.txt"));

        assertThat(result.get("asyncpreemptoff").asBoolean()).isFalse();
        assertThat(result.get("findingCounts").size()).isZero();
        assertThat(result.get("metrics").get("sigurgSent").asInt()).isEqualTo(4);
        assertThat(result.get("metrics").get("sigurgDelivered").asInt()).isEqualTo(4);
    }

    @Test
    void timeStoppedBySigstopIsNotUserCode() throws IOException {
        // spin was stopped for 0.6 s; two threads sat in futex waits that the stop interrupted
        JsonNode result = analyze(verdicts("spin-sigstop.strace.txt"));

        assertThat(result.get("findingCounts").has("PREEMPT_LATENCY_EXCEEDED")).isFalse();
        assertThat(result.get("findingCounts").has("COOP_STARVATION")).isFalse();
        assertThat(result.get("metrics").get("sigurgSent").asInt()).isEqualTo(64);
        assertThat(result.get("metrics").get("preemptLatencyMs").get("max").asDouble()).isEqualTo(32.143);
    }

    @Test
    void signalNumbersOfXRawAreSigurgSentByTheProcessItself() throws IOException {
        // tgkill(P, T, 23) and si_code=0xfffffffa: the runtime's own SIGURG, not an outside one
        JsonNode raw = analyze(verdicts("spin-X-raw.strace.txt"));

        assertThat(raw.get("asyncpreemptoff").asBoolean()).isFalse();
        assertThat(raw.get("metrics").get("sigurgSent").asInt()).isEqualTo(57);
        assertThat(raw.get("metrics").get("sigurgDelivered").asInt()).isEqualTo(57);
        assertThat(raw.get("metrics").get("preemptions").get("async").asInt()).isEqualTo(57);
        assertThat(raw.get("findingCounts").has("EXTERNAL_SIGURG")).isFalse();
    }

    @Test
    void signalNumbersOfXVerboseReadTheSame() throws IOException {
        JsonNode verbose = analyze(verdicts("spin-X-verbose.strace.txt"));

        assertThat(verbose.get("asyncpreemptoff").asBoolean()).isFalse();
        assertThat(verbose.get("metrics").get("sigurgSent").asInt()).isEqualTo(59);
        assertThat(verbose.get("metrics").get("sigurgDelivered").asInt()).isEqualTo(59);
        assertThat(verbose.get("findingCounts").has("EXTERNAL_SIGURG")).isFalse();
    }

    @Test
    void anInjectedEintrIsNamedAsInjectedAndItsRetryOnAnotherThreadCounts() throws IOException {
        // strace --inject=read:error=EINTR:when=2+3; pipeblock's reader retries every EINTR, sometimes
        // on another thread (its goroutine moved to another M while the first parked)
        JsonNode result = analyze(verdicts("pipeblock-inject-eintr.strace.txt"));

        assertThat(result.get("findingCounts").has("EINTR_NOT_RETRIED")).isFalse();
        assertThat(result.get("findingCounts").get("EINTR_DESPITE_SA_RESTART").asInt()).isEqualTo(11);
        for (JsonNode f : result.get("findings")) {
            if (f.get("id").asText().equals("EINTR_DESPITE_SA_RESTART")) {
                assertThat(f.get("severity").asText()).isEqualTo("info");
                assertThat(f.get("message").asText()).contains("strace injected (--inject), not the kernel")
                        .doesNotContain("filesystem or driver");
            }
        }
    }

    @Test
    void anEintrIsCountedOnceThoughRtSigreturnRestoresIt() throws IOException {
        // the corpus's pipeblock capture: 2 epoll_pwait calls return -1 EINTR, and each of their
        // handlers' rt_sigreturn returns -1 EINTR again (the restored value), 2 lines more
        JsonNode result = analyze(Corpus.strace("captures/pipeblock/default/f-yy-s64.txt").toString());

        assertThat(result.get("metrics").get("eintr").toString()).isEqualTo("{\"epoll_pwait\":2}");
    }

    @Test
    void withoutDashTSysmonsSleepsAreNotStalls() throws IOException {
        // no -T: a nanosleep's end is not printed; its 10 ms must not count as sysmon running.
        // A tight slack keeps the capture's own calibration from hiding the difference.
        JsonNode result = analyze("--slack-us", "50", verdicts("pipeblock-no-T.strace.txt"));

        assertThat(result.get("findingCounts").has("SYSMON_STALL")).isFalse();
        assertThat(result.get("metrics").get("sigurgSent").asInt()).isPositive();
    }

    @Test
    void aGoTraceAloneHasNoSignalOrEintrFiguresRatherThanZeros() throws IOException {
        JsonNode metrics = analyze(Corpus.samples().resolve("tracespin-default.trace").toString()).get("metrics");

        for (String field : List.of("sigurgSent", "sigurgDelivered", "sigurgCoalesced", "eintr", "restarts")) {
            assertThat(metrics.get(field).isNull()).as(field).isTrue();
        }
        assertThat(metrics.get("preemptions").get("async").asInt()).isEqualTo(10);
        Cli.Result text = Cli.run("analyze", Corpus.samples().resolve("tracespin-default.trace").toString());
        assertThat(text.out()).contains("  SIGURG: not in this capture").doesNotContain("SIGURG sent 0");
    }

    @Test
    void aProgramThatIsNotGoGetsNoGoVerdict() throws IOException {
        JsonNode result = analyze(verdicts("bundles/true-not-go"));

        assertThat(result.get("goVersion").asText()).isEqualTo("no Go runtime found");
        assertThat(result.get("profile").isNull()).isTrue();
        assertThat(result.get("asyncpreemptoff").asBoolean()).isFalse();
        assertThat(result.get("goVersionBasis").asText()).startsWith("no Go build info, no Go trace");
        Cli.Result text = Cli.run("analyze", verdicts("bundles/true-not-go"));
        assertThat(text.out()).contains("Go: no Go runtime found (no Go build info").doesNotContain("Go 1.13 behaviour");
    }

    @Test
    void aGoProgramIsNotMistakenForANonGoOne() throws IOException {
        // no build info on a machine without the binary: the runtime's fingerprints still say Go
        JsonNode result = analyze(verdicts("seed-apo-hang.strace.txt"));

        assertThat(result.get("goVersion").asText()).isNotEqualTo("no Go runtime found");
        assertThat(result.get("profile").isNull()).isFalse();
    }

    @Test
    void noSigurgInACaptureWhereNothingRanLongIsUnknownNotOff() throws IOException {
        // a default-mode trace of a program that blocks in read(2): nothing needed preempting
        JsonNode result = analyze(Corpus.root().resolve("gotrace/captures/strace_blocking_read_default.trace").toString());

        assertThat(result.get("asyncPreemption").asText()).isEqualTo("unknown");
        assertThat(result.get("goVersionBasis").asText()).endsWith("whether async preemption was on cannot be told")
                .doesNotContain("Go 1.13 behaviour");
    }

    @Test
    void asyncPreemptionIsOffOnlyOnEvidence() throws IOException {
        // the hang itself is the evidence: a run async preemption would have ended
        assertThat(analyze(verdicts("seed-apo-hang.strace.txt")).get("asyncPreemption").asText()).isEqualTo("off");
        assertThat(analyze(verdicts("seed-default.strace.txt")).get("asyncPreemption").asText()).isEqualTo("on");
    }

    @Test
    void sysmonsPreemptionRequestsAreToldFromGcAndStopTheWorldOnes() throws IOException {
        // pipeblock allocates 512 KiB a round: the GC's suspendG sends SIGURG too, from other threads
        JsonNode metrics = analyze(Corpus.samples().resolve("pipeblock-default.strace.txt").toString()).get("metrics");

        assertThat(metrics.get("sigurgSent").asInt()).isEqualTo(78);
        assertThat(metrics.get("sigurgSentBySysmon").asInt()).isEqualTo(59);
        Cli.Result text = Cli.run("analyze", Corpus.samples().resolve("pipeblock-default.strace.txt").toString());
        assertThat(text.out()).contains("SIGURG sent 78 (sysmon 59, GC and stop-the-world 19), delivered 78");
    }
}
