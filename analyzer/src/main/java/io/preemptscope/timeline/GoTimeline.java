package io.preemptscope.timeline;

import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoEventKind;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionKind;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.SliceEnd;
import io.preemptscope.gotrace.decode.GoTraceInput;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Go trace's part of the timeline: each goroutine's run slices on its P's track and on its own,
 * named by goroutine and the function it ran, and each preemption as an instant marked async or
 * cooperative. Joined with a strace capture, each slice is also put beside the kernel thread its
 * M ran on, on strace's clock.
 */
final class GoTimeline implements GoTraceInput.Listener {
    /** Track ids of the Go processes; above any real pid (Linux caps them at 2^22). */
    static final long PS_PID = 2_000_000_001L;
    static final long GOROUTINES_PID = 2_000_000_002L;
    /** A Go track beside kernel thread T is T plus this, in the strace process. */
    static final long GO_BESIDE_THREAD = 1_000_000_000L;

    private final TraceEventWriter out;
    private final TimelineWindow window;
    /** Adds to a trace time to get the timeline's; the trace's own start when not joined. */
    private final long shiftNs;
    /** The kernel thread of each M (or thread id, Go 1.22+); empty when not joined. */
    private final Map<Long, Integer> threadOfM;
    private final long stracePid;
    private final Map<Long, String> functionOfG = new HashMap<>();
    private final TreeSet<Integer> ps = new TreeSet<>();
    private final TreeMap<Long, String> goroutines = new TreeMap<>();
    private final Map<Integer, Long> goTracks = new TreeMap<>();
    private IOException failure;

    /**
     * @param shiftNs what to add to a trace time for the timeline's clock
     * @param threadOfM the join's thread map (empty without one)
     * @param stracePid the strace process's track id, for the Go tracks beside its threads
     */
    GoTimeline(TraceEventWriter out, TimelineWindow window, long shiftNs, Map<Long, Integer> threadOfM,
            long stracePid) {
        this.out = out;
        this.window = window;
        this.shiftNs = shiftNs;
        this.threadOfM = threadOfM;
        this.stracePid = stracePid;
    }

    @Override
    public void event(GoEvent e) {
        if (!e.stack().isEmpty() && e.g() != 0) {
            String f = userFunction(e.stack());
            if (f != null) {
                functionOfG.put(e.g(), f);
            }
        }
        if (e.kind() == GoEventKind.GO_CREATED && e.targetG() != 0 && !e.stack().isEmpty()) {
            functionOfG.putIfAbsent(e.targetG(), userFunction(e.stack()));
        }
    }

    @Override
    public void slice(RunSlice s) {
        if (failure != null) {
            return;
        }
        try {
            write(s);
        } catch (IOException io) {
            failure = io;
        }
    }

    @Override
    public void preemption(Preemption p) {}

    private void write(RunSlice s) throws IOException {
        long start = s.startNs() + shiftNs;
        long dur = s.durationNs();
        long m = s.m();
        Integer tid = threadOfM.get(m);
        if (!window.shows(tid == null ? -1 : tid, start, dur)) {
            return;
        }
        String fn = functionOfG.get(s.g());
        String name = "G" + s.g() + (fn == null ? "" : " " + fn);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("g", s.g());
        args.put("p", (long) s.p());
        if (m >= 0) {
            args.put("m", m);
        }
        args.put("ended", s.end() instanceof SliceEnd.Preempted pr ? preemption(pr.kind()) : s.end().label());
        ps.add(s.p());
        goroutines.put(s.g(), name);
        out.complete(PS_PID, s.p(), name, "goroutine", start, dur, args);
        out.complete(GOROUTINES_PID, s.g(), name, "goroutine", start, dur, args);
        if (tid != null) {
            goTracks.put(tid, m);
            out.complete(stracePid, GO_BESIDE_THREAD + tid, name, "goroutine", start, dur, args);
        }
        if (s.end() instanceof SliceEnd.Preempted pr) {
            String what = preemption(pr.kind());
            Map<String, Object> at = Map.of("g", s.g());
            out.instant(PS_PID, s.p(), what, "preemption", start + dur, "t", at);
            out.instant(GOROUTINES_PID, s.g(), what, "preemption", start + dur, "t", at);
            if (tid != null) {
                out.instant(stracePid, GO_BESIDE_THREAD + tid, what, "preemption", start + dur, "t", at);
            }
        }
    }

    private static String preemption(PreemptionKind kind) {
        return kind == PreemptionKind.ASYNC ? "async preemption" : "cooperative preemption";
    }

    /** The innermost frame outside the runtime: what the goroutine was running. */
    private static String userFunction(List<Frame> stack) {
        for (Frame f : stack) {
            String fn = f.function();
            if (fn != null && !fn.isEmpty() && !fn.startsWith("runtime.") && !fn.startsWith("runtime/internal")) {
                return fn;
            }
        }
        return null;
    }

    void finish() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    TreeSet<Integer> ps() {
        return ps;
    }

    TreeMap<Long, String> goroutines() {
        return goroutines;
    }

    /** The kernel threads that got a Go track beside them, and their M. */
    Map<Integer, Long> goTracks() {
        return goTracks;
    }
}
