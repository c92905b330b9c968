package io.preemptscope.timeline;

import java.util.Set;

/**
 * What of a capture the timeline exports: a stretch of time, counted from the timeline's start,
 * and a set of threads (empty: all).
 *
 * @param fromNs the earliest time shown, 0 for the start
 * @param toNs the latest, Long.MAX_VALUE for the end
 * @param threads kernel thread ids to show; empty shows every thread
 */
public record TimelineWindow(long fromNs, long toNs, Set<Integer> threads) {
    public static final TimelineWindow ALL = new TimelineWindow(0, Long.MAX_VALUE, Set.of());

    public TimelineWindow {
        threads = Set.copyOf(threads);
    }

    /** Whether something on thread {@code tid} (-1: on no thread) from {@code atNs} lasting {@code durNs} is shown. */
    boolean shows(int tid, long atNs, long durNs) {
        return atNs + durNs >= fromNs && atNs <= toNs && (tid < 0 || threads.isEmpty() || threads.contains(tid));
    }
}
