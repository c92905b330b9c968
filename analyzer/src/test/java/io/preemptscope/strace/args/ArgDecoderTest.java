package io.preemptscope.strace.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgDecoderTest {

    @Test
    void restartSyscallNamesTheInterruptedCall() {
        assertThat(ArgDecoder.decode("restart_syscall", "<... resuming interrupted nanosleep ...>"))
                .isEqualTo(new SyscallArgs.RestartSyscall("nanosleep"));
        assertThat(ArgDecoder.decode("restart_syscall", "<... resuming interrupted call ...>"))
                .isEqualTo(new SyscallArgs.RestartSyscall("call"));
    }

    @Test
    void manyUnfinishedResumingDecorationsDecodeInLinearTime() {
        // took 3.8 s for 320,000 characters, growing with the square of the length
        String args = "<... resuming interrupted x> ".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(ArgDecoder.decode("restart_syscall", args))
                        .isEqualTo(new SyscallArgs.RestartSyscall(null)));
    }

    @Test
    void execveNamesTheProgramWhenItsPathIsPrintedWhole() {
        assertThat(ArgDecoder.decode("execve", "\"/tmp/bin/spin\", [\"spin\", \"5\"], 0x7ffd /* 40 vars */"))
                .isEqualTo(new SyscallArgs.Exec("/tmp/bin/spin"));
        assertThat(ArgDecoder.decode("execve", "\"/tmp/very/long\"..., [\"spin\"], 0x7ffd /* 40 vars */"))
                .isEqualTo(new SyscallArgs.Exec(null));
        assertThat(ArgDecoder.decode("execve", "0x4a6f18, [\"spin\"], 0x7ffd")).isEqualTo(new SyscallArgs.Exec(null));
        assertThat(ArgDecoder.decode("execve", "\", [], NULL")).isEqualTo(new SyscallArgs.Exec(null));
        assertThat(ArgDecoder.decode("execve", "")).isEqualTo(new SyscallArgs.Exec(null));
    }

    @Test
    void mlockHasItsLengthWhenPrintedAsANumber() {
        assertThat(ArgDecoder.decode("mlock", "0xc000100000, 4096")).isEqualTo(new SyscallArgs.MemoryLock(4096));
        assertThat(ArgDecoder.decode("mlock", "0xc000100000, 0x1000")).isEqualTo(new SyscallArgs.MemoryLock(4096));
        assertThat(ArgDecoder.decode("mlock", "0xc000100000, len")).isInstanceOf(SyscallArgs.Untyped.class);
        assertThat(ArgDecoder.decode("mlock", "0xc000100000")).isInstanceOf(SyscallArgs.Untyped.class);
    }

    @Test
    void sigactionFlagsTellRestartAndTheAlternateStack() {
        SyscallArgs.SigAction go = (SyscallArgs.SigAction) ArgDecoder.decode("rt_sigaction", "SIGURG, {sa_handler=0x4640e0,"
                + " sa_mask=~[], sa_flags=SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_SIGINFO, sa_restorer=0x464220}, NULL, 8");
        assertThat(go.restart()).isTrue();
        assertThat(go.onStack()).isTrue();
        SyscallArgs.SigAction none = (SyscallArgs.SigAction) ArgDecoder.decode("rt_sigaction", "SIGURG, NULL, NULL, 8");
        assertThat(none.restart()).isFalse();
        assertThat(none.onStack()).isFalse();
    }

    @Test
    void aTimedFutexWaitOnZeroIsReadInPlace() {
        String wait = "0xc000084550, FUTEX_WAIT_PRIVATE, 0, {tv_sec=0, tv_nsec=100000}";
        assertThat(FutexArgs.timedWaitOnZeroNs(wait)).isEqualTo(100_000);
        assertThat(FutexArgs.address(wait)).isEqualTo("0xc000084550");
        assertThat(FutexArgs.hasTimeout(wait)).isTrue();
        assertThat(FutexArgs.timedWaitOnZeroNs("0x4a6f18, 0x80 /* FUTEX_WAIT_PRIVATE */, 0, {0, 20000}"))
                .isEqualTo(20_000);
        // a wait on another value, without a timeout, or no wait at all
        assertThat(FutexArgs.timedWaitOnZeroNs("0x4a6f18, FUTEX_WAIT_PRIVATE, 2, {tv_sec=0, tv_nsec=1}")).isEqualTo(-1);
        assertThat(FutexArgs.hasTimeout("0x4a6f18, FUTEX_WAIT_PRIVATE, 2, {tv_sec=0, tv_nsec=1}")).isTrue();
        assertThat(FutexArgs.timedWaitOnZeroNs("0x4a6f18, FUTEX_WAIT_PRIVATE, 0, NULL")).isEqualTo(-1);
        assertThat(FutexArgs.hasTimeout("0x4a6f18, FUTEX_WAIT_PRIVATE, 0, NULL")).isFalse();
        assertThat(FutexArgs.timedWaitOnZeroNs("0x4a6f18, FUTEX_WAKE_PRIVATE, 0, {tv_sec=0, tv_nsec=1}")).isEqualTo(-1);
        assertThat(FutexArgs.hasTimeout("0x4a6f18, FUTEX_WAKE_PRIVATE, 1")).isFalse();
    }

    @Test
    void nanosleepsRequestIsTheFirstStruct() {
        assertThat(SleepArgs.requestNs("{tv_sec=0, tv_nsec=20000}, NULL")).isEqualTo(20_000);
        assertThat(SleepArgs.requestNs("{1, 5}, 0x7ffd")).isEqualTo(1_000_000_005L);
        assertThat(SleepArgs.requestNs("NULL, NULL")).isEqualTo(-1);
    }
}
