package io.preemptscope.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.input.InputSource;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real perf capture read as the strace replay's events (spin, Go 1.19, async preemption on:
 * sample-traces/perf/agreement/spin-native-perf), checked against the text of the same file and
 * against what strace printed for the same calls in its own run of the program.
 */
class PerfAsStraceTest {
    private static final Path PERF = Corpus.samples().resolve("perf/agreement/spin-native-perf/perf.txt");
    private static final Path STRACE = Corpus.samples().resolve("perf/agreement/spin-native-strace/strace.txt");

    private static List<StraceEvent> events(List<PerfEvent> seen) throws Exception {
        List<ReadProblem> problems = new ArrayList<>();
        List<StraceEvent> out = new ArrayList<>();
        try (PerfEventSource source = new PerfEventSource(InputSource.of(PERF), problems::add, seen::add)) {
            for (StraceEvent e = source.next(); e != null; e = source.next()) {
                out.add(e);
            }
        }
        assertThat(problems).isEmpty();
        return out;
    }

    private static long lines(String contains) throws Exception {
        try (var l = Files.lines(PERF)) {
            return l.filter(s -> s.contains(contains)).count();
        }
    }

    @Test
    void everyCallSignalAndThreadEndOfTheCaptureBecomesOneEvent() throws Exception {
        List<PerfEvent> seen = new ArrayList<>();
        List<StraceEvent> events = events(seen);
        // the observer sees every line that is an event
        try (var l = Files.lines(PERF)) {
            assertThat(seen).hasSize((int) l.filter(s -> !s.isBlank() && !s.startsWith("#")).count());
        }
        List<SyscallEvent> calls = events.stream().filter(SyscallEvent.class::isInstance).map(SyscallEvent.class::cast)
                .toList();
        // one call per sys_exit (the first being execve's, whose entry came before recording began)
        assertThat(calls.stream().filter(c -> c.exit().present())).hasSize((int) lines("raw_syscalls:sys_exit:"));
        assertThat(calls.get(0).name()).isEqualTo("execve");
        assertThat(calls.get(0).source().line()).isEqualTo(1);
        // the only entries without an exit are the exit_group calls that end their process
        assertThat(calls.stream().filter(c -> !c.exit().present()).map(SyscallEvent::name).distinct())
                .containsExactly("exit_group");
        // rt_sigreturn's sys_exit shows call -1 (the restored orig_ax) and the restored rax: one per SIGURG handler
        assertThat(calls.stream().filter(c -> c.name().equals("rt_sigreturn")))
                .hasSize((int) lines("sys_enter: NR 15 ")).hasSize((int) lines("sys_exit: NR -1 = ")).hasSize(21)
                .allSatisfy(c -> assertThat(c.result().value()).matches("\\d+"));
        assertThat(calls).noneSatisfy(c -> assertThat(c.name()).startsWith("syscall_0x"));
        assertThat(events.stream().filter(ExitEvent.class::isInstance)).hasSize((int) lines("sched_process_exit:"));
        // SIGKILL has no handler and strace shows no delivery of it: only the 21 SIGURGs are signals
        assertThat(events.stream().filter(SignalEvent.class::isInstance)).hasSize((int) lines("signal_deliver: sig=23 "))
                .hasSize(21);
        assertThat(events).allSatisfy(e -> assertThat(e.ts().clock()).isEqualTo(Timestamp.Clock.MONOTONIC));
    }

