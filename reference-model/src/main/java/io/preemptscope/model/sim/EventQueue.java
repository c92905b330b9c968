package io.preemptscope.model.sim;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Pending simulation events in time order. At equal times, goroutine-side events run before
 * sysmon's, so sysmon sees the state the instant settled into; otherwise first scheduled first.
 */
final class EventQueue {
    static final int GOROUTINES = 0;
    static final int SYSMON = 1;

    private record Event(long time, int priority, long seq, Runnable action) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>(Comparator.comparingLong(Event::time)
            .thenComparingInt(Event::priority).thenComparingLong(Event::seq));
    private long seq;

    void at(long time, int priority, Runnable action) {
        queue.add(new Event(time, priority, seq++, action));
    }

    boolean hasEventUpTo(long time) {
        return !queue.isEmpty() && queue.peek().time() <= time;
    }

    long nextTime() {
        return queue.peek().time();
    }

    Runnable pollAction() {
        return queue.poll().action();
    }
}
