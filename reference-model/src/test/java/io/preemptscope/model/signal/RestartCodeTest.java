package io.preemptscope.model.signal;

import static io.preemptscope.model.signal.InterruptOutcome.EINTR;
import static io.preemptscope.model.signal.InterruptOutcome.RESTARTED;
import static io.preemptscope.model.signal.InterruptOutcome.RESTART_SYSCALL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The §5.5 table: code × handler ran × SA_RESTART. */
class RestartCodeTest {

    @ParameterizedTest(name = "{0} handler={1} SA_RESTART={2} -> {3}")
    @CsvSource({
        "ERESTARTSYS, true, true, RESTARTED",
        "ERESTARTSYS, true, false, EINTR",
        "ERESTARTSYS, false, true, RESTARTED",
        "ERESTARTSYS, false, false, RESTARTED",
        "ERESTARTNOINTR, true, true, RESTARTED",
        "ERESTARTNOINTR, true, false, RESTARTED",
        "ERESTARTNOINTR, false, true, RESTARTED",
        "ERESTARTNOINTR, false, false, RESTARTED",
        "ERESTARTNOHAND, true, true, EINTR",
        "ERESTARTNOHAND, true, false, EINTR",
        "ERESTARTNOHAND, false, true, RESTARTED",
        "ERESTARTNOHAND, false, false, RESTARTED",
        "ERESTART_RESTARTBLOCK, true, true, EINTR",
        "ERESTART_RESTARTBLOCK, true, false, EINTR",
        "ERESTART_RESTARTBLOCK, false, true, RESTART_SYSCALL",
        "ERESTART_RESTARTBLOCK, false, false, RESTART_SYSCALL",
    })
    void outcome(RestartCode code, boolean handlerRan, boolean saRestart, InterruptOutcome expected) {
        assertThat(code.outcome(handlerRan, saRestart)).isEqualTo(expected);
    }

    @Test
    void numbersAndNames() {
        assertThat(RestartCode.ERESTARTSYS.number()).isEqualTo(512);
        assertThat(RestartCode.ERESTARTNOINTR.number()).isEqualTo(513);
        assertThat(RestartCode.ERESTARTNOHAND.number()).isEqualTo(514);
        assertThat(RestartCode.ERESTART_RESTARTBLOCK.number()).isEqualTo(516);
        assertThat(RestartCode.named("ERESTARTNOHAND")).isEqualTo(RestartCode.ERESTARTNOHAND);
        assertThat(RestartCode.named("EINTR")).isNull();
        assertThat(RestartCode.named(null)).isNull();
        // used by the static imports above, kept explicit for readers of the table
        assertThat(new InterruptOutcome[] {RESTARTED, EINTR, RESTART_SYSCALL}).hasSize(3);
    }
}
