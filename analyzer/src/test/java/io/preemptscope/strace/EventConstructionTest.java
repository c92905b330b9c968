package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.strace.args.ArgDecoder;
import io.preemptscope.strace.args.SyscallArgs;
import io.preemptscope.strace.event.MessageEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SupersededEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.testing.Corpus;
import io.preemptscope.testing.StraceRun;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events built from real capture lines, construct by construct, with the values strace printed. */
class EventConstructionTest {

    private static SyscallEvent callAt(StraceRun run, long line) {
        return run.eventsOf(SyscallEvent.class).stream()
                .filter(c -> c.source().line() == line)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no syscall entered on line " + line));
    }

    @Test
    void aPreemptionEpisodeOfTheSysmonThread() {
        StraceRun run = StraceRun.of(Corpus.strace("captures/pipeblock/default/f-tt-T.txt"));

        SyscallEvent tgkill = callAt(run, 546);
        assertThat(tgkill.tid()).isEqualTo(11740);
        assertThat(ArgDecoder.decode(tgkill.name(), tgkill.args()))
                .isEqualTo(new SyscallArgs.SignalSend(11739, 11742, "SIGURG"));
        assertThat(tgkill.durationNanos()).isEqualTo(48_000);

        SyscallEvent interrupted = run.eventsOf(SyscallEvent.class).stream()
                .filter(c -> c.exitLine() == 548).findFirst().orElseThrow();
        assertThat(interrupted.name()).isEqualTo("futex");
        assertThat(interrupted.tid()).isEqualTo(11742);
        assertThat(interrupted.split()).isTrue();
        assertThat(interrupted.result().errno()).isEqualTo("ERESTARTSYS");
        assertThat(interrupted.result().isRestartCode()).isTrue();
        assertThat(interrupted.result().errnoText()).isEqualTo("To be restarted if SA_RESTART is set");
        assertThat(interrupted.exit().printed()).isEqualTo("12:01:12.009503");

        SignalEvent delivery = run.eventsOf(SignalEvent.class).stream()
                .filter(s -> s.source().line() == 549).findFirst().orElseThrow();
        assertThat(delivery.tid()).isEqualTo(11742);
        assertThat(delivery.signal()).isEqualTo("SIGURG");
        assertThat(delivery.siCode()).isEqualTo("SI_TKILL");
        assertThat(delivery.siPid()).isEqualTo(11739);

        SyscallEvent sigreturn = callAt(run, 552);
        assertThat(sigreturn.name()).isEqualTo("rt_sigreturn");
        assertThat(sigreturn.result().value()).isEqualTo("202");
        assertThat(ArgDecoder.decode("rt_sigreturn", sigreturn.args())).isEqualTo(new SyscallArgs.SigReturn("[]"));
    }

    @Test
    void splitCallsJoinTheirFragmentsAndKeepBothTimes() {
        StraceRun run = StraceRun.of(Corpus.strace("captures/pipeblock/default/f-tt-T.txt"));
        SyscallEvent nanosleep = callAt(run, 547);
        assertThat(nanosleep.exitLine()).isEqualTo(551);
        assertThat(nanosleep.args()).isEqualTo("{tv_sec=0, tv_nsec=20000}, NULL");
        assertThat(nanosleep.ts().nanos()).isEqualTo(((12 * 60 + 1) * 60 + 12) * 1_000_000_000L + 9_479_000L);
        assertThat(nanosleep.exit().nanos() - nanosleep.ts().nanos()).isEqualTo(190_000);
        assertThat(ArgDecoder.decode("nanosleep", nanosleep.args())).isEqualTo(new SyscallArgs.Sleep(20_000));
    }

    @Test
    void rtSigreturnRestoresRegistersAboveTheSignedRange() {
        StraceRun run = StraceRun.of(Corpus.strace("captures/extra/killed-sigkill.txt"));
        SyscallEvent sigreturn = run.eventsOf(SyscallEvent.class).stream()
                .filter(c -> c.exitLine() == 294).findFirst().orElseThrow();
        assertThat(sigreturn.result().value()).isEqualTo("15692415349423739159");
        assertThat(sigreturn.result().errno()).isNull();
    }

    @Test
    void aThreadThatExecsTakesOverTheLeadersPid() {
        StraceRun run = StraceRun.of(Corpus.strace("captures/extra/superseded-execve.txt"));
        SupersededEvent superseded = run.eventsOf(SupersededEvent.class).get(0);
        assertThat(superseded.tid()).isEqualTo(16721);
        assertThat(superseded.newPid()).isEqualTo(16727);
        SyscallEvent exec = callAt(run, 284);
        assertThat(exec.tid()).isEqualTo(16721);
        assertThat(exec.exitLine()).isEqualTo(299);
        assertThat(exec.result().value()).isEqualTo("0");
        assertThat(run.stats.incomplete()).isZero();
    }

