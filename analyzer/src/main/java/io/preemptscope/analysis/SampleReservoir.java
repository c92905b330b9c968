package io.preemptscope.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Vitter's algorithm R over a stream of values: memory stays bounded whatever the capture's size,
 * and the fixed seed makes the sample a function of the capture alone, so comparing a capture with
 * itself cannot flap.
 */
final class SampleReservoir {
    static final int CAPACITY = 4096;
    private static final long SEED = 0x5EED_1914L;

    private final long[] values = new long[CAPACITY];
    private final SplittableRandom random = new SplittableRandom(SEED);
    private long seen;

    void add(long value) {
        if (seen < CAPACITY) {
            values[(int) seen] = value;
        } else {
            long slot = random.nextLong(seen + 1);
            if (slot < CAPACITY) {
                values[(int) slot] = value;
            }
        }
        seen++;
    }

    LatencySamples.Sample sample() {
        int n = (int) Math.min(seen, CAPACITY);
        List<Long> kept = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            kept.add(values[i]);
        }
        return new LatencySamples.Sample(seen, kept);
    }
}
