package io.preemptscope.strace.args;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Argument decoding never throws, whatever the text. The input is the syscall name, a newline,
 * then the argument text as it appears between the parentheses; without a newline the whole input
 * is decoded as the arguments of every typed syscall.
 *
 * <p>Fuzz (one target per run, for the {@code maxDuration} below):
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=ArgDecoderFuzzTest -Djunit.jupiter.execution.timeout.mode=disabled}.
 * The last flag keeps JUnit from applying the per-input {@code @Timeout} to the whole fuzzing
 * run (jazzer issue #930); Jazzer still passes it to libFuzzer as the per-input limit. Crashing
 * inputs land in the Inputs directory; keep real ones there, renamed {@code crash-<what>}.
 */
class ArgDecoderFuzzTest {
    private static final List<String> TYPED = List.of(
            "tgkill", "tkill", "kill", "rt_sigaction", "rt_sigprocmask", "nanosleep", "clock_nanosleep",
            "futex", "epoll_wait", "epoll_pwait", "epoll_pwait2", "read", "rt_sigreturn", "restart_syscall",
            "clone", "clone3", "vfork", "exit_group", "execve", "mlock");

    @Timeout(10)
    @FuzzTest(maxDuration = "60s")
    void decodesAnyArguments(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            decode(text.substring(0, newline), text.substring(newline + 1));
        } else {
            for (String name : TYPED) {
                decode(name, text);
            }
        }
    }

    private static void decode(String name, String args) {
        assertThat(ArgDecoder.decode(name, args)).isNotNull();
        List<String> parts = ArgSplitter.split(args);
        assertThat(parts.size()).isLessThanOrEqualTo(args.length() + 1);
        for (String part : parts) {
            assertThat(args).contains(part);
            ArgDecoder.timespecNanos(part);
            NumericValues.leadingInt(part, -1);
            NumericValues.symbolic(part);
        }
        SiginfoFields.siCode(args);
        SiginfoFields.siPid(args);
        if (FutexArgs.timedWaitOnZeroNs(args) >= 0) {
            assertThat(args).startsWith(FutexArgs.address(args));
        }
        FutexArgs.hasTimeout(args);
        SleepArgs.requestNs(args);
    }
}