    @Test
    void stderrCapturesGiveTheUnprefixedOpeningLinesTheirThread() {
        // no pid prefix until the first clone; the Go runtime's own gettid() names the thread
        StraceRun run = StraceRun.of(Corpus.strace("captures/spin/default/stderr-f-tt.txt"));
        SyscallEvent execve = callAt(run, 1);
        assertThat(execve.name()).isEqualTo("execve");
        assertThat(execve.tid()).isEqualTo(11723);
        assertThat(run.events.stream().filter(e -> e.tid() == StraceEvent.UNKNOWN_TID)
                .filter(e -> !(e instanceof MessageEvent))).isEmpty();
    }

    @Test
    void straceMessagesSplicedIntoALineAreUndone() {
        // line 148: clone(...|CLONE_SETTLSstrace: Process 16769 attached / line 149: , tls=...) = 16769
        StraceRun run = StraceRun.of(Corpus.strace("captures/extra/mixed-stdout-stderr.txt"));
        SyscallEvent clone = callAt(run, 148);
        assertThat(clone.name()).isEqualTo("clone");
        assertThat(clone.exitLine()).isEqualTo(149);
        assertThat(clone.args()).endsWith("CLONE_SYSVSEM|CLONE_SETTLS, tls=0xc000034090");
        assertThat(clone.result().value()).isEqualTo("16769");
        assertThat(run.eventsOf(MessageEvent.class)).extracting(MessageEvent::text)
                .contains("strace: Process 16769 attached");
        // the program's own output glued into a write line (660) and its tail (661)
        SyscallEvent write = callAt(run, 660);
        assertThat(write.exitLine()).isEqualTo(661);
        assertThat(write.result().value()).isEqualTo("45");
        assertThat(run.problems).isEmpty();
    }

    @Test
    void statusFilteringPrintsExitHalvesAloneAndTheyJoinTheirEntry() {
        // -Z: "futex(... <unfinished ...>" then a bare ")  = ? ERESTART_RESTARTBLOCK (...)"
        StraceRun run = StraceRun.of(Corpus.strace("captures/extra/Z-failed-only.txt"));
        List<SyscallEvent> restartBlocks = run.eventsOf(SyscallEvent.class).stream()
                .filter(c -> c.result() != null && "ERESTART_RESTARTBLOCK".equals(c.result().errno()))
                .toList();
        assertThat(restartBlocks).isNotEmpty().allSatisfy(c -> {
            assertThat(c.name()).isEqualTo("futex");
            assertThat(c.tid()).isPositive();
        });
    }

    @Test
    void nanosecondTimestampsAndCommDecorations() {
        StraceRun run = StraceRun.of(Corpus.strace("captures/extra/n-i-Y.txt"));
        SyscallEvent tgkill = callAt(run, 2);
        assertThat(tgkill.tid()).isEqualTo(16582);
        assertThat(ArgDecoder.decode("tgkill", tgkill.args()))
                .isEqualTo(new SyscallArgs.SignalSend(16581, 16581, "SIGURG"));
        SignalEvent signal = run.eventsOf(SignalEvent.class).get(0);
        assertThat(signal.siPid()).isEqualTo(16581);
    }

    @Test
    void perThreadFilesMergeInTimestampOrder() {
        StraceRun merged = StraceRun.of(Corpus.strace("captures/spin/default/ff"));
        assertThat(merged.stats.files()).isEqualTo(5);
        assertThat(merged.stats.threads()).isEqualTo(5);
        long previous = Long.MIN_VALUE;
        for (StraceEvent e : merged.events) {
            Timestamp when = e instanceof SyscallEvent c && c.exit().present() ? c.exit() : e.ts();
            assertThat(when.nanos()).isGreaterThanOrEqualTo(previous);
            previous = when.nanos();
        }
        StraceRun byPrefix = StraceRun.of(Corpus.strace("captures/spin/default/ff/trace"));
        assertThat(byPrefix.stats).isEqualTo(merged.stats);
    }

    @Test
    void timestampSecondsKeepThePrintedDigits() {
        StraceRun run = StraceRun.of(Corpus.strace("captures/spin/default/f-ttt.txt"));
        Timestamp ts = run.events.get(0).ts();
        assertThat(ts.clock()).isEqualTo(Timestamp.Clock.EPOCH);
        assertThat(ts.seconds()).isEqualTo(new BigDecimal(ts.printed()).stripTrailingZeros());
    }
}
