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
}
