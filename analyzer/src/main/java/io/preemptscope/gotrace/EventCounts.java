package io.preemptscope.gotrace;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Events by type name and the time they span: the part of the statistics both formats share. */
public final class EventCounts {
    private final Map<String, long[]> types = new HashMap<>();
    private long events;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    public void add(GoEvent e) {
        events++;
        long[] n = types.get(e.name());
        if (n == null) {
            types.put(e.name(), new long[] {1});
        } else {
            n[0]++;
        }
        first = Math.min(first, e.tsNs());
        last = Math.max(last, e.tsNs());
    }

    public long events() {
        return events;
    }

    /** Counts by name, sorted by name. */
    public Map<String, Long> byName() {
        Map<String, Long> out = new TreeMap<>();
        types.forEach((k, n) -> out.put(k, n[0]));
        return out;
    }

    /** From the first event to the last; 0 without events. */
    public long durationNs() {
        return events == 0 ? 0 : last - first;
    }
}
