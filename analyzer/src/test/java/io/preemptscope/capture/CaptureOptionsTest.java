package io.preemptscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure pieces of capture: GODEBUG merging, durations, strace argv, diagnostics, bundles. */
class CaptureOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void godebugMergeKeepsTheUsersOtherSettingsAndPutsOursLast() {
        assertThat(GoDebug.merge(null, "asyncpreemptoff", "1")).isEqualTo("asyncpreemptoff=1");
        assertThat(GoDebug.merge("", "asyncpreemptoff", "1")).isEqualTo("asyncpreemptoff=1");
        assertThat(GoDebug.merge("gctrace=1", "asyncpreemptoff", "1")).isEqualTo("gctrace=1,asyncpreemptoff=1");
        assertThat(GoDebug.merge("asyncpreemptoff=1,gctrace=1,madvdontneed=1", "asyncpreemptoff", "0"))
                .isEqualTo("gctrace=1,madvdontneed=1,asyncpreemptoff=0");
        assertThat(GoDebug.merge("asyncpreemptoff=0,,x=2,asyncpreemptoff=0", "asyncpreemptoff", "1"))
                .isEqualTo("x=2,asyncpreemptoff=1");
        assertThat(GoDebug.merge("asyncpreemptoffx=3", "asyncpreemptoff", "1"))
                .isEqualTo("asyncpreemptoffx=3,asyncpreemptoff=1");
    }

    @Test
    void durations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Durations.parse("5")).hasMessage("expected a duration such as 500ms, 5s or 2m, got 5");
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessage("the duration must be longer than 0, got 0s");
    }

    @Test
    void attachingWithThePreemptionFilterLeavesOutSeccomp() {
        CaptureRequest r = new CaptureRequest(List.of(), 4242, Duration.ofSeconds(5), CaptureMode.NATIVE,
                CaptureFilter.PREEMPTION, false, null, Path.of("b"), false);
        assertThat(StraceCommand.build(Path.of("/usr/bin/strace"), r, Path.of("b/strace.txt"), List.of(), List.of()))
                .containsExactly("/usr/bin/strace", "-f", "-ttt", "-T", "-yy", "-I", "2", "-o", "b/strace.txt",
                        "-e", "trace=tgkill,tkill,rt_sigreturn,rt_sigaction,rt_sigprocmask,nanosleep,futex,epoll_wait,"
                                + "epoll_pwait,read,write,getpid,sched_yield,clone,clone3,execve,exit,exit_group",
                        "-e", "signal=all", "-p", "4242");
    }

    @Test
    void straceDiagnosticsThatAreNotFailuresAreLeftAlone() {
        assertThat(StraceDiagnostics.failure(List.of("strace: Process 12 attached"))).isEmpty();
        assertThat(StraceDiagnostics.failure(List.of("strace: attach: ptrace(PTRACE_SEIZE, 99999): No such process")))
                .contains("no process to attach to (attach: ptrace(PTRACE_SEIZE, 99999): No such process):"
                        + " check the --pid value");
    }

    @Test
    void aBundleStandsForItsFiles() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(bundle.resolve("capture.json"), "{}");
        Files.writeString(bundle.resolve("strace.txt"), "");
        Path plain = Files.createDirectories(tmp.resolve("ff"));
        assertThat(Bundle.expand(List.of(bundle, plain), true)).containsExactly(bundle.resolve("strace.txt"), plain);
        Files.writeString(bundle.resolve("go.trace"), "");
        assertThat(Bundle.expand(List.of(bundle), true))
                .containsExactly(bundle.resolve("strace.txt"), bundle.resolve("go.trace"));
        assertThat(Bundle.expand(List.of(bundle), false)).containsExactly(bundle.resolve("strace.txt"));
    }
}
