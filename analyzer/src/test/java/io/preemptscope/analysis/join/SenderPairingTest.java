package io.preemptscope.analysis.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tgkill each delivery came from: the first send to its thread since its last delivery. */
class SenderPairingTest {
    private static StraceMarks.Send send(int sender, int target, long at) {
        return new StraceMarks.Send(sender, target, at, at);
    }

    private static StraceMarks.Delivery delivery(int tid, long at) {
        return new StraceMarks.Delivery(tid, at, at, -1);
    }

    @Test
    void sendsMergedIntoAPendingSignalAreUsedUpWithIt() {
        List<StraceMarks.Send> sends = List.of(send(2, 1, 100), send(2, 1, 200), send(3, 1, 400), send(2, 5, 150));
        List<StraceMarks.Delivery> deliveries = List.of(delivery(1, 300), delivery(5, 160), delivery(1, 500));
        StraceMarks.Send[] from = SenderPairing.pair(deliveries.stream()
                .sorted(java.util.Comparator.comparingLong(StraceMarks.Delivery::atNs)).toList(), sends);
        // in time order: thread 5's at 160 (sent at 150), thread 1's at 300 (the first of the two
        // pending sends, 100; 200 merged into it), thread 1's at 500 (sent at 400 by thread 3)
        assertThat(from[0].atNs()).isEqualTo(150);
        assertThat(from[1].atNs()).isEqualTo(100);
        assertThat(from[2].sender()).isEqualTo(3);
    }

    @Test
    void aDeliveryWithNoSendBeforeItHasNone() {
        StraceMarks.Send[] from = SenderPairing.pair(List.of(delivery(1, 100)), List.of(send(2, 1, 300)));
        assertThat(from[0]).isNull();
    }
}
