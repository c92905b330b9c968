package io.preemptscope.analysis;

import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.gotrace.BusyProcs;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionKind;
import io.preemptscope.gotrace.PreemptionTally;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.RunnableTracker;
import io.preemptscope.gotrace.SliceEnd;
import io.preemptscope.gotrace.StopTracker;
import io.preemptscope.gotrace.WorldStop;
import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.model.check.Observation;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.util.LongMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a Go execution trace into observations as it streams past: every time slice, with how it
 * ended and the longest time another goroutine stood runnable while it ran and every P was busy
 * (the starvation it caused), and every stop of the world, with when its last P stopped. Memory
 * grows with the goroutines and the long waits, not with the events.
 */
final class GoTraceReplay implements GoTraceInput.Listener {
    /**
     * The rules read how long others waited only when it reaches forcePreemptNS, and only a wait
     * that long can overlap a slice that much: shorter waits are not kept.
     */
    private static final long LONG_WAIT_NS = SysmonConstants.FORCE_PREEMPT_NS;

    /** v2's GoStatus code for a running goroutine. */
    private static final long GSTATUS_RUNNING = 2;

    /** A stretch of time, and for a wait the goroutine that stood runnable. */
    private record Stretch(long g, long from, long to) {
        long overlap(long start, long end) {
            return Math.min(to, end) - Math.max(from, start);
        }
    }

    /** A slice long enough that others' waits matter; judged once every wait is known. */
    private record LongSlice(RunSlice slice, long offset) {}

    private final String file;
    private final EvidenceRefs refs;
    private final Consumer<Observation> sink;
    private final TraceMetrics metrics;
    private final RunnableTracker runnable = new RunnableTracker(this::runnable);
    private final BusyProcs busy = new BusyProcs(this::allBusy);
    private final List<Stretch> longWaits = new ArrayList<>();
    private final List<Stretch> busyStretches = new ArrayList<>();
    private final List<LongSlice> longSlices = new ArrayList<>();
    /** Byte offsets of the GoStarts of the slices still running, by P and start time. */
    private final Map<Long, Long> startOffsets = new HashMap<>();
    /** Goroutines that entered a syscall during their current slice: its length is not all Go code. */
    private final LongMap<Boolean> syscalled = new LongMap<>();
    private final PreemptionTally preemptions = new PreemptionTally();
    private final StopTracker stops;
    /** The report's aggregates, when a report is made; null for analyze. */
    private final CaptureSeries series;

    private GoTraceReplay(String file, EvidenceRefs refs, Consumer<Observation> sink, TraceMetrics metrics,
            boolean stopsPerP, CaptureSeries series) {
        this.file = file;
        this.refs = refs;
        this.sink = sink;
        this.metrics = metrics;
        this.stops = new StopTracker(this::stopped, busy, stopsPerP);
        this.series = series;
    }

    static void replay(String file, GoTraceInput trace, EvidenceRefs refs, Consumer<Observation> sink,
            TraceMetrics metrics) throws GoTraceFormatException {
        replay(file, trace, refs, sink, metrics, null);
    }

    /** As above, also feeding the HTML report's aggregates ({@code series} may be null). */
    static void replay(String file, GoTraceInput trace, EvidenceRefs refs, Consumer<Observation> sink,
            TraceMetrics metrics, CaptureSeries series) throws GoTraceFormatException {
        GoTraceReplay replay = new GoTraceReplay(file, refs, sink, metrics, stopsPerP(trace.versions()), series);
        trace.replay(replay);
        replay.finish();
    }

    @Override
    public void event(GoEvent e) {
        switch (e.kind()) {
            case GO_STARTED -> startOffsets.put(sliceKey(e.p(), e.tsNs()), e.offset());
            // a v2 trace's first slice of a goroutine running when it began starts at its GoStatus;
            // later generations restate it: one unused entry per running goroutine and generation
            case GO_STATUS -> {
                if (e.arg("gstatus") == GSTATUS_RUNNING) {
                    startOffsets.put(sliceKey(e.p(), e.tsNs()), e.offset());
                }
            }
            case SYSCALL_ENTERED -> syscalled.put(e.g(), Boolean.TRUE);
            default -> { }
        }
        runnable.accept(e);
        busy.accept(e);
        stops.accept(e);
    }

    private void stopped(WorldStop w) {
        WorldStop.Straggler g = w.straggler();
        sink.accept(new Observation.WorldStopped(w.requestNs(), refs.offset(file, w.requestOffset()), w.doneNs(),
                w.kind(), w.stoppedNs(), w.lastP(), w.lastStopOffset() < 0 ? -1 : refs.offset(file, w.lastStopOffset()),
                g == null ? null : new Observation.StopStraggler(g.g(), g.p(), g.endNs(), refs.offset(file, g.endOffset())),
                w.unmeasurable()));
    }

    private void runnable(long g, long from, long to) {
        if (to - from >= LONG_WAIT_NS) {
            longWaits.add(new Stretch(g, from, to));
        }
    }

