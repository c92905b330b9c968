package io.preemptscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure pieces of the perf backend: its argv, the host checks, perf's errors turned into one line. */
class PerfCaptureOptionsTest {
    private static final Path ERRORS = Path.of("src/test/resources/perf-errors");
    /** Root's CapEff on this machine: as /proc/self/status showed it. */
    private static final String ROOT_CAPS = "CapEff:\t000001fffeffffff\n";

    @TempDir
    Path tmp;

    @Test
    void recordFollowsTheCommandOnTheMonotonicClockWithEveryTracepoint() {
        CaptureRequest r = new CaptureRequest(List.of("/bin/prog", "x"), 0, null, CaptureMode.GO1_13,
                CaptureFilter.ALL, false, null, Path.of("b"), false, CaptureBackend.PERF);
        assertThat(PerfCommand.record(Path.of("/usr/bin/perf"), r, Path.of("b/perf.data"), List.of("/bin/prog", "x")))
                .containsExactly("/usr/bin/perf", "record", "-k", "CLOCK_MONOTONIC", "--switch-events",
                        "--no-bpf-event", "-e", "sched:sched_switch", "-e", "sched:sched_wakeup",
                        "-e", "sched:sched_process_fork", "-e", "sched:sched_process_exit", "-e", "task:task_newtask",
                        "-e", "signal:signal_generate", "-e", "signal:signal_deliver",
                        "-e", "raw_syscalls:sys_enter", "-e", "raw_syscalls:sys_exit",
                        "-o", "b/perf.data", "--", "/bin/prog", "x");
        assertThat(PerfCommand.script(Path.of("/usr/bin/perf"), Path.of("b/perf.data"))).containsExactly(
                "/usr/bin/perf", "script", "-i", "b/perf.data", "--ns", "--show-switch-events",
                "-F", "comm,pid,tid,cpu,time,event,trace");
    }

    @Test
    void attachingWithThePreemptionFilterFiltersSyscallsInTheKernel() {
        CaptureRequest r = new CaptureRequest(List.of(), 4242, Duration.ofSeconds(5), CaptureMode.NATIVE,
                CaptureFilter.PREEMPTION, false, null, Path.of("b"), false, CaptureBackend.PERF);
        String filter = "id == 234 || id == 200 || id == 15 || id == 13 || id == 14 || id == 35 || id == 202"
                + " || id == 232 || id == 281 || id == 0 || id == 1 || id == 39 || id == 24 || id == 56"
                + " || id == 435 || id == 59 || id == 60 || id == 231";
        List<String> argv = PerfCommand.record(Path.of("/usr/bin/perf"), r, Path.of("b/perf.data"), List.of());
        assertThat(argv.subList(20, argv.size())).containsExactly(
                "-e", "raw_syscalls:sys_enter", "--filter", filter, "-e", "raw_syscalls:sys_exit", "--filter", filter,
                "-o", "b/perf.data", "-p", "4242");
    }

    @Test
    void aHostWithTracefsAndEveryTracepointPasses() throws Exception {
        PerfHost host = host("none /sys/kernel/tracing tracefs rw,relatime 0 0\n", "2\n", ROOT_CAPS,
                List.of("sched/sched_switch", "signal/signal_deliver"));
        PerfPreflight.check(host, List.of("sched:sched_switch", "signal:signal_deliver"));
    }

    @Test
    void tracefsNotMounted() throws IOException {
        PerfHost host = host("proc /proc proc rw 0 0\n", "2\n", ROOT_CAPS, List.of());
        assertThatThrownBy(() -> PerfPreflight.check(host, List.of("sched:sched_switch"))).hasMessage(
                "tracefs is not mounted, so perf cannot find its tracepoints: mount -t tracefs nodev"
                        + " /sys/kernel/tracing (in a container, mount the host's /sys/kernel/tracing), or use"
                        + " --backend strace");
    }

    @Test
    void olderSystemsFindTracingInsideDebugfs() throws IOException {
        Path debugfs = Files.createDirectories(tmp.resolve("debug/tracing"));
        Path mounts = Files.writeString(tmp.resolve("mounts"), "debugfs " + tmp.resolve("debug") + " debugfs rw 0 0\n");
        assertThat(PerfPreflight.tracefs(mounts)).contains(debugfs);
    }

    @Test
    void notPermittedWithoutCapabilitiesWhileParanoid() throws IOException {
        // an unprivileged user's CapEff, as /proc/self/status shows it
        PerfHost host = host("none /sys/kernel/tracing tracefs rw 0 0\n", "2\n", "Uid:\t1000\t1000\t1000\t1000\n"
                + "CapEff:\t0000000000000000\n", List.of("sched/sched_switch"));
        assertThatThrownBy(() -> PerfPreflight.check(host, List.of("sched:sched_switch"))).hasMessage(
                "perf may not record tracepoints here: kernel.perf_event_paranoid is 2 and this user has neither"
                        + " CAP_PERFMON nor CAP_SYS_ADMIN; run capture as root, or sysctl -w"
                        + " kernel.perf_event_paranoid=-1, or grant CAP_PERFMON (a container needs --cap-add PERFMON"
                        + " and a seccomp profile that allows perf_event_open), or use --backend strace");
    }

