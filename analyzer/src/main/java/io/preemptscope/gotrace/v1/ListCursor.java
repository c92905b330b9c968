package io.preemptscope.gotrace.v1;

import java.util.List;

/** A cursor over events already decoded: CPU samples, and every P of a Go 1.5 trace. */
final class ListCursor implements EventCursor {
    private final List<V1Event> events;
    private int next;

    ListCursor(List<V1Event> events) {
        this.events = events;
    }

    @Override
    public V1Event peek() {
        return next < events.size() ? events.get(next) : null;
    }

    @Override
    public void pop() {
        next++;
    }
}
