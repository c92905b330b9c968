package io.preemptscope.gotrace;

import java.util.function.Consumer;

/**
 * Computes {@link GoTraceStats} from a trace's events as they stream past, so the figures of a
 * trace of any size take memory for its goroutines, Ps and threads only, never for its events.
 */
public final class GoTraceStatsCollector implements Consumer<GoEvent> {
    private final TraceFigures figures = new TraceFigures();
    private final RunSliceTracker tracker = new RunSliceTracker(figures);

    /** The figures of a trace decoded whole. */
    public static GoTraceStats of(GoTrace trace) {
        GoTraceStatsCollector c = new GoTraceStatsCollector();
        trace.events().forEach(c);
        return c.stats(trace);
    }

    @Override
    public void accept(GoEvent e) {
        figures.event(e);
        figures.goroutine(e.g());
        figures.goroutine(e.targetG());
        if (FakeP.isReal(e.p())) {
            figures.proc(e.p());
        }
        if (e.targetP() != GoEvent.NONE) {
            figures.proc(e.targetP());
        }
        // A trace names either the OS threads of its events or the runtime's M ids: never both.
        if (e.thread() != GoEvent.NONE) {
            figures.thread(e.thread());
        } else if (e.m() != GoEvent.NONE) {
            figures.thread(e.m());
        }
        tracker.accept(e);
    }

    /**
     * The figures of every event accepted so far.
     *
     * @param header the decoded trace's format, version and timer goroutines (its events are not read)
     */
    public GoTraceStats stats(GoTrace header) {
        tracker.finish();
        GoVersionRange versions = TraceReleases.of(header, tracker.asyncPreemptionSeen(),
                tracker.sleepWokenByScheduler());
        return figures.stats(header.format(), header.version(), versions.label());
    }
}
