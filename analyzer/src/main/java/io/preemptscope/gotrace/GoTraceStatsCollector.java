package io.preemptscope.gotrace;

import java.util.function.Consumer;

/**
 * Computes {@link GoTraceStats} from a trace's events as they stream past, so the figures of a
 * trace of any size take memory for its goroutines, Ps and threads only, never for its events.
 */
public final class GoTraceStatsCollector implements Consumer<GoEvent> {
    private final TraceFigures figures = new TraceFigures();
    private final RunSliceTracker tracker = new RunSliceTracker(figures);
    private long lastG = -1;
    private int lastP = Integer.MIN_VALUE;
    private long lastThread = GoEvent.NONE;

    /** The figures of a trace decoded whole. */
    public static GoTraceStats of(GoTrace trace) {
        GoTraceStatsCollector c = new GoTraceStatsCollector();
        trace.events().forEach(c);
        return c.stats(trace);
    }

    @Override
    public void accept(GoEvent e) {
        figures.event(e);
        // Every event names a goroutine, a P and a thread: most are the previous event's again, and
        // a set lookup for each would cost more than decoding the event.
        if (e.g() != lastG) {
            lastG = e.g();
            figures.goroutine(lastG);
        }
        if (e.targetG() != e.g()) {
            figures.goroutine(e.targetG());
        }
        if (e.p() != lastP && FakeP.isReal(e.p())) {
            lastP = e.p();
            figures.proc(lastP);
        }
        if (e.targetP() != GoEvent.NONE) {
            figures.proc(e.targetP());
        }
        // A trace names either the OS threads of its events or the runtime's M ids: never both.
        // An M first appears at the ProcStart that gives it a P.
        if (e.thread() != GoEvent.NONE) {
            if (e.thread() != lastThread) {
                lastThread = e.thread();
                figures.thread(lastThread);
            }
        } else if (e.kind() == GoEventKind.PROC_STARTED && e.m() != GoEvent.NONE) {
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
