package io.preemptscope.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Amd64SyscallsTest {
    @Test
    void namesAndNumbersOfTheCallsTheAnalysisReads() {
        // the entries the analysis's own table had before it became this one
        assertThat(Amd64Syscalls.number("read")).isZero();
        assertThat(Amd64Syscalls.number("nanosleep")).isEqualTo(35);
        assertThat(Amd64Syscalls.number("futex")).isEqualTo(202);
        assertThat(Amd64Syscalls.number("epoll_pwait")).isEqualTo(281);
        assertThat(Amd64Syscalls.number("accept4")).isEqualTo(288);
        assertThat(Amd64Syscalls.number("clone")).isEqualTo(56);
        assertThat(Amd64Syscalls.number("getrandom")).isEqualTo(318);
        assertThat(Amd64Syscalls.number("no_such_call")).isEqualTo(-1);
        assertThat(Amd64Syscalls.name(0)).isEqualTo("read");
        assertThat(Amd64Syscalls.name(15)).isEqualTo("rt_sigreturn");
        assertThat(Amd64Syscalls.name(110)).isEqualTo("getppid");
        assertThat(Amd64Syscalls.name(234)).isEqualTo("tgkill");
        assertThat(Amd64Syscalls.name(435)).isEqualTo("clone3");
    }

    @Test
    void aNumberTheTableLacksIsSpelledAsStraceSpellsIt() {
        assertThat(Amd64Syscalls.name(467)).isEqualTo("syscall_0x1d3");
        assertThat(Amd64Syscalls.name(-1)).isEqualTo("syscall_0xffffffffffffffff");
        // 335..423 is a hole in the x86-64 table
        assertThat(Amd64Syscalls.name(400)).isEqualTo("syscall_0x190");
    }
}
