package io.preemptscope.gotrace;

import java.util.function.Consumer;

/**
 * Computes {@link GoTraceStats} of a v1 trace from its events as they stream past, so the figures
 * of a trace of any size take memory for its goroutines and Ps only, never for its events.
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
        switch (e.type()) {
            case "GoCreate", "GoUnblock", "GoSysExit", "GoWaiting", "GoInSyscall" -> figures.goroutine(e.arg("g"));
            case "ProcStart" -> figures.thread(e.arg("thread"));
            default -> { }
        }
        if (FakeP.isReal(e.p())) {
            figures.proc(e.p());
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
        GoVersionRange versions = GoTraceAnalysis.versions(header, tracker.asyncPreemptionSeen(),
                tracker.sleepWokenByScheduler());
        return figures.stats(header.format(), header.version(), versions.label());
    }
}
