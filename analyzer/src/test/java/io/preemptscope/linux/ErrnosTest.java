package io.preemptscope.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrnosTest {
    @Test
    void namesAsStracePrintsThem() {
        assertThat(Errnos.name(4)).isEqualTo("EINTR");
        assertThat(Errnos.name(11)).isEqualTo("EAGAIN");
        assertThat(Errnos.name(110)).isEqualTo("ETIMEDOUT");
        assertThat(Errnos.name(512)).isEqualTo("ERESTARTSYS");
        assertThat(Errnos.name(516)).isEqualTo("ERESTART_RESTARTBLOCK");
        assertThat(Errnos.name(4000)).isEqualTo("E4000");
    }

    @Test
    void onlyTheLastPageOfNegativeValuesIsAnError() {
        assertThat(Errnos.isError(-4)).isTrue();
        assertThat(Errnos.isError(-4095)).isTrue();
        assertThat(Errnos.isError(-4096)).isFalse();
        assertThat(Errnos.isError(0)).isFalse();
        assertThat(Errnos.isError(140086225674240L)).isFalse();
    }
}
