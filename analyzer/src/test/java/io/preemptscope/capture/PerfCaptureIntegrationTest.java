package io.preemptscope.capture;

import static io.preemptscope.capture.CaptureTestSupport.firstLine;
import static io.preemptscope.capture.CaptureTestSupport.strings;
import static io.preemptscope.capture.CaptureTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real captures with the real perf (as root; .ci/run installs linux-perf) of the tiny Go programs
 * the strace tests run. Where perf cannot run here, these fail with capture's one-line reason.
 */
class PerfCaptureIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERF_LINES = Pattern.compile("\\[ perf record: [^\\n]*]\\n");

    @TempDir
    Path tmp;

    @Test
    void defaultModeRecordsSysmonsSigurgsAndDescribesTheCapture() throws Exception {
        Path out = tmp.resolve("spin");
        String spin = GoPrograms.spin().toString();
        CaptureCli.Result r = CaptureCli.run("--backend", "perf", "--out", out.toString(), "--", spin, "150000000");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("spin: ticks=");
        // perf's two progress lines, then ours
        assertThat(PERF_LINES.matcher(r.err()).replaceAll("")).isEqualTo("preemptscope: capture: bundle " + out
                + ": perf.data, perf.txt (" + lines(out.resolve("perf.txt")) + " lines), capture.json\n");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("capture.json", "perf.data", "perf.txt");
        }
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("backend").asText()).isEqualTo("perf");
        assertThat(m.get("clock").asText()).isEqualTo("CLOCK_MONOTONIC");
        assertThat(strings(m.get("command"))).containsExactly(spin, "150000000");
        assertThat(m.get("executable").asText()).isEqualTo(spin);
        List<String> record = strings(m.get("perfCommand"));
        assertThat(record.subList(0, 6)).containsExactly("/usr/bin/perf", "record", "-k", "CLOCK_MONOTONIC",
                "--switch-events", "--no-bpf-event");
        assertThat(record.subList(record.size() - 5, record.size()))
                .containsExactly("-o", out.resolve("perf.data").toString(), "--", spin, "150000000");
        assertThat(strings(m.get("perfScriptCommand"))).containsExactly("/usr/bin/perf", "script", "-i",
                out.resolve("perf.data").toString(), "--ns", "--show-switch-events", "-F",
                "comm,pid,tid,cpu,time,event,trace");
        assertThat(m.get("perfVersion").asText()).isEqualTo(firstLine("/usr/bin/perf", "version"));
        assertThat(m.get("perfData").asText()).isEqualTo("perf.data");
        assertThat(m.get("perfScript").asText()).isEqualTo("perf.txt");
        assertThat(m.get("perfExit").asInt()).isZero();
        assertThat(m.get("perfLostChunks").asInt()).isZero();
        assertThat(m.get("targetExit").asInt()).isZero();
        assertThat(m.get("straceCommand").isNull()).isTrue();
        assertThat(m.get("straceFile").isNull()).isTrue();
        assertThat(m.get("mode").asText()).isEqualTo("native");
        assertThat(m.get("interrupted").asBoolean()).isFalse();
        assertThat(m.get("error").isNull()).isTrue();
        assertThat(m.get("go").get("path").asText()).isEqualTo("capturetest/spin");

        String text = Files.readString(out.resolve("perf.txt"), StandardCharsets.ISO_8859_1);
        // sysmon preempts a spinner that ran 10 ms: ~300 ms of spinning gives well over 3, each generated
        // by the process itself with SI_TKILL (tgkill) and delivered
        assertThat(count(text, "signal:signal_generate: sig=23 errno=0 code=-6 ")).isGreaterThanOrEqualTo(3);
        assertThat(count(text, "signal:signal_deliver: sig=23 errno=0 code=-6 ")).isGreaterThanOrEqualTo(3);
        assertThat(count(text, "PERF_RECORD_SWITCH IN")).isPositive();
        // every thread the process started is there, and every line belongs to the target's process
        long pid = firstPid(text);
        assertThat(text.lines()).allSatisfy(l -> assertThat(l).contains(" " + pid + "/"));
        assertThat(count(text, "task:task_newtask: ")).isEqualTo(count(text, "sched:sched_process_fork: "));
    }

    @Test
    void go113ModeWithThePreemptionFilterSendsNoSigurgAndRecordsOnlyThoseCalls() throws Exception {
        Path out = tmp.resolve("apo");
        CaptureCli.Result r = CaptureCli.run(Map.of("GODEBUG", "madvdontneed=1,asyncpreemptoff=0"),
                "--backend", "perf", "--mode", "go1.13", "--filter", "preemption", "--out", out.toString(), "--",
                GoPrograms.spin().toString(), "100000000");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("spin: ticks=");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("mode").asText()).isEqualTo("go1.13");
        assertThat(m.get("filter").asText()).isEqualTo("preemption");
        JsonNode change = m.get("environment").get(0);
        assertThat(change.get("before").asText()).isEqualTo("madvdontneed=1,asyncpreemptoff=0");
        assertThat(change.get("after").asText()).isEqualTo("madvdontneed=1,asyncpreemptoff=1");
        assertThat(strings(m.get("perfCommand"))).contains("--filter");

        String text = Files.readString(out.resolve("perf.txt"), StandardCharsets.ISO_8859_1);
        assertThat(count(text, "sig=23 ")).isZero();
        Matcher nr = Pattern.compile("raw_syscalls:sys_e(?:nter|xit): NR (\\d+) ").matcher(text);
        List<String> names = new ArrayList<>();
        while (nr.find()) {
            names.add(io.preemptscope.linux.Amd64Syscalls.name(Long.parseLong(nr.group(1))));
        }
        // the filter is on from the start: the execve's exit is the first call perf sees
        assertThat(names).isNotEmpty().contains("futex", "nanosleep", "exit_group");
        assertThat(names).allSatisfy(n -> assertThat(CaptureFilter.PREEMPTION_SYSCALLS).contains(n));
    }

    @Test
    void theTargetsOutputAndExitStatusPassThrough() throws Exception {
        Path out = tmp.resolve("outerr");
        CaptureCli.Result r = CaptureCli.run("--backend", "perf", "--out", out.toString(), "--",
                GoPrograms.outerr().toString());

        assertThat(r.status()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("to stdout\n");
        assertThat(PERF_LINES.matcher(r.err()).replaceAll("")).isEqualTo("to stderr\npreemptscope: capture: bundle "
                + out + ": perf.data, perf.txt (" + lines(out.resolve("perf.txt")) + " lines), capture.json\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("targetExit").asInt()).isEqualTo(3);
        assertThat(m.get("perfExit").asInt()).isEqualTo(3);
        String text = Files.readString(out.resolve("perf.txt"), StandardCharsets.ISO_8859_1);
        // exit_group(3): NR 231 with 3 as its first argument
        assertThat(text).contains("raw_syscalls:sys_enter: NR 231 (3, ");
    }

    @Test
    void ctrlCGivesTheTargetTheSignalAndPerfRecordsItsEnd() throws Exception {
        Path out = tmp.resolve("interrupted");
        CaptureCli cli = CaptureCli.start(Map.of(), List.of("--backend", "perf", "--out", out.toString(), "--",
                GoPrograms.spin().toString(), "30000000000"));
        Path data = out.resolve("perf.data");
        // perf.data grows as perf's writer wakes: a minute of spinning ends only by the interrupt
        waitFor(() -> Files.isRegularFile(data) && Files.size(data) > 64 * 1024, 20);
        new ProcessBuilder("/bin/sh", "-c", "kill -s INT " + cli.pid()).start().waitFor();
        CaptureCli.Result r = cli.await();

        assertThat(r.status()).isEqualTo(130);
        assertThat(PERF_LINES.matcher(r.err()).replaceAll("")).isEqualTo(
                "preemptscope: capture: interrupted; kept what was captured in " + out + "\n"
                + "preemptscope: capture: bundle " + out + ": perf.data, perf.txt ("
                + lines(out.resolve("perf.txt")) + " lines), capture.json\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("interrupted").asBoolean()).isTrue();
        assertThat(m.get("targetExit").isNull()).isTrue();
        assertThat(m.get("error").isNull()).isTrue();
        String text = Files.readString(out.resolve("perf.txt"), StandardCharsets.ISO_8859_1);
        // the target got the Ctrl-C (SIGINT from kill, SI_USER; its generation is in the untraced sender),
        // and perf saw it arrive and the process end
        assertThat(text).contains("signal:signal_deliver: sig=2 errno=0 code=0 ");
        assertThat(text).containsPattern("sched:sched_process_exit: comm=spin pid=\\d+ prio=\\d+ group_dead=true");
    }

    @Test
    void timeoutSigintStopsThePerfCaptureLikeCtrlC() throws Exception {
        Path out = tmp.resolve("timeout");
        // timeout signals its whole process group: perf and the target get the SIGINT as capture does
        CaptureCli.Result r = CaptureCli.startUnder(List.of("timeout", "-s", "INT", "3"), Map.of(),
                List.of("--backend", "perf", "--mode", "go1.13", "--out", out.toString(), "--",
                        GoPrograms.spin().toString(), "30000000000")).await();

        assertThat(r.status()).isEqualTo(124); // timeout's own status once it had to signal
        assertThat(r.err()).contains("preemptscope: capture: interrupted; kept what was captured in " + out + "\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("interrupted").asBoolean()).isTrue();
        assertThat(m.get("targetExit").isNull()).isTrue();
        assertThat(m.get("error").isNull()).isTrue();
        assertThat(m.get("perfScript").asText()).isEqualTo("perf.txt");
        // perf had the SIGINT too and stops at once: whether it saw the target's end is a race
        assertThat(Files.readString(out.resolve("perf.txt"), StandardCharsets.ISO_8859_1))
                .contains("raw_syscalls:sys_exit: NR 59 = 0");
    }

    @Test
    void attachingToAPidRecordsForTheDurationAndLeavesItRunning() throws Exception {
        Path out = tmp.resolve("attached");
        Process spin = new ProcessBuilder(GoPrograms.spin().toString(), "30000000000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            CaptureCli.Result r = CaptureCli.run("--backend", "perf", "--pid", Long.toString(spin.pid()),
                    "--duration", "1s", "--out", out.toString());

            assertThat(r.status()).as(r.err()).isZero();
            JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
            assertThat(m.get("pid").asLong()).isEqualTo(spin.pid());
            assertThat(m.get("duration").asText()).isEqualTo("PT1S");
            List<String> record = strings(m.get("perfCommand"));
            assertThat(record.subList(record.size() - 2, record.size()))
                    .containsExactly("-p", Long.toString(spin.pid()));
            assertThat(m.get("interrupted").asBoolean()).isFalse();
            assertThat(m.get("targetExit").isNull()).isTrue();
            assertThat(spin.isAlive()).isTrue();
            String text = Files.readString(out.resolve("perf.txt"), StandardCharsets.ISO_8859_1);
            assertThat(firstPid(text)).isEqualTo(spin.pid());
            assertThat(count(text, "signal:signal_generate: sig=23 ")).isGreaterThanOrEqualTo(1);
        } finally {
            spin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlCWhileAttachedStopsPerfAndLeavesTheTargetRunning() throws Exception {
        Path out = tmp.resolve("attached-interrupted");
        Process spin = new ProcessBuilder(GoPrograms.spin().toString(), "30000000000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            CaptureCli cli = CaptureCli.start(Map.of(), List.of("--backend", "perf", "--pid", Long.toString(spin.pid()),
                    "--duration", "2m", "--out", out.toString()));
            Path data = out.resolve("perf.data");
            waitFor(() -> Files.isRegularFile(data) && Files.size(data) > 4096, 20);
            Thread.sleep(500);
            new ProcessBuilder("/bin/sh", "-c", "kill -s INT " + cli.pid()).start().waitFor();
            CaptureCli.Result r = cli.await();

            assertThat(r.status()).isEqualTo(130);
            JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
            assertThat(m.get("interrupted").asBoolean()).isTrue();
            assertThat(m.get("error").isNull()).isTrue();
            assertThat(m.get("perfScript").asText()).isEqualTo("perf.txt");
            // perf let go of it; nobody forwards the Ctrl-C to a process capture did not start
            assertThat(spin.isAlive()).isTrue();
            assertThat(firstPid(Files.readString(out.resolve("perf.txt"), StandardCharsets.ISO_8859_1)))
                    .isEqualTo(spin.pid());
        } finally {
            spin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void perfMissingFromPath() {
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", tmp.toString()), "--backend", "perf",
                "--out", tmp.resolve("b").toString(), "--", "/bin/true");

        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("preemptscope: capture: perf is not on PATH; install it:"
                + " apt-get install -y linux-perf\n");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void perfRefusedByTheKernelIsOneLineWithTheFix() throws IOException {
        // perf's real text when perf_event_paranoid forbids what it asks for (src/test/resources/perf-errors)
        Path bin = fakePerf("/bin/cat " + Path.of("src/test/resources/perf-errors/paranoid-nonroot-system-wide.txt")
                .toAbsolutePath() + " >&2; exit 255");
        Path out = tmp.resolve("b");
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", bin.toString()), "--backend", "perf",
                "--out", out.toString(), "--", "/bin/true");

        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).endsWith("To make the adjusted perf_event_paranoid setting permanent preserve it\n"
                + "in /etc/sysctl.conf (e.g. kernel.perf_event_paranoid = <setting>)\n"
                + "preemptscope: capture: perf may not record here (kernel.perf_event_paranoid is 2): run capture"
                + " as root, or sysctl -w kernel.perf_event_paranoid=-1, or grant CAP_PERFMON (a container needs"
                + " --cap-add PERFMON and a seccomp profile that allows perf_event_open)\n");
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("perfExit").asInt()).isEqualTo(255);
        assertThat(m.get("perfScript").isNull()).isTrue();
    }

    @Test
    void theTargetsOwnTextThatLooksLikePerfsErrorsIsNoFailure() throws IOException {
        // a target that prints what perf prints when it may not read tracefs, and exits 3; perf then
        // says it wrote its recording, and perf script prints one line
        Path bin = fakePerf("case \"$1\" in\n"
                + "record) echo 'Error:\tNo permissions to read /sys/kernel/tracing/events/sched/sched_switch' >&2;"
                + " for a; do out=$prev; prev=$a; done; shift; while [ \"$1\" != -o ]; do shift; done;"
                + " echo data >\"$2\"; echo '[ perf record: Captured and wrote 0.001 MB x (1 samples) ]' >&2; exit 3 ;;\n"
                + "script) echo '  sh 1/1 [000] 1.000001: raw_syscalls:sys_exit: NR 59 = 0' ;;\n"
                + "esac");
        Path out = tmp.resolve("b");
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", bin.toString()), "--backend", "perf",
                "--out", out.toString(), "--", "/bin/true");

        assertThat(r.status()).as(r.err()).isEqualTo(3);
        JsonNode m = JSON.readTree(out.resolve("capture.json").toFile());
        assertThat(m.get("error").isNull()).isTrue();
        assertThat(m.get("targetExit").asInt()).isEqualTo(3);
        assertThat(Files.readString(out.resolve("perf.txt")))
                .isEqualTo("  sh 1/1 [000] 1.000001: raw_syscalls:sys_exit: NR 59 = 0\n");
    }

    @Test
    void analyzeAfterAPerfCaptureJudgesTheRunThroughTheSameModel() throws Exception {
        Path out = tmp.resolve("apo");
        CaptureCli.Result r = CaptureCli.run("--backend", "perf", "--mode", "go1.13", "--analyze", "--out",
                out.toString(), "--", GoPrograms.spin().toString(), "150000000");
        assertThat(r.status()).as(r.err()).isZero();
        // a call-free spinner without async preemption: one long run, no SIGURG, in perf's own words
        assertThat(r.out()).contains("==== preemptscope analyze " + out + " ====")
                .contains("\nperf: ").contains("  SIGURG sent 0, delivered 0, coalesced 0\n")
                .contains("\nKernel view (perf)\n").contains("COOP_STARVATION (1)")
                .contains(out.resolve("perf.txt") + ":");
    }

    @Test
    void aFilteredPerfCaptureMeasuresNoUserRuns() throws Exception {
        // only the preemption calls recorded: a gap between two of them may hold others
        Path out = tmp.resolve("filtered");
        CaptureCli.Result r = CaptureCli.run("--backend", "perf", "--mode", "go1.13", "--filter", "preemption",
                "--analyze", "--out", out.toString(), "--", GoPrograms.spin().toString(), "150000000");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\nKernel view (perf)\n")
                .contains("  user runs: not measured (the capture recorded only the preemption calls)\n")
                .doesNotContain("longest user-space run").doesNotContain("COOP_STARVATION");
    }

    /** A perf stand-in that answers {@code perf version} like perf 6.1 and otherwise runs {@code body}. */
    private Path fakePerf(String body) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("fakebin"));
        Path perf = bin.resolve("perf");
        Files.writeString(perf, "#!/bin/sh\nif [ \"$1\" = version ]; then echo 'perf version 6.1.187'; exit 0; fi\n"
                + body + "\n");
        Files.setPosixFilePermissions(perf, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** perf script pads the pid to five columns: one blank before a 5-digit pid, two before a 4-digit one. */
    private static long firstPid(String perfText) {
        Matcher m = Pattern.compile("^\\s*\\S+\\s+(\\d+)/\\d+\\s").matcher(perfText);
        assertThat(m.find()).as("a perf script line with pid/tid").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }
}
