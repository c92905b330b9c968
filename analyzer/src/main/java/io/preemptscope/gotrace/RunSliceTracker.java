package io.preemptscope.gotrace;

import io.preemptscope.util.LongMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Follows an ordered event stream and reports each run slice and preemption as it ends, so a trace
 * of any length can be summarized without keeping its events. A goroutine runs on an M; where the
 * trace does not name the M's thread (v1), slices are followed per P, which one M holds at a time.
 * Also notes the runtime behaviour that dates the trace.
 */
public final class RunSliceTracker {
    /** Receives what the tracker finds, in stream order. */
    public interface Listener {
        void slice(RunSlice slice);

        void preemption(Preemption preemption);

        /** A listener made of two callbacks. */
        static Listener of(Consumer<RunSlice> slices, Consumer<Preemption> preemptions) {
            return new Listener() {
                @Override
                public void slice(RunSlice slice) {
                    slices.accept(slice);
                }

                @Override
                public void preemption(Preemption preemption) {
                    preemptions.accept(preemption);
                }
            };
        }
    }

    private static final String SLEEP = "sleep";
    /** v2's GoStatus code for a running goroutine. */
    private static final long GSTATUS_RUNNING = 2;
    private static final SliceEnd ASYNC = new SliceEnd.Preempted(PreemptionKind.ASYNC);
    private static final SliceEnd COOPERATIVE = new SliceEnd.Preempted(PreemptionKind.COOPERATIVE);
    private static final SliceEnd GOSCHED = new SliceEnd.Gosched();
    private static final SliceEnd EXIT = new SliceEnd.Exit();
    private static final SliceEnd SYSCALL = new SliceEnd.Syscall();
    private static final SliceEnd SWITCH = new SliceEnd.Blocked("coroutine switch");

    private final Listener listener;
    /** Per lane (thread, else P): goroutine, P and start. Ordering and validation guarantee one at a time. */
    private final LongMap<long[]> running = new LongMap<>();
    private final LongMap<Boolean> sleeping = new LongMap<>();
    private long lastTs;
    private boolean asyncSeen;
    private boolean sleepWokenByScheduler;

    public RunSliceTracker(Listener listener) {
        this.listener = listener;
    }

    public void accept(GoEvent e) {
        lastTs = Math.max(lastTs, e.tsNs());
        switch (e.kind()) {
            case GO_STARTED -> start(e);
            case GO_SWITCHED -> {
                end(e, lane(e), SWITCH);
                start(e);
            }
            case GO_SWITCHED_EXITING -> {
                end(e, lane(e), EXIT);
                start(e);
            }
            case GO_PREEMPTED_ASYNC -> preempted(e, ASYNC, PreemptionKind.ASYNC);
            case GO_PREEMPTED_COOPERATIVE -> preempted(e, COOPERATIVE, PreemptionKind.COOPERATIVE);
            case GO_YIELDED -> end(e, lane(e), GOSCHED);
            case GO_BLOCKED -> {
                noteSleep(e);
                end(e, lane(e), new SliceEnd.Blocked(e.reason()));
            }
            case GO_EXITED -> end(e, lane(e), EXIT);
            case SYSCALL_BLOCKED -> end(e, lane(e), SYSCALL);
            case SYSCALL_EXITED_BLOCKED -> {
                // Still on the M when nothing reported the P's loss while it sat in the syscall.
                long[] r = running.get(lane(e));
                if (r != null && r[0] == e.g()) {
                    end(e, lane(e), SYSCALL);
                }
            }
            // The P of a goroutine blocked in a syscall was taken: its slice ends on its own M.
            case PROC_STOLEN -> stolen(e);
            case GO_UNBLOCKED -> noteWakeup(e);
            // v2 begins with the running goroutines' GoStatus where v1 writes a GoStart for the
            // running one; later generations restate it while its slice goes on
            case GO_STATUS -> {
                if (e.arg("gstatus") == GSTATUS_RUNNING && e.arg("m") == e.thread() && !running.containsKey(lane(e))) {
                    start(e);
                }
            }
            default -> { }
        }
    }

    /** Reports the slices still running when the trace stopped, in lane order. */
    public void finish() {
        Map<Long, long[]> byLane = new TreeMap<>();
        running.forEach(byLane::put);
        byLane.forEach((lane, r) -> listener.slice(new RunSlice(r[0], (int) r[1], r[2], lastTs,
                new SliceEnd.TraceEnd(), r[3])));
        byLane.keySet().forEach(running::remove);
    }

    public boolean asyncPreemptionSeen() {
        return asyncSeen;
    }

    /** Go 1.14 moved timers into the Ps: a sleep ends with a wakeup emitted while the P runs no goroutine. */
    public boolean sleepWokenByScheduler() {
        return sleepWokenByScheduler;
    }

    /** Where the goroutine of the event runs: its thread when the trace names it, else its P. */
    private static long lane(GoEvent e) {
        return e.thread() != GoEvent.NONE ? e.thread() : e.p();
    }

    private void start(GoEvent e) {
        long lane = lane(e);
        long[] r = running.get(lane);
        if (r == null) {
            running.put(lane, new long[] {e.targetG(), e.p(), e.tsNs(), runner(e)});
        } else {
            r[0] = e.targetG();
            r[1] = e.p();
            r[2] = e.tsNs();
            r[3] = runner(e);
        }
    }

    /** The thread the trace names, else the M that held the P. */
    private static long runner(GoEvent e) {
        return e.thread() != GoEvent.NONE ? e.thread() : e.m();
    }

    private void preempted(GoEvent e, SliceEnd end, PreemptionKind kind) {
        asyncSeen |= kind == PreemptionKind.ASYNC;
        listener.preemption(new Preemption(e.g(), e.p(), e.tsNs(), kind, e.stack()));
        end(e, lane(e), end);
    }

    /** Ends the slice of the event's goroutine on {@code lane}; a slice of another goroutine just stops there. */
    private void end(GoEvent e, long lane, SliceEnd end) {
        long[] r = running.get(lane);
        if (r == null) {
            return;
        }
        running.remove(lane);
        if (r[0] == e.g()) {
            listener.slice(new RunSlice(e.g(), (int) r[1], r[2], e.tsNs(), end, r[3]));
        }
    }

    private void stolen(GoEvent e) {
        long[] r = running.get(e.targetThread());
        if (r != null) {
            running.remove(e.targetThread());
            listener.slice(new RunSlice(r[0], (int) r[1], r[2], e.tsNs(), SYSCALL, r[3]));
        }
    }

    private void noteSleep(GoEvent e) {
        if (!sleepWokenByScheduler && SLEEP.equals(e.reason())) {
            sleeping.put(e.g(), Boolean.TRUE);
        }
    }

    private void noteWakeup(GoEvent e) {
        if (!sleepWokenByScheduler && sleeping.containsKey(e.targetG())) {
            sleeping.remove(e.targetG());
            sleepWokenByScheduler = e.g() == 0;
        }
    }
}
