package io.preemptscope.capture;

import static io.preemptscope.capture.CaptureTestSupport.firstLine;
import static io.preemptscope.capture.CaptureTestSupport.strings;
import static io.preemptscope.capture.CaptureTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.testing.StraceRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real captures with the real strace of tiny Go programs built with Go 1.19. */
class CaptureIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void defaultModeRecordsSigurgPreemptionAndDescribesTheCapture() throws Exception {
        Path out = tmp.resolve("spin");
        String spin = GoPrograms.spin().toString();
        CaptureCli.Result r = CaptureCli.run("--analyze", "--out", out.toString(), "--", spin, "150000000");

        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo(
                "preemptscope: capture: bundle " + out + ": strace.txt (" + lines(out) + " lines), capture.json\n");
        // the program's line first, then the report, clearly separated
        assertThat(r.out()).startsWith("spin: ticks=")
                .contains("\n\n==== preemptscope analyze " + out + " ====\npreemptscope analysis of "
                        + out.resolve("strace.txt"));
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("capture.json", "strace.txt");
        }
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("schema").asInt()).isEqualTo(1);
        assertThat(strings(m.get("command"))).containsExactly(spin, "150000000");
        assertThat(m.get("executable").asText()).isEqualTo(spin);
        assertThat(m.get("pid").isNull()).isTrue();
        assertThat(strings(m.get("straceCommand"))).containsExactly("/usr/bin/strace", "-f", "-ttt", "-T", "-yy",
                "-I", "2", "-o", out.resolve("strace.txt").toString(), "--", spin, "150000000");
        assertThat(m.get("environment").size()).isZero();
        assertThat(m.get("mode").asText()).isEqualTo("native");
        assertThat(m.get("filter").asText()).isEqualTo("all");
        assertThat(m.get("straceFile").asText()).isEqualTo("strace.txt");
        assertThat(m.get("goTrace").isNull()).isTrue();
        assertThat(m.get("straceVersion").asText()).isEqualTo(firstLine("/usr/bin/strace", "-V"));
        assertThat(m.get("kernel").asText())
                .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        assertThat(m.get("cpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        JsonNode go = m.get("go");
        assertThat(go.get("version").asText()).isEqualTo(firstLine(GoPrograms.GO.toString(), "env", "GOVERSION"));
        assertThat(go.get("path").asText()).isEqualTo("capturetest/spin");
        assertThat(JSON.convertValue(go.get("settings"), Map.class)).isEqualTo(Map.of(
                "-compiler", "gc", "CGO_ENABLED", "0", "GOARCH", "amd64", "GOOS", "linux", "GOAMD64", "v1"));
        assertThat(go.get("testBinary").asBoolean()).isFalse();
        Instant start = Instant.parse(m.get("start").asText());
        Instant end = Instant.parse(m.get("end").asText());
        assertThat(m.get("start").asText()).endsWith("Z");
        assertThat(end).isAfter(start);
        // the two clocks read together at the start: the real-time one within the capture's span,
        // the monotonic one what this JVM reads now less the time since (both CLOCK_MONOTONIC)
        long realtime = m.get("clocks").get("realtimeNs").asLong();
        assertThat(realtime).isBetween(start.getEpochSecond() * 1_000_000_000L + start.getNano() - 1_000_000L,
                end.getEpochSecond() * 1_000_000_000L + end.getNano());
        long monoNow = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        long sinceStart = now.getEpochSecond() * 1_000_000_000L + now.getNano() - realtime;
        assertThat(monoNow - m.get("clocks").get("monotonicNs").asLong()).isCloseTo(sinceStart,
                org.assertj.core.data.Offset.offset(50_000_000L));
        assertThat(m.get("targetExit").asInt()).isZero();
        assertThat(m.get("straceExit").asInt()).isZero();
        assertThat(m.get("interrupted").asBoolean()).isFalse();
        assertThat(m.get("error").isNull()).isTrue();

        StraceRun run = StraceRun.of(out.resolve("strace.txt"));
        assertThat(run.problems).isEmpty();
        // sysmon preempts a spinner that ran 10 ms: ~300 ms of spinning gives well over 3
        assertThat(run.stats.tgkill().getOrDefault("SIGURG", 0L)).isGreaterThanOrEqualTo(3);
        assertThat(run.stats.exits()).isEqualTo(run.stats.threads());
    }

    @Test
    void go113ModeMergesGodebugAndNoSigurgIsSent() throws Exception {
        Path out = tmp.resolve("apo");
        String spin = GoPrograms.spin().toString();
        CaptureCli.Result r = CaptureCli.run(Map.of("GODEBUG", "madvdontneed=1,asyncpreemptoff=0"),
                "--mode", "go1.13", "--filter", "preemption", "--out", out.toString(), "--", spin, "100000000");

        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("spin: ticks=");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("mode").asText()).isEqualTo("go1.13");
        assertThat(m.get("filter").asText()).isEqualTo("preemption");
        JsonNode change = m.get("environment").get(0);
        assertThat(m.get("environment").size()).isEqualTo(1);
        assertThat(change.get("name").asText()).isEqualTo("GODEBUG");
        assertThat(change.get("before").asText()).isEqualTo("madvdontneed=1,asyncpreemptoff=0");
        assertThat(change.get("after").asText()).isEqualTo("madvdontneed=1,asyncpreemptoff=1");
        assertThat(strings(m.get("straceCommand"))).containsExactly("/usr/bin/strace", "-f", "-ttt", "-T", "-yy",
                "-I", "2", "-o", out.resolve("strace.txt").toString(),
                "-e", "trace=tgkill,tkill,rt_sigreturn,rt_sigaction,rt_sigprocmask,nanosleep,futex,epoll_wait,"
                        + "epoll_pwait,read,write,getpid,sched_yield,clone,clone3,execve,exit,exit_group",
                "-e", "signal=all", "--seccomp-bpf", "-E", "GODEBUG=madvdontneed=1,asyncpreemptoff=1",
                "--", spin, "100000000");

        StraceRun run = StraceRun.of(out.resolve("strace.txt"));
        assertThat(run.problems).isEmpty();
        assertThat(run.stats.tgkill()).doesNotContainKey("SIGURG");
        assertThat(run.stats.signals()).doesNotContainKey("SIGURG");
        assertThat(run.stats.syscalls().keySet()).isSubsetOf(CaptureFilter.PREEMPTION_SYSCALLS);
    }

    @Test
    void theTargetsOutputAndExitStatusPassThrough() throws Exception {
        Path out = tmp.resolve("outerr");
        CaptureCli.Result r = CaptureCli.run("--out", out.toString(), "--", GoPrograms.outerr().toString());

        assertThat(r.status()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("to stdout\n");
        assertThat(r.err()).startsWith("to stderr\n")
                .endsWith("preemptscope: capture: bundle " + out + ": strace.txt (" + lines(out) + " lines), capture.json\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("targetExit").asInt()).isEqualTo(3);
        assertThat(m.get("straceExit").asInt()).isEqualTo(3);
        // another thread may print while exit_group runs, which splits it into two lines: read it as events;
        // and a second thread may enter exit_group too before the process is gone (seen once in 2026-12)
        StraceRun run = StraceRun.of(out.resolve("strace.txt"));
        assertThat(run.eventsOf(io.preemptscope.strace.event.SyscallEvent.class))
                .filteredOn(c -> c.name().equals("exit_group")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.args()).isEqualTo("3"));
        assertThat(run.stats.exits()).isPositive();
        assertThat(run.eventsOf(io.preemptscope.strace.event.ExitEvent.class)).allSatisfy(e -> assertThat(e.status()).isEqualTo(3));
    }

    @Test
    void ctrlCStopsStraceCleanlyAndKeepsAValidPartialCapture() throws Exception {
        Path out = tmp.resolve("interrupted");
        // about a minute of spinning: only the interrupt ends it within the test's time
        CaptureCli cli = CaptureCli.start(Map.of(), List.of("--out", out.toString(), "--",
                GoPrograms.spin().toString(), "30000000000"));
        Path log = out.resolve("strace.txt");
        waitFor(() -> Files.isRegularFile(log) && Files.readString(log).contains("tgkill("), 20);
        int targetPid = Integer.parseInt(Files.readString(log).split(" ", 2)[0]);
        // the shell's own kill: a minimal system has no kill(1) (procps)
        new ProcessBuilder("/bin/sh", "-c", "kill -s INT " + cli.pid()).start().waitFor();
        CaptureCli.Result r = cli.await();

        assertThat(r.status()).isEqualTo(130);
        assertThat(r.err()).isEqualTo("preemptscope: capture: interrupted; kept what was captured in " + out + "\n"
                + "preemptscope: capture: bundle " + out + ": strace.txt (" + lines(out) + " lines), capture.json\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("interrupted").asBoolean()).isTrue();
        assertThat(m.get("targetExit").isNull()).isTrue();
        assertThat(m.get("error").isNull()).isTrue();
        StraceRun run = StraceRun.of(log);
        assertThat(run.problems.stream().filter(p -> !p.warning()).map(ReadProblem::describe)).isEmpty();
        assertThat(run.stats.tgkill().get("SIGURG")).isGreaterThanOrEqualTo(1);
        // strace detached and the target got the Ctrl-C it was meant to have
        waitFor(() -> ProcessHandle.of(targetPid).map(h -> !h.isAlive()).orElse(true), 10);
    }

    @Test
    void timeoutSigintStopsTheCaptureLikeCtrlC() throws Exception {
        Path out = tmp.resolve("timeout");
        // timeout signals its whole process group: strace and the target die of the SIGINT as soon as capture sees it
        CaptureCli.Result r = CaptureCli.startUnder(List.of("timeout", "-s", "INT", "3"), Map.of(),
                List.of("--mode", "go1.13", "--out", out.toString(), "--", GoPrograms.spin().toString(), "30000000000"))
                .await();

        assertThat(r.status()).isEqualTo(124); // timeout's own status once it had to signal
        assertThat(r.err()).contains("preemptscope: capture: interrupted; kept what was captured in " + out + "\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("interrupted").asBoolean()).isTrue();
        assertThat(m.get("targetExit").isNull()).isTrue();
        assertThat(m.get("error").isNull()).isTrue();
    }

    @Test
    void aProgramThatIsNotGoIsCapturedWithAWarningAndTheBundleIsNamed() throws Exception {
        Path out = tmp.resolve("true");
        CaptureCli.Result r = CaptureCli.run("--out", out.toString(), "--", "/bin/true");

        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo("preemptscope: capture: warning: /bin/true is not a Go program (it has no Go"
                + " build info): the capture can show no Go preemption\n"
                + "preemptscope: capture: bundle " + out + ": strace.txt (" + lines(out) + " lines), capture.json\n");
        assertThat(JSON.readTree(out.resolve("capture.json").toFile()).get("go").isNull()).isTrue();
    }

    private static long lines(Path bundle) throws IOException {
        try (var lines = Files.lines(bundle.resolve("strace.txt"), StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }

    @Test
    void gotraceAsksATestBinaryForAGoExecutionTrace() throws Exception {
        Path out = tmp.resolve("gotrace");
        String test = GoPrograms.spinTest().toString();
        CaptureCli.Result r = CaptureCli.run("--gotrace", "--out", out.toString(), "--", test, "-test.v");

        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("=== RUN   TestSpin\n--- PASS: TestSpin").endsWith("PASS\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("goTrace").asText()).isEqualTo("go.trace");
        assertThat(m.get("go").get("testBinary").asBoolean()).isTrue();
        assertThat(m.get("go").get("path").asText()).isEmpty();
        assertThat(strings(m.get("command"))).containsExactly(test, "-test.v");
        List<String> argv = strings(m.get("straceCommand"));
        assertThat(argv.subList(argv.size() - 4, argv.size())).containsExactly("--", test,
                "-test.trace=" + out.toAbsolutePath().resolve("go.trace"), "-test.v");
        byte[] header = Files.readAllBytes(out.resolve("go.trace"));
        assertThat(new String(header, 0, 13, StandardCharsets.US_ASCII)).isEqualTo("go 1.19 trace");
    }

    @Test
    void gotraceRefusesAProgramThatIsNotATestBinary() {
        Path out = tmp.resolve("nogotrace");
        String spin = GoPrograms.spin().toString();
        CaptureCli.Result r = CaptureCli.run("--gotrace", "--out", out.toString(), "--", spin, "1");

        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("preemptscope: capture: --gotrace: " + spin + " is not a Go test binary"
                + " (go test -c), which alone takes -test.trace; if the program writes a runtime/trace to a path it"
                + " reads from an environment variable, name that variable with --gotrace-env NAME\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void attachingToAPidTracesForTheDurationThenDetaches() throws Exception {
        Path out = tmp.resolve("attached");
        Process spin = new ProcessBuilder(GoPrograms.spin().toString(), "30000000000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            CaptureCli.Result r = CaptureCli.run("--pid", Long.toString(spin.pid()), "--duration", "1s",
                    "--out", out.toString());

            assertThat(r.status()).isZero();
            JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
            assertThat(m.get("pid").asLong()).isEqualTo(spin.pid());
            assertThat(m.get("duration").asText()).isEqualTo("PT1S");
            assertThat(strings(m.get("command"))).containsExactly(GoPrograms.spin().toString(), "30000000000");
            assertThat(m.get("executable").asText()).isEqualTo(GoPrograms.spin().toRealPath().toString());
            assertThat(strings(m.get("straceCommand")).subList(9, 11))
                    .containsExactly("-p", Long.toString(spin.pid()));
            assertThat(m.get("interrupted").asBoolean()).isFalse();
            assertThat(m.get("targetExit").isNull()).isTrue();
            assertThat(spin.isAlive()).isTrue();
            StraceRun run = StraceRun.of(out.resolve("strace.txt"));
            assertThat(run.stats.tgkill().get("SIGURG")).isGreaterThanOrEqualTo(1);
        } finally {
            spin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
