package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse} and {@code analyze} on perf script text, told by content: the perf bundles in sample-traces. */
class PerfParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUNDLE = Path.of("../sample-traces/perf/bundles/spin-native-perf");

    @TempDir
    Path tmp;

    @Test
    void aPerfBundleStandsForItsPerfScriptText() throws Exception {
        Cli.Result r = Cli.run("parse", "--stats", BUNDLE.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode s = JSON.readTree(r.out());
        assertThat(s.get("format").asText()).isEqualTo("perf-script");
        assertThat(s.get("events").asLong()).isEqualTo(1422);
        // sysmon's 22 tgkills, each SIGURG generated and delivered, as strace would count the calls
        assertThat(s.get("tgkill").get("SIGURG").asLong()).isEqualTo(22);
        assertThat(s.get("generated").get("SIGURG").asLong()).isEqualTo(22);
        assertThat(s.get("signals").get("SIGURG").asLong()).isEqualTo(22);
        assertThat(s.get("syscalls").get("rt_sigreturn").asLong()).isEqualTo(22);
        assertThat(s.get("syscalls").get("nanosleep").asLong()).isEqualTo(106);
        assertThat(s.get("threads").asInt()).isEqualTo(4);
    }

    @Test
    void eventsAsJsonLinesFromStandardInput() throws Exception {
        byte[] text = Files.readAllBytes(Path.of("../sample-traces/perf/layouts/spin-native.default.txt"));
        Cli.Result r = Cli.runWithStdin(text, "parse", "-");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).hasSize(1083);
        assertThat(r.out().lines().findFirst().orElseThrow()).isEqualTo("{\"kind\":\"syscall-exit\",\"file\":\"-\","
                + "\"line\":1,\"comm\":\"bin-spin\",\"pid\":null,\"tid\":6386,\"cpu\":0,\"ts\":9179.882152,"
                + "\"tsText\":\"9179.882152\",\"event\":\"raw_syscalls:sys_exit\",\"nr\":59,\"name\":\"execve\","
                + "\"ret\":0,\"errno\":null}");
    }

    @Test
    void badLinesAreReportedAndSkippedOrWithStrictStopTheParse() throws Exception {
        Path file = tmp.resolve("perf-with-junk-mutated.txt");
        Files.writeString(file, "  sh 1/1 [000] 1.000001: raw_syscalls:sys_exit: NR 59 = 0\n"
                + "  sh 1/1 [000] 1.000002: sched:sched_wakeup comm=x\n"
                + "  sh 1/1 [000] 1.000003: raw_syscalls:sys_enter: NR 39 (0, 0, 0, 0, 0, 0)\n",
                StandardCharsets.ISO_8859_1);

        Cli.Result lenient = Cli.run("parse", "--stats", "--format", "text", file.toString());
        assertThat(lenient.status()).isZero();
        assertThat(lenient.err()).isEqualTo(file + ":2: column 26: expected a tracepoint (SYSTEM:EVENT:) or"
                + " PERF_RECORD_SWITCH after the time, found \"sched:sched_wakeup\"\n"
                + "preemptscope: " + file + ": 1 of 3 lines is not perf script output (skipped)\n");
        assertThat(lenient.out()).contains("unparsed    1\n").contains("events      2\n");

        Cli.Result strict = Cli.run("parse", "--strict", file.toString());
        assertThat(strict.status()).isEqualTo(3);
        assertThat(strict.err()).isEqualTo("preemptscope: " + file + ":2: column 26: expected a tracepoint"
                + " (SYSTEM:EVENT:) or PERF_RECORD_SWITCH after the time, found \"sched:sched_wakeup\"\n");
        // what came before the bad line was printed
        assertThat(strict.out().lines()).hasSize(1);
    }

    @Test
    void analyzeReplaysAPerfCaptureThroughTheSameModel() throws Exception {
        Cli.Result r = Cli.run("analyze", BUNDLE.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(ExitCodes.OK);
        String perf = java.nio.file.Files.readString(BUNDLE.resolve("perf.txt"));
        // what the report counts is what the capture holds: tgkill(…, 23) entries and SIGURG deliveries
        long sent = perf.lines().filter(l -> l.contains("sys_enter: NR 234 (") && l.matches(".*, 17, .*")).count();
        long delivered = perf.lines().filter(l -> l.contains("signal_deliver: sig=23 ")).count();
        assertThat(sent).isEqualTo(22);
        assertThat(delivered).isEqualTo(22);
        assertThat(r.out()).startsWith("preemptscope analysis of " + BUNDLE.resolve("perf.txt") + "\n")
                .contains("\nperf: ")
                .contains("  SIGURG sent 22 (sysmon 22, GC and stop-the-world 0), delivered 22, coalesced 0\n")
                .contains("\nKernel view (perf)\n")
                .contains("  SIGURG generated 22: 0 with one already pending (merged)");
    }
}
