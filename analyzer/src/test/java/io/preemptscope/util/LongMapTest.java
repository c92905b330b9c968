package io.preemptscope.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongMapTest {

    @Test
    void agreesWithHashMapOverMillionsOfRandomOperations() {
        // Keys from a small range collide and cluster, which is what exercises the backward shift.
        SplittableRandom random = new SplittableRandom(20261125);
        LongMap<Long> map = new LongMap<>();
        Map<Long, Long> reference = new HashMap<>();
        for (int i = 0; i < 2_000_000; i++) {
            long key = random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(-300, 3000);
            switch (random.nextInt(3)) {
                case 0 -> assertThat(map.put(key, (long) i)).isEqualTo(reference.put(key, (long) i) == null);
                case 1 -> {
                    map.remove(key);
                    reference.remove(key);
                }
                default -> assertThat(map.get(key)).isEqualTo(reference.get(key));
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        Map<Long, Long> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).isEqualTo(reference);
    }

    @Test
    void keepsEveryKeyThroughGrowthAndRemovesThemAll() {
        LongMap<String> map = new LongMap<>();
        for (long k = -50_000; k < 50_000; k++) {
            map.put(k * 1_000_003L, "v" + k);
        }
        assertThat(map.size()).isEqualTo(100_000);
        assertThat(map.get(-50_000L * 1_000_003L)).isEqualTo("v-50000");
        assertThat(map.containsKey(7)).isFalse();
        for (long k = -50_000; k < 50_000; k++) {
            map.remove(k * 1_000_003L);
        }
        assertThat(map.size()).isZero();
        assertThat(map.get(0)).isNull();
    }

    @Test
    void computeIfAbsentCreatesOnceAndNullValuesAreRefused() {
        LongMap<int[]> map = new LongMap<>();
        int[] first = map.computeIfAbsent(Long.MIN_VALUE, k -> new int[1]);
        assertThat(map.computeIfAbsent(Long.MIN_VALUE, k -> new int[2])).isSameAs(first);
        assertThatThrownBy(() -> map.put(1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
