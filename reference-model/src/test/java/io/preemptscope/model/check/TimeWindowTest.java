package io.preemptscope.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
    @Test
    void dropsOnlyFromTheFrontAndStopsAtTheFirstLaterTime() {
        TimeWindow w = new TimeWindow();
        w.add(10);
        w.add(30);
        w.add(20);
        w.dropThrough(20);
        // 30 is later than the limit, so the 20 behind it stays: the order is the order of arrival
        assertThat(w.size()).isEqualTo(2);
        w.dropThrough(30);
        assertThat(w.size()).isZero();
    }

    @Test
    void keepsTheSameTimesAsAQueueWhileGrowingAndWrapping() {
        Random random = new Random(7);
        TimeWindow w = new TimeWindow();
        ArrayDeque<Long> expected = new ArrayDeque<>();
        long now = 0;
        for (int i = 0; i < 50_000; i++) {
            // long stretches without drops fill several chunks before the window empties again
            now += i % 5000 < 2500 ? random.nextInt(3) : random.nextInt(100) - 20;
            w.add(now);
            expected.addLast(now);
            long limit = i % 5000 < 2500 ? Long.MIN_VALUE : now - random.nextInt(500);
            w.dropThrough(limit);
            while (!expected.isEmpty() && expected.peekFirst() <= limit) {
                expected.pollFirst();
            }
            assertThat(w.size()).isEqualTo(expected.size());
        }
    }
}