    @Test
    void capPerfmonAloneOrParanoidMinusOneIsEnough() throws Exception {
        PerfHost perfmon = host("none /sys/kernel/tracing tracefs rw 0 0\n", "2\n", "CapEff:\t0000004000000000\n",
                List.of("sched/sched_switch"));
        PerfPreflight.check(perfmon, List.of("sched:sched_switch"));
        PerfHost open = host("none /sys/kernel/tracing tracefs rw 0 0\n", "-1\n", "CapEff:\t0000000000000000\n",
                List.of("sched/sched_switch"));
        PerfPreflight.check(open, List.of("sched:sched_switch"));
    }

    @Test
    void tracepointsMissingFromTheKernel() throws IOException {
        PerfHost host = host("none /sys/kernel/tracing tracefs rw 0 0\n", "2\n", ROOT_CAPS,
                List.of("sched/sched_switch"));
        Path events = tmp.resolve("tracing/events");
        assertThatThrownBy(() -> PerfPreflight.check(host,
                List.of("sched:sched_switch", "sched:sched_wakeup", "raw_syscalls:sys_enter"))).hasMessage(
                "this kernel lacks the tracepoints sched:sched_wakeup, raw_syscalls:sys_enter (not in " + events
                        + "): the perf backend needs a kernel with CONFIG_FTRACE and these events; use --backend strace");
    }

    @Test
    void perfsOwnErrorsBecomeOneLineWithTheFix() throws IOException {
        assertThat(PerfDiagnostics.failure(errors("paranoid-nonroot-system-wide.txt"))).contains(
                "perf may not record here (kernel.perf_event_paranoid is 2): run capture as root, or sysctl -w"
                        + " kernel.perf_event_paranoid=-1, or grant CAP_PERFMON (a container needs --cap-add PERFMON"
                        + " and a seccomp profile that allows perf_event_open)");
        assertThat(PerfDiagnostics.failure(errors("tracefs-unreadable-nonroot.txt"))).contains(
                "perf cannot read /sys/kernel/tracing/events/sched/sched_switch (tracefs is often root's alone):"
                        + " run capture as root, or mount -o remount,mode=755 /sys/kernel/tracing");
        assertThat(PerfDiagnostics.failure(errors("unknown-tracepoint.txt"))).contains(
                "this kernel lacks a tracepoint perf was asked for (/sys/kernel/tracing/events/sched/no_such_tracepoint"
                        + " not found): the perf backend needs a kernel with CONFIG_FTRACE and these events;"
                        + " use --backend strace");
        assertThat(PerfDiagnostics.failure(errors("no-such-pid.txt"))).contains(
                "no process to attach to (perf: No such process): check the --pid value");
        assertThat(PerfDiagnostics.failure(errors("workload-missing.txt"))).contains(
                "perf could not run the target /nonexistent/prog (No such file or directory): check the command's"
                        + " path and permissions");
        // perf's progress lines and the target's own output are no failure
        assertThat(PerfDiagnostics.failure(List.of("[ perf record: Woken up 2 times to write data ]",
                "[ perf record: Captured and wrote 0.316 MB perf.data (2928 samples) ]", "to stderr"))).isEmpty();
    }

    @Test
    void lostChunksAreReadFromPerfScriptsWarning() {
        assertThat(PerfScript.lost(List.of("Warning:", "Processed 240103 events and lost 3 chunks!", "",
                "Check IO/CPU overload!"))).isEqualTo(3);
        assertThat(PerfScript.lost(List.of())).isZero();
    }

    private static List<String> errors(String name) throws IOException {
        return Files.readAllLines(ERRORS.resolve(name), StandardCharsets.UTF_8);
    }

    /** A fake /proc and tracefs under tmp; tracefs's mount point is rewritten to tmp/tracing. */
    private PerfHost host(String mounts, String paranoid, String status, List<String> tracepoints) throws IOException {
        Path tracing = Files.createDirectories(tmp.resolve("tracing/events"));
        for (String tp : tracepoints) {
            Files.createDirectories(tracing.resolve(tp));
        }
        return new PerfHost(
                Files.writeString(tmp.resolve("mounts"), mounts.replace("/sys/kernel/tracing", tmp.resolve("tracing").toString())),
                Files.writeString(tmp.resolve("paranoid"), paranoid),
                Files.writeString(tmp.resolve("status"), status));
    }
}
