package io.preemptscope.analysis;

import io.preemptscope.gotrace.DecodedTrace;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceAnalysis;
import io.preemptscope.gotrace.PreemptionKind;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.SliceEnd;
import io.preemptscope.model.check.Observation;
import io.preemptscope.model.sysmon.SysmonConstants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a decoded Go execution trace into time-slice observations: every slice, with how it
 * ended and how long another goroutine stood runnable while it ran (the starvation it caused).
 */
final class GoTraceReplay {
    private GoTraceReplay() {}

    /** A goroutine runnable but not running, from when it became runnable until it started. */
    private record Wait(long g, long from, long to) {}

    static void replay(String file, DecodedTrace decoded, EvidenceRefs refs, Consumer<Observation> sink,
            TraceMetrics metrics) {
        GoTrace trace = decoded.trace();
        GoTraceAnalysis analysis = decoded.analysis();
        List<Wait> waits = new ArrayList<>();
        Map<Long, Long> runnableSince = new HashMap<>();
        Map<Long, Long> startOffsets = new HashMap<>();
        long end = 0;
        GoEvent stwStart = null;
        for (GoEvent e : trace.events()) {
            end = Math.max(end, e.tsNs());
            switch (e.type()) {
                // the world is stopped once at a time; a Done without its Start began before the trace
                case "GCSTWStart" -> stwStart = e;
                case "GCSTWDone" -> {
                    if (stwStart != null) {
                        sink.accept(new Observation.WorldStopped(stwStart.tsNs(), refs.offset(file, stwStart.offset()), e.tsNs()));
                        stwStart = null;
                    }
                }
                case "GoCreate", "GoUnblock" -> runnableSince.putIfAbsent(e.arg("g"), e.tsNs());
                case "GoPreempt", "GoSched", "GoSysExit" -> runnableSince.putIfAbsent(e.g(), e.tsNs());
                // v2 has no GoPreempt/GoSched: a stopped goroutine (preempted, Gosched) stays runnable
                case "GoStop" -> {
                    if (decoded.v2()) {
                        runnableSince.putIfAbsent(e.g(), e.tsNs());
                    }
                }
                case "GoStart", "GoStartLabel" -> {
                    long g = e.args().containsKey("g") ? e.arg("g") : e.g();
                    Long since = runnableSince.remove(g);
                    if (since != null && e.tsNs() > since) {
                        waits.add(new Wait(g, since, e.tsNs()));
                    }
                    startOffsets.put(sliceKey(e.p(), e.tsNs()), e.offset());
                }
                default -> { }
            }
        }
        for (Map.Entry<Long, Long> still : runnableSince.entrySet()) {
            waits.add(new Wait(still.getKey(), still.getValue(), end));
        }
        for (RunSlice s : analysis.slices()) {
            long othersWaited = s.durationNs() > SysmonConstants.FORCE_PREEMPT_NS ? othersWaited(s, waits) : 0;
            long offset = startOffsets.getOrDefault(sliceKey(s.p(), s.startNs()), 0L);
            sink.accept(new Observation.TimeSlice(s.startNs(), refs.offset(file, offset), s.g(), s.p(), s.endNs(),
                    ending(s.end()), othersWaited));
            if (s.end() instanceof SliceEnd.Preempted p) {
                metrics.preempted(p.kind() == PreemptionKind.ASYNC, s.durationNs());
            } else if (s.end() instanceof SliceEnd.Syscall) {
                metrics.retake();
            }
        }
        metrics.preemptionEvents(analysis.asyncPreemptions(), analysis.cooperativePreemptions());
    }

    private static long sliceKey(int p, long ts) {
        return ts * 31 + p;
    }

    /** The longest overlap of another goroutine's wait with the slice. */
    private static long othersWaited(RunSlice s, List<Wait> waits) {
        long longest = 0;
        for (Wait w : waits) {
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