    @Test
    void argumentsReadAsStracePrintedTheSameCallsInItsRunOfTheProgram() throws Exception {
        List<SyscallEvent> calls = events(new ArrayList<>()).stream().filter(SyscallEvent.class::isInstance)
                .map(SyscallEvent.class::cast).toList();
        String strace = Files.readString(STRACE);

        SyscallEvent clone = calls.stream().filter(c -> c.name().equals("clone")).findFirst().orElseThrow();
        // perf.txt:298: NR 56 (d0f00, c00004c000, 0, 0, c00003c090, c0000064e0) = 4921
        assertThat(clone.args()).isEqualTo("child_stack=0xc00004c000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND"
                + "|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS");
        assertThat(clone.result().value()).isEqualTo("4921");
        assertThat(strace).contains(clone.args().substring(clone.args().indexOf("flags=")));

        SyscallEvent tgkill = calls.stream().filter(c -> c.name().equals("tgkill")).findFirst().orElseThrow();
        assertThat(tgkill.tid()).isEqualTo(4921);
        assertThat(tgkill.args()).isEqualTo("4920, 4920, SIGURG");
        assertThat(tgkill.result().value()).isEqualTo("0");

        SyscallEvent wait = calls.stream().filter(c -> c.name().equals("futex") && c.args().startsWith("0x52ed08, "))
                .filter(c -> c.args().contains("WAIT")).findFirst().orElseThrow();
        assertThat(wait.args()).isEqualTo("0x52ed08, FUTEX_WAIT_PRIVATE, 0, NULL");
        assertThat(strace).contains("futex(0x52ed08, FUTEX_WAIT_PRIVATE, 0, NULL");
        // a nanosleep's request is behind a pointer: only its address, as strace prints an unreadable struct
        SyscallEvent sleep = calls.stream().filter(c -> c.name().equals("nanosleep")).findFirst().orElseThrow();
        assertThat(sleep.args()).matches("0xc[0-9a-f]+, NULL");
        assertThat(sleep.durationNanos()).isEqualTo(sleep.exit().nanos() - sleep.ts().nanos()).isPositive();

        SignalEvent urg = events(new ArrayList<>()).stream().filter(SignalEvent.class::isInstance)
                .map(SignalEvent.class::cast).findFirst().orElseThrow();
        assertThat(urg.signal()).isEqualTo("SIGURG");
        assertThat(urg.siCode()).isEqualTo("SI_TKILL");
        // the sender's process, from the signal_generate before it: the process signalled itself
        assertThat(urg.siPid()).isEqualTo(4920);
    }

    @Test
    void callsCutShortByTheProcessExitVanishInsteadOfReturningARestartCode() throws Exception {
        // perf.txt ends: NR 35 = -516, NR 202 = -512 (twice), each followed by SIGKILL and the thread's exit
        List<SyscallEvent> last = events(new ArrayList<>()).stream().filter(SyscallEvent.class::isInstance)
                .map(SyscallEvent.class::cast).filter(c -> c.status() == SyscallEvent.Status.VANISHED).toList();
        assertThat(last).extracting(SyscallEvent::tid, SyscallEvent::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4921, "nanosleep"),
                        org.assertj.core.groups.Tuple.tuple(4922, "futex"),
                        org.assertj.core.groups.Tuple.tuple(4923, "futex"));
        assertThat(last).allSatisfy(c -> assertThat(c.result().isUnknown()).isTrue());
    }

    @Test
    void aRecordPerfPrintedTwiceIsReadOnceAndSaidSo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // perf script printed some records of a 240 MB capture twice in a row (1,336 of 2.2 M lines);
        // here the capture's first tgkill entry is repeated in a copy named for what it is
        List<String> lines = new ArrayList<>(Files.readAllLines(PERF));
        int tgkill = 0;
        while (!lines.get(tgkill).contains("sys_enter: NR 234 (")) {
            tgkill++;
        }
        lines.add(tgkill + 1, lines.get(tgkill));
        Path mutated = dir.resolve("spin-native-perf-repeated-record-mutated.txt");
        Files.write(mutated, lines);
        List<ReadProblem> problems = new ArrayList<>();
        List<StraceEvent> read = new ArrayList<>();
        try (PerfEventSource source = new PerfEventSource(InputSource.of(mutated), problems::add, e -> { })) {
            for (StraceEvent e = source.next(); e != null; e = source.next()) {
                read.add(e);
            }
            assertThat(source.repeated()).isEqualTo(1);
        }
        assertThat(read).hasSize(events(new ArrayList<>()).size());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.warning()).isTrue();
            assertThat(p.describe()).isEqualTo(mutated + ": 1 record printed twice (the same event of the same thread at"
                    + " the same nanosecond) read once");
        });
    }

    @Test
    void cloneFlagsAndFutexOperationsAreNamedAsStraceNamesThem() {
        assertThat(PerfSyscallArgs.cloneFlags(0x1200011)).isEqualTo("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
        assertThat(PerfSyscallArgs.format("futex", List.of("c00003c948", "81", "1", "0", "0", "0")))
                .isEqualTo("0xc00003c948, FUTEX_WAKE_PRIVATE, 1");
        assertThat(PerfSyscallArgs.format("futex", List.of("531088", "80", "0", "7ffd10", "0", "0")))
                .isEqualTo("0x531088, FUTEX_WAIT_PRIVATE, 0, 0x7ffd10");
        assertThat(PerfSyscallArgs.format("epoll_pwait", List.of("4", "7ffe00", "80", "ffffffff", "0", "0")))
                .isEqualTo("4, 0x7ffe00, 128, -1, NULL, 0");
        assertThat(PerfSyscallArgs.format("kill", List.of("fffffffffffffffe", "f", "0", "0", "0", "0")))
                .isEqualTo("-2, SIGTERM");
    }
}
