package io.preemptscope.strace.args;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalNamesTest {
    @ParameterizedTest
    @CsvSource({
        "23, SIGURG", "SIGURG, SIGURG", "'23 /* SIGURG */', SIGURG", "2, SIGINT", "31, SIGSYS",
        "34, SIGRT_2", "65, 65", "0, 0", "-1, -1", "SIGRTMIN, SIGRTMIN"
    })
    void signalNumbersAreNamedAsStraceNamesThemByDefault(String text, String name) {
        assertThat(SignalNames.signal(text)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({
        "0xfffffffa, SI_TKILL", "-6, SI_TKILL", "'0xfffffffa /* SI_TKILL */', SI_TKILL", "SI_TKILL, SI_TKILL",
        "0, SI_USER", "0x80, SI_KERNEL", "0xffffffff, SI_QUEUE", "1, 1", "0x2, 0x2", "junk, junk"
    })
    void siCodesOfXRawAreNamed(String text, String name) {
        assertThat(SignalNames.siCode(text)).isEqualTo(name);
    }
}
