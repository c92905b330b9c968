package io.preemptscope.analysis;

import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionKind;
import io.preemptscope.gotrace.PreemptionTally;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.SliceEnd;
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
 * Turns a Go execution trace into time-slice observations as it streams past: every slice, with
 * how it ended and how long another goroutine stood runnable while it ran (the starvation it
 * caused). Memory grows with the goroutines and the long waits, not with the events.
 */
final class GoTraceReplay implements GoTraceInput.Listener {
    /**
     * The rules read how long others waited only when it reaches forcePreemptNS, and only a wait
     * that long can overlap a slice that much: shorter waits are not kept.
     */
    private static final long LONG_WAIT_NS = SysmonConstants.FORCE_PREEMPT_NS;

    /** A goroutine runnable but not running, from when it became runnable until it started. */
    private record Wait(long g, long from, long to) {}

    /** A slice long enough that others' waits matter; judged once every wait is known. */
    private record LongSlice(RunSlice slice, long offset) {}

    private final String file;
    private final EvidenceRefs refs;
    private final Consumer<Observation> sink;
    private final TraceMetrics metrics;
    private final LongMap<long[]> runnableSince = new LongMap<>();
    private final List<Wait> longWaits = new ArrayList<>();
    private final List<LongSlice> longSlices = new ArrayList<>();
    /** Byte offsets of the GoStarts of the slices still running, by P and start time. */
    private final Map<Long, Long> startOffsets = new HashMap<>();
    private long end;
    private final PreemptionTally preemptions = new PreemptionTally();
    private GoEvent stwStart;
    /** The report's aggregates, when a report is made; null for analyze. */
    private final CaptureSeries series;

    private GoTraceReplay(String file, EvidenceRefs refs, Consumer<Observation> sink, TraceMetrics metrics,
            CaptureSeries series) {
        this.file = file;
        this.refs = refs;
        this.sink = sink;
        this.metrics = metrics;
        this.series = series;
    }

    static void replay(String file, GoTraceInput trace, EvidenceRefs refs, Consumer<Observation> sink,
            TraceMetrics metrics) throws GoTraceFormatException {
        replay(file, trace, refs, sink, metrics, null);
    }

    /** As above, also feeding the HTML report's aggregates ({@code series} may be null). */
    static void replay(String file, GoTraceInput trace, EvidenceRefs refs, Consumer<Observation> sink,
            TraceMetrics metrics, CaptureSeries series) throws GoTraceFormatException {
        GoTraceReplay replay = new GoTraceReplay(file, refs, sink, metrics, series);
        trace.replay(replay);
        replay.finish();
    }

    @Override
    public void event(GoEvent e) {
        end = Math.max(end, e.tsNs());
        switch (e.kind()) {
            // the world is stopped once at a time; a Done without its Start began before the trace
            case STW_STARTED -> stwStart = e;
            case STW_DONE -> {
                if (stwStart != null) {
                    sink.accept(new Observation.WorldStopped(stwStart.tsNs(), refs.offset(file, stwStart.offset()), e.tsNs()));
                    stwStart = null;
                }
            }
            case GO_CREATED, GO_UNBLOCKED -> becameRunnable(e.targetG(), e.tsNs());
            // taken off or back from a syscall without a P, the goroutine waits to run again
            case GO_PREEMPTED_ASYNC, GO_PREEMPTED_COOPERATIVE, GO_YIELDED, SYSCALL_EXITED_BLOCKED ->
                    becameRunnable(e.g(), e.tsNs());
            case GO_STARTED -> started(e);
            default -> { }
        }
    }

    private void becameRunnable(long g, long ts) {
        if (!runnableSince.containsKey(g)) {
            runnableSince.put(g, new long[] {ts});
        }
    }

    private void started(GoEvent e) {
        long g = e.targetG();
        long[] since = runnableSince.get(g);
        if (since != null) {
            runnableSince.remove(g);
            if (e.tsNs() - since[0] >= LONG_WAIT_NS) {
                longWaits.add(new Wait(g, since[0], e.tsNs()));
            }
        }
        startOffsets.put(sliceKey(e.p(), e.tsNs()), e.offset());
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
        long offset = startOffset(s);
        if (s.durationNs() > SysmonConstants.FORCE_PREEMPT_NS) {
            longSlices.add(new LongSlice(s, offset));
        } else {
            observe(s, offset, 0);
        }
    }

    private long startOffset(RunSlice s) {
        Long offset = startOffsets.remove(sliceKey(s.p(), s.startNs()));
        return offset == null ? 0L : offset;
    }

    private void finish() {
        runnableSince.forEach((g, since) -> {
            if (end - since[0] >= LONG_WAIT_NS) {
                longWaits.add(new Wait(g, since[0], end));
            }
        });
        for (LongSlice l : longSlices) {
            observe(l.slice(), l.offset(), othersWaited(l.slice()));
        }
        metrics.preemptionEvents(preemptions.async(), preemptions.cooperative());
    }

    private void observe(RunSlice s, long offset, long othersWaited) {
        sink.accept(new Observation.TimeSlice(s.startNs(), refs.offset(file, offset), s.g(), s.p(), s.endNs(),
                ending(s.end()), othersWaited));
        if (s.end() instanceof SliceEnd.Preempted p) {
            metrics.preempted(p.kind() == PreemptionKind.ASYNC, s.durationNs());
        } else if (s.end() instanceof SliceEnd.Syscall) {
            metrics.retake();
        }
    }

    private static long sliceKey(int p, long ts) {
        return ts * 31 + p;
    }

    /** The longest overlap of another goroutine's wait with the slice. */
    private long othersWaited(RunSlice s) {
        long longest = 0;
        for (Wait w : longWaits) {
            if (w.g() != s.g()) {
                long overlap = Math.min(w.to(), s.endNs()) - Math.max(w.from(), s.startNs());
                longest = Math.max(longest, overlap);
            }
        }
        return longest;
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
