package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionKind;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.RunSliceTracker;
import io.preemptscope.gotrace.SliceEnd;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows an ordered v2 event stream and reports each run slice and preemption as it ends. v2
 * differs from v1 in three ways that matter here: a goroutine runs on a thread (M), not a P, so
 * slices are tracked per thread; a preemption is a GoStop whose reason string is "preempted" (a
 * GoBlock "preempted" is a GC stack-scan suspension, not a timeslice); and a goroutine blocked in a
 * syscall loses its P through a ProcSteal emitted by another thread.
 */
public final class V2SliceTracker {
    static final String PREEMPTED = "preempted";

    private record Open(long g, int p, long startNs) {}

    private final RunSliceTracker.Listener listener;
    private final Map<Long, Open> running = new HashMap<>();
    private long lastTs;

    public V2SliceTracker(RunSliceTracker.Listener listener) {
        this.listener = listener;
    }

    public void accept(V2Event v) {
        GoEvent e = v.event();
        lastTs = Math.max(lastTs, e.tsNs());
        switch (e.type()) {
            case "GoStart" -> running.put(v.thread(), new Open(e.arg("g"), e.p(), e.tsNs()));
            case "GoSwitch", "GoSwitchDestroy" -> {
                close(running.remove(v.thread()), e.tsNs(), e.type().equals("GoSwitch")
                        ? new SliceEnd.Blocked("coroutine switch") : new SliceEnd.Exit());
                running.put(v.thread(), new Open(e.arg("g"), e.p(), e.tsNs()));
            }
            case "GoStop" -> {
                String reason = e.stringArgs().getOrDefault("reason", "");
                SliceEnd end;
                if (reason.equals(PREEMPTED)) {
                    PreemptionKind kind = PreemptionKind.of(e.stack());
                    listener.preemption(new Preemption(e.g(), e.p(), e.tsNs(), kind, e.stack()));
                    end = new SliceEnd.Preempted(kind);
                } else {
                    // "runtime.Gosched" or "unspecified": the goroutine yielded and stays runnable.
                    end = new SliceEnd.Gosched();
                }
                close(running.remove(v.thread()), e.tsNs(), end);
            }
            case "GoBlock" -> close(running.remove(v.thread()), e.tsNs(),
                    new SliceEnd.Blocked(e.stringArgs().getOrDefault("reason", "unspecified")));
            case "GoDestroy", "GoDestroySyscall" -> close(running.remove(v.thread()), e.tsNs(), new SliceEnd.Exit());
            // The P of a goroutine blocked in a syscall was taken (by another thread, or stopped).
            case "ProcSteal" -> close(running.remove(e.arg("m")), e.tsNs(), new SliceEnd.Syscall());
            case "GoSyscallEndBlocked" -> close(running.remove(v.thread()), e.tsNs(), new SliceEnd.Syscall());
            default -> { }
        }
    }

    /** Reports the slices still running when the trace stopped. */
    public void finish() {
        for (Open o : running.values()) {
            listener.slice(new RunSlice(o.g, o.p, o.startNs, lastTs, new SliceEnd.TraceEnd()));
        }
        running.clear();
    }

    private void close(Open o, long endNs, SliceEnd end) {
        if (o != null) {
            listener.slice(new RunSlice(o.g, o.p, o.startNs, endNs, end));
        }
    }
}
