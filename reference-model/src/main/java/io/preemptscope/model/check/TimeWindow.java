package io.preemptscope.model.check;

/**
 * The times of one thread's recent events, oldest first, without boxing: a storm window takes
 * every SIGURG delivery, and on a capture whose clock is the event count nothing ever leaves it.
 */
final class TimeWindow {
    private long[] times = new long[8];
    private int head;
    private int size;

    void add(long timeNs) {
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(head + i) % times.length];
            }
            times = grown;
            head = 0;
        }
        times[(head + size) % times.length] = timeNs;
        size++;
    }

    /** Drops times from the front while they are at or before {@code limitNs}; later ones stay. */
    void dropThrough(long limitNs) {
        while (size > 0 && times[head] <= limitNs) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    int size() {
        return size;
    }
}
