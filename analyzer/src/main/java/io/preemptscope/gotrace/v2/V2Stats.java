package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceStats;
import io.preemptscope.gotrace.TraceFigures;
import java.util.function.Consumer;

/**
 * {@link GoTraceStats} for a v2 trace, from its events as they stream past. Unlike v1, threads are
 * the OS thread ids of the batches, and goroutines and Ps are also counted where an event names
 * them (GoStatus, GoCreate, ProcStatus …).
 */
public final class V2Stats implements Consumer<V2Event> {
    private final TraceFigures figures = new TraceFigures();
    private final V2SliceTracker tracker = new V2SliceTracker(figures);

    /** The figures of a trace decoded whole. */
    public static GoTraceStats of(V2Trace trace) {
        V2Stats s = new V2Stats();
        trace.events().forEach(s);
        return s.stats(trace);
    }

    @Override
    public void accept(V2Event v) {
        GoEvent e = v.event();
        figures.event(e);
        figures.goroutine(e.g());
        if (e.p() >= 0) {
            figures.proc(e.p());
        }
        if (v.thread() != Ordering.NONE) {
            figures.thread(v.thread());
        }
        for (String g : new String[] {"g", "new_g"}) {
            Long id = e.args().get(g);
            if (id != null) {
                figures.goroutine(id);
            }
        }
        Long p = e.args().get("p");
        if (p != null && !e.type().equals("CPUSample")) {
            figures.proc(p);
        }
        tracker.accept(v);
    }

    /**
     * The figures of every event accepted so far.
     *
     * @param header the trace's format and version (its events are not read)
     */
    public GoTraceStats stats(V2Trace header) {
        tracker.finish();
        return figures.stats(header.format(), "1." + header.minor(), V2Analysis.versions(header).label());
    }
}
