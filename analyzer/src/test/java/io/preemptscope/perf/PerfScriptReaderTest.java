package io.preemptscope.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.StraceInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The perf script grammar and reader on real captures made here (sample-traces/perf/bundles and
 * sample-traces/perf/layouts, both written by sample-traces/perf/capture-perf-bundles.sh), and on a few
 * lines written for one case each (named "synthetic").
 */
class PerfScriptReaderTest {
    static final Path SAMPLES = Path.of("../sample-traces");

    record Read(List<PerfEvent> events, List<ReadProblem> problems, PerfScriptReader reader) {}

    static Read read(String name, Reader in) throws IOException, StraceInputException {
        List<ReadProblem> problems = new ArrayList<>();
        List<PerfEvent> events = new ArrayList<>();
        try (PerfScriptReader r = new PerfScriptReader(name, in, problems::add)) {
            for (PerfEvent e = r.next(); e != null; e = r.next()) {
                events.add(e);
            }
            return new Read(events, problems, r);
        }
    }

    static Read read(Path file) throws IOException, StraceInputException {
        return read(file.toString(), Files.newBufferedReader(file, StandardCharsets.ISO_8859_1));
    }

    @Test
    void everyLineOfTheSampleBundlesIsAnEvent() throws Exception {
        Map<String, Long> lines = Map.of("spin-native-perf", 1422L, "spin-go1.13-perf", 1513L,
                "pipeblock-native-perf", 3901L, "pipeblock-go1.13-perf", 3057L);
        for (var e : lines.entrySet()) {
            Read r = read(SAMPLES.resolve("perf/bundles").resolve(e.getKey()).resolve("perf.txt"));
            assertThat(r.problems()).as(e.getKey()).isEmpty();
            assertThat(r.reader().lines()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(r.reader().events()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theFieldsOfEachKindOfLine() throws Exception {
        List<PerfEvent> events = read(SAMPLES.resolve("perf/bundles/spin-native-perf/perf.txt")).events();
        // line 1: the execve's exit, the first event after perf enables on exec
        assertThat(events.get(0)).isEqualTo(new PerfEvent(1, "bin-spin", 6386, 6386, 0, "9179.882152098",
                9179_882152098L, "raw_syscalls:sys_exit", new PerfEvent.SyscallExit(59, "execve", 0, null)));
        // line 734: sysmon's tgkill(6386, 6386, SIGURG)
        assertThat(events.get(733)).isEqualTo(new PerfEvent(734, "bin-spin", 6386, 6387, 1, "9179.901199617",
                9179_901199617L, "raw_syscalls:sys_enter",
                new PerfEvent.SyscallEnter(234, "tgkill", List.of("18f2", "18f2", "17", "0", "1", "0"))));
        PerfEvent generate = events.get(734);
        assertThat(generate.event()).isEqualTo("signal:signal_generate");
        assertThat(((PerfEvent.Fields) generate.payload()).values()).containsExactly(Map.entry("sig", "23"),
                Map.entry("errno", "0"), Map.entry("code", "-6"), Map.entry("comm", "bin-spin"),
                Map.entry("pid", "6386"), Map.entry("grp", "0"), Map.entry("res", "0"));
        PerfEvent sw = events.get(300);
        assertThat(sw.line()).isEqualTo(301);
        assertThat(((PerfEvent.Fields) sw.payload()).values()).containsExactly(Map.entry("prev_comm", "bin-spin"),
                Map.entry("prev_pid", "6386"), Map.entry("prev_prio", "120"), Map.entry("prev_state", "R"),
                Map.entry("next_comm", "rcu_preempt"), Map.entry("next_pid", "15"), Map.entry("next_prio", "120"));
        assertThat(events.get(301)).isEqualTo(new PerfEvent(302, "bin-spin", 6386, 6386, 0, "9179.884214280",
                9179_884214280L, "PERF_RECORD_SWITCH", new PerfEvent.Switch(false, true)));
    }

    @Test
    void theKernelsRestartCodesAndRtSigreturnsExit() throws Exception {
        List<PerfEvent> events = read(SAMPLES.resolve("perf/bundles/pipeblock-go1.13-perf/perf.txt")).events();
        assertThat(events.get(3046).payload()).isEqualTo(new PerfEvent.SyscallExit(202, "futex", -512, "ERESTARTSYS"));
        assertThat(events.get(3042).payload())
                .isEqualTo(new PerfEvent.SyscallExit(35, "nanosleep", -516, "ERESTART_RESTARTBLOCK"));
        // rt_sigreturn leaves no syscall number (orig_ax is -1) and returns the restored register
        List<PerfEvent> native_ = read(SAMPLES.resolve("perf/bundles/pipeblock-native-perf/perf.txt")).events();
        assertThat(native_.get(634).payload()).isEqualTo(
                new PerfEvent.SyscallExit(-1, "syscall_0xffffffffffffffff", -4414202905777019479L, null));
    }

    /** One perf.data printed in five field layouts: the same events, at the precision each prints. */
    @Test
    void everyFieldLayoutGivesTheSameEvents() throws Exception {
        List<PerfEvent> full = read(SAMPLES.resolve("perf/bundles/spin-native-perf/perf.txt")).events().stream()
                .filter(e -> !(e.payload() instanceof PerfEvent.Switch)).toList();
        assertThat(full).hasSize(1083);
        for (String layout : List.of("default", "tid-ns", "nocomm", "period")) {
            Read r = read(SAMPLES.resolve("perf/layouts/spin-native." + layout + ".txt"));
            assertThat(r.problems()).as(layout).isEmpty();
            assertThat(r.events()).as(layout).hasSize(full.size());
            for (int i = 0; i < full.size(); i++) {
                PerfEvent want = full.get(i);
                PerfEvent got = r.events().get(i);
                assertThat(got.tid()).isEqualTo(want.tid());
                assertThat(got.event()).isEqualTo(want.event());
                assertThat(got.payload()).isEqualTo(want.payload());
                boolean micros = layout.equals("default") || layout.equals("nocomm");
                assertThat(got.timeNs()).isEqualTo(micros ? want.timeNs() / 1000 * 1000 : want.timeNs());
                assertThat(got.comm()).isEqualTo(layout.equals("nocomm") ? "" : want.comm());
                assertThat(got.pid()).isEqualTo(layout.equals("nocomm") ? want.pid() : -1);
                assertThat(got.cpu()).isEqualTo(layout.equals("tid-ns") ? -1 : want.cpu());
            }
        }
    }

    @Test
    void syntheticCommsWithBlanksAndDigits() throws Exception {
        Read r = read("synthetic", new StringReader(
                "  Web Content 4242/4250 [001] 100.000000001:       sched:sched_switch: prev_comm=Web Content"
                        + " prev_pid=4250 prev_prio=120 prev_state=R+ ==> next_comm=swapper/1 next_pid=0 next_prio=120\n"
                        + "1 2 3/3 [000] 100.5:  raw_syscalls:sys_exit: NR 0 = -4\n"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.events().get(0).comm()).isEqualTo("Web Content");
        assertThat(((PerfEvent.Fields) r.events().get(0).payload()).get("prev_comm")).isEqualTo("Web Content");
        assertThat(((PerfEvent.Fields) r.events().get(0).payload()).get("prev_state")).isEqualTo("R+");
        assertThat(r.events().get(1)).isEqualTo(new PerfEvent(2, "1 2", 3, 3, 0, "100.5", 100_500_000_000L,
                "raw_syscalls:sys_exit", new PerfEvent.SyscallExit(0, "read", -4, "EINTR")));
    }

    @Test
    void headerCommentsAndBlankLinesAreNoEvents() throws Exception {
        Read r = read("synthetic", new StringReader("# ========\n# captured on    : Sun Dec  6\n\n"
                + "  sh 1/1 [000] 1.000001: raw_syscalls:sys_exit: NR 59 = 0\n"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.events()).hasSize(1);
        assertThat(r.reader().lines()).isEqualTo(4);
    }

    @Test
    void aLineThatIsNotPerfScriptIsReportedWithItsPlaceAndSkipped() throws Exception {
        Read r = read("mixed.txt", new StringReader(
                "12345 1700000000.123456 read(3, \"x\", 1) = 1\n"
                        + "  sh 1/1 [000] 1.000001: raw_syscalls:sys_exit: NR 59 = 0\n"
                        + "  sh 1/1 [000] 1.000002: raw_syscalls:sys_enter: NR 0 (3, 4\n"
                        + "  sh 1/1 [000] 1.000003: sched:sched_switch:\n"));
        assertThat(r.events()).hasSize(1);
        assertThat(r.reader().unparsed()).isEqualTo(3);
        assertThat(r.problems().stream().map(ReadProblem::describe)).containsExactly(
                "mixed.txt:1: column 1: expected a perf script line: [COMM] [PID/]TID [CPU] SECONDS: EVENT:,"
                        + " found \"12345\"",
                "mixed.txt:3: column 60: expected the event's fields: NR n (args), NR n = result, or key=value,"
                        + " found the end of the line",
                "mixed.txt:4: column 45: expected the event's fields: NR n (args), NR n = result, or key=value,"
                        + " found the end of the line");
    }

    @Test
    void strictModeStopsAtTheFirstBadLine() {
        assertThatThrownBy(() -> {
            try (PerfScriptReader r = new PerfScriptReader("bad.txt", new StringReader("hello world\n"), p -> {
                throw new StraceInputException(p.describe());
            })) {
                r.next();
            }
        }).isInstanceOf(StraceInputException.class).hasMessage("bad.txt:1: column 1: expected a perf script line:"
                + " [COMM] [PID/]TID [CPU] SECONDS: EVENT:, found \"hello\"");
    }

    @Test
    void aLastLineCutShortIsAWarning() throws Exception {
        Read r = read("cut.txt", new StringReader("  sh 1/1 [000] 1.000001: raw_syscalls:sys_exit: NR 59 = 0\n"
                + "  sh 1/1 [000] 1.000002: raw_syscalls:sys_en"));
        assertThat(r.events()).hasSize(1);
        assertThat(r.reader().truncated()).isEqualTo(1);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.warning()).isTrue();
            assertThat(p.describe()).isEqualTo("cut.txt:2: the last line is cut short: column 26: expected a"
                    + " tracepoint (SYSTEM:EVENT:) or PERF_RECORD_SWITCH after the time, found \"raw_syscalls:sys_en\"");
        });
    }
}
