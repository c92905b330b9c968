package io.preemptscope.model.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ThreadSignalsTest {

    @Test
    void aPendingStandardSignalIsNotQueuedTwice() {
        ThreadSignals t = new ThreadSignals();
        assertThat(t.post("SIGURG")).isTrue();
        assertThat(t.post("SIGURG")).isFalse();
        assertThat(t.post("SIGCHLD")).isTrue();
        assertThat(t.pending()).isEqualTo(Set.of("SIGURG", "SIGCHLD"));
        t.deliver("SIGURG", true);
        assertThat(t.isPending("SIGURG")).isFalse();
        assertThat(t.pending()).isEqualTo(Set.of("SIGCHLD"));
        // once delivered, the next one queues again
        assertThat(t.post("SIGURG")).isTrue();
    }

    @Test
    void handlersNestAndReturn() {
        ThreadSignals t = new ThreadSignals();
        assertThat(t.inHandler()).isFalse();
        t.deliver("SIGURG", true);
        t.deliver("SIGPROF", true);
        t.handlerReturned();
        assertThat(t.inHandler()).isTrue();
        t.handlerReturned();
        assertThat(t.inHandler()).isFalse();
        t.handlerReturned();
        assertThat(t.inHandler()).isFalse();
        t.deliver("SIGURG", false);
        assertThat(t.inHandler()).isFalse();
    }
}