    private void allBusy(long from, long to) {
        if (to - from >= LONG_WAIT_NS) {
            busyStretches.add(new Stretch(0, from, to));
        }
    }

    @Override
    public void preemption(Preemption p) {
        preemptions.add(p);
    }

    @Override
    public void slice(RunSlice s) {
        if (series != null) {
            series.slice(s.p(), s.startNs(), s.endNs(), switch (ending(s.end())) {
                case PREEMPTED_ASYNC -> CaptureSeries.SliceKind.PREEMPTED_ASYNC;
                case PREEMPTED_COOPERATIVE -> CaptureSeries.SliceKind.PREEMPTED_COOPERATIVE;
                default -> CaptureSeries.SliceKind.OTHER;
            });
        }
        busy.sliceEnded(s);
        stops.sliceEnded(s);
        boolean syscall = syscalled.containsKey(s.g());
        syscalled.remove(s.g());
        if (!syscall && !(s.end() instanceof SliceEnd.Syscall)
                && !(s.end() instanceof SliceEnd.Preempted p && p.kind() == PreemptionKind.ASYNC)) {
            metrics.ranUnpreempted(s.durationNs());
        }
        long offset = startOffset(s);
        if (s.durationNs() > SysmonConstants.FORCE_PREEMPT_NS) {
            longSlices.add(new LongSlice(s, offset));
        } else {
            observe(s, offset, 0, 0);
        }
    }

    /** Go 1.10 made a stop of the world one event pair for the whole program; before, each P wrote its own. */
    private static boolean stopsPerP(GoVersionRange releases) {
        String highest = releases.highest();
        return Integer.parseInt(highest.substring(highest.indexOf('.') + 1)) < 10;
    }

    private long startOffset(RunSlice s) {
        Long offset = startOffsets.remove(sliceKey(s.p(), s.startNs()));
        return offset == null ? 0L : offset;
    }

    private void finish() {
        runnable.finish();
        busy.finish();
        List<Stretch> starved = starved();
        for (LongSlice l : longSlices) {
            Stretch waiter = longestWaiter(l.slice(), starved);
            observe(l.slice(), l.offset(), waiter == null ? 0 : waiter.overlap(l.slice().startNs(), l.slice().endNs()),
                    waiter == null ? 0 : waiter.g());
        }
        metrics.preemptionEvents(preemptions.async(), preemptions.cooperative());
    }

    private void observe(RunSlice s, long offset, long othersWaited, long waiter) {
        sink.accept(new Observation.TimeSlice(s.startNs(), refs.offset(file, offset), s.g(), s.p(), s.endNs(),
                ending(s.end()), othersWaited, waiter));
        if (s.end() instanceof SliceEnd.Preempted p) {
            metrics.preempted(p.kind() == PreemptionKind.ASYNC, s.durationNs());
        } else if (s.end() instanceof SliceEnd.Syscall) {
            metrics.retake();
        }
    }

    private static long sliceKey(int p, long ts) {
        return ts * 31 + p;
    }

    /**
     * The stretches in which a goroutine stood runnable while every P ran another one: only then
     * did it wait for a running goroutine rather than for the scheduler to notice it.
     */
    private List<Stretch> starved() {
        List<Stretch> starved = new ArrayList<>();
        for (Stretch w : longWaits) {
            for (Stretch b : busyStretches) {
                long from = Math.max(w.from(), b.from());
                long to = Math.min(w.to(), b.to());
                if (to - from >= LONG_WAIT_NS) {
                    starved.add(new Stretch(w.g(), from, to));
                }
            }
        }
        return starved;
    }

    /** The other goroutine that stood runnable longest, with every P busy, while the slice ran; null when none. */
    private static Stretch longestWaiter(RunSlice s, List<Stretch> starved) {
        Stretch best = null;
        long longest = 0;
        for (Stretch w : starved) {
            long overlap = w.overlap(s.startNs(), s.endNs());
            if (w.g() != s.g() && (overlap > longest
                    || overlap == longest && best != null && (w.from() < best.from() || w.from() == best.from() && w.g() < best.g()))) {
                best = w;
                longest = overlap;
            }
        }
        return best;
    }

    private static Observation.SliceEnding ending(SliceEnd end) {
        if (end instanceof SliceEnd.Preempted p) {
            return p.kind() == PreemptionKind.ASYNC
                    ? Observation.SliceEnding.PREEMPTED_ASYNC : Observation.SliceEnding.PREEMPTED_COOPERATIVE;
        }
        if (end instanceof SliceEnd.Gosched) {
            return Observation.SliceEnding.YIELDED;
        }
        if (end instanceof SliceEnd.Blocked) {
            return Observation.SliceEnding.BLOCKED;
        }
        if (end instanceof SliceEnd.Syscall) {
            return Observation.SliceEnding.SYSCALL;
        }
        if (end instanceof SliceEnd.Exit) {
            return Observation.SliceEnding.EXITED;
        }
        return Observation.SliceEnding.CAPTURE_END;
    }
}
