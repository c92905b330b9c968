package io.preemptscope.model.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterruptClassTest {

    @ParameterizedTest
    @CsvSource({
        "read, false, RESTARTABLE, ERESTARTSYS",
        "write, false, RESTARTABLE, ERESTARTSYS",
        "wait4, false, RESTARTABLE, ERESTARTSYS",
        "accept4, false, RESTARTABLE, ERESTARTSYS",
        "futex, false, RESTARTABLE, ERESTARTSYS",
        "futex, true, RESTART_BLOCK, ERESTART_RESTARTBLOCK",
        "nanosleep, false, RESTART_BLOCK, ERESTART_RESTARTBLOCK",
        "poll, false, RESTART_BLOCK, ERESTART_RESTARTBLOCK",
        "pselect6, false, NO_HANDLER_RESTART, ERESTARTNOHAND",
        "rt_sigsuspend, false, NO_HANDLER_RESTART, ERESTARTNOHAND",
        "clone, false, ALWAYS_RESTARTED, ERESTARTNOINTR",
    })
    void interruptibleCalls(String syscall, boolean timeout, InterruptClass cls, RestartCode code) {
        assertThat(InterruptClass.of(syscall, timeout)).isEqualTo(cls);
        assertThat(cls.code()).isEqualTo(code);
    }

    @Test
    void directEintrAndOthers() {
        assertThat(InterruptClass.of("epoll_pwait", false)).isEqualTo(InterruptClass.NEVER_RESTARTED);
        assertThat(InterruptClass.of("rt_sigtimedwait", false)).isEqualTo(InterruptClass.NEVER_RESTARTED);
        assertThat(InterruptClass.NEVER_RESTARTED.code()).isNull();
        assertThat(InterruptClass.of("getpid", false)).isEqualTo(InterruptClass.OTHER);
        assertThat(InterruptClass.OTHER.code()).isNull();
    }

    @Test
    void eintrUnderGoHandler() {
        assertThat(InterruptClass.RESTARTABLE.eintrUnderGoHandler()).isFalse();
        assertThat(InterruptClass.ALWAYS_RESTARTED.eintrUnderGoHandler()).isFalse();
        assertThat(InterruptClass.RESTART_BLOCK.eintrUnderGoHandler()).isTrue();
        assertThat(InterruptClass.NO_HANDLER_RESTART.eintrUnderGoHandler()).isTrue();
        assertThat(InterruptClass.NEVER_RESTARTED.eintrUnderGoHandler()).isTrue();
        assertThat(InterruptClass.OTHER.eintrUnderGoHandler()).isFalse();
    }
}
