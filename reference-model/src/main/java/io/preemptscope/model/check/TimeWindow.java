package io.preemptscope.model.check;

import java.util.ArrayDeque;

/**
 * The times of one thread's recent events, oldest first, without boxing: a storm window takes
 * every SIGURG delivery, and on a capture whose clock is the event count nothing ever leaves it.
 * The times sit in fixed chunks, never in one array that grows by copying: a large young array
 * would be copied again at each collection until it is old, and then once more at each growth.
 */
final class TimeWindow {
    static final int CHUNK = 512;

    private final ArrayDeque<long[]> chunks = new ArrayDeque<>();
    /** Index of the oldest time in the first chunk. */
    private int head;
    /** Times in the last chunk. */
    private int tail = CHUNK;
    private int size;

    void add(long timeNs) {
        if (tail == CHUNK) {
            chunks.addLast(new long[CHUNK]);
            tail = 0;
        }
        chunks.peekLast()[tail++] = timeNs;
        size++;
    }

    /** Drops times from the front while they are at or before {@code limitNs}; later ones stay. */
    void dropThrough(long limitNs) {
        while (size > 0 && chunks.peekFirst()[head] <= limitNs) {
            size--;
            if (++head == CHUNK || size == 0) {
                chunks.pollFirst();
                head = 0;
                if (chunks.isEmpty()) {
                    tail = CHUNK;
                }
            }
        }
    }

    int size() {
        return size;
    }
}
