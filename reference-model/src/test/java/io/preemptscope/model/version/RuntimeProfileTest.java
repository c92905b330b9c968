package io.preemptscope.model.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RuntimeProfileTest {

    @ParameterizedTest
    @CsvSource({
        "go1.13, GO1_13",
        "1.13.15, GO1_13",
        // the go1.14 release is go1.14.0: no m.signalPending yet
        "go1.14, GO1_14_0",
        "1.14.0, GO1_14_0",
        "1.14.1, GO1_14_1",
        "go1.14.15, GO1_14_1",
        "1.15.2, GO1_15",
        "go1.19.8, GO1_16_TO_1_25",
        "1.25, GO1_16_TO_1_25",
        "1.26.0, GO1_26_PLUS",
        "go1.27rc2, GO1_26_PLUS",
    })
    void profileOfVersion(String version, RuntimeProfile expected) {
        assertThat(RuntimeProfile.of(GoVersion.parse(version))).isEqualTo(expected);
    }

    @Test
    void behavioursPerFamily() {
        assertThat(RuntimeProfile.GO1_13.runtimeSendsSigurg(false)).isFalse();
        assertThat(RuntimeProfile.GO1_14_0.runtimeSendsSigurg(false)).isTrue();
        assertThat(RuntimeProfile.GO1_14_0.runtimeSendsSigurg(true)).isFalse();
        assertThat(RuntimeProfile.GO1_14_0.signalPendingGuard()).isFalse();
        assertThat(RuntimeProfile.GO1_14_1.signalPendingGuard()).isTrue();
        assertThat(RuntimeProfile.GO1_15.deepSleepReset()).isEqualTo(DeepSleepReset.ALWAYS_EVEN_WITHOUT_SLEEP);
        assertThat(RuntimeProfile.GO1_16_TO_1_25.deepSleepReset()).isEqualTo(DeepSleepReset.ONLY_ON_SYSCALL_WAKE);
        assertThat(RuntimeProfile.GO1_26_PLUS.pSyscallState()).isFalse();
        assertThat(RuntimeProfile.GO1_16_TO_1_25.pSyscallState()).isTrue();
    }

    @Test
    void parsesVersions() {
        assertThat(GoVersion.parse("go1.19.8")).isEqualTo(new GoVersion(1, 19, 8));
        assertThat(GoVersion.parse(" 1.14 ")).isEqualTo(new GoVersion(1, 14, -1));
        assertThat(GoVersion.parse("go1.27rc2")).isEqualTo(new GoVersion(1, 27, -1));
        assertThat(GoVersion.parse("go1.14").toString()).isEqualTo("go1.14");
        assertThat(GoVersion.parse("1.14.1").toString()).isEqualTo("go1.14.1");
        assertThat(GoVersion.parse("1.14").compareTo(GoVersion.parse("1.14.0"))).isZero();
        assertThat(GoVersion.parse("1.14").atLeast(1, 14, 0)).isTrue();
        assertThat(GoVersion.parse("1.14").atLeast(1, 14, 1)).isFalse();
        assertThat(GoVersion.parse("1.9").compareTo(GoVersion.parse("1.13"))).isNegative();
    }

    @Test
    void rejectsBadVersion() {
        assertThatThrownBy(() -> GoVersion.parse("banana"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Go version: banana (expected e.g. 1.13, 1.14.1, go1.19.8)");
        assertThatThrownBy(() -> GoVersion.parse("go1")).isInstanceOf(IllegalArgumentException.class);
    }
}
