package io.preemptscope.gotrace;

import io.preemptscope.util.LongMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Follows an ordered v1 event stream and reports each run slice and preemption as it ends, so a
 * trace of any length can be summarized without keeping its events. Also notes the runtime
 * behaviour that dates the trace.
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

    private final Listener listener;
    /** Per P: the goroutine it runs and since when. Ordering and validation guarantee one at a time. */
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
        String type = e.type();
        if (type.equals("GoStart") || type.equals("GoStartLabel")) {
            long[] r = running.get(e.p());
            if (r == null) {
                running.put(e.p(), new long[] {e.g(), e.tsNs()});
            } else {
                r[0] = e.g();
                r[1] = e.tsNs();
            }
            return;
        }
        noteTimers(e);
        SliceEnd end = endOf(e);
        if (end == null) {
            return;
        }
        long[] r = running.get(e.p());
        if (r != null) {
            running.remove(e.p());
        }
        if (end instanceof SliceEnd.Preempted pre) {
            asyncSeen |= pre.kind() == PreemptionKind.ASYNC;
            listener.preemption(new Preemption(e.g(), e.p(), e.tsNs(), pre.kind(), e.stack()));
        }
        if (r != null && r[0] == e.g()) {
            listener.slice(new RunSlice(e.g(), e.p(), r[1], e.tsNs(), end));
        }
    }

    /** Reports the slices still running when the trace stopped, in P order. */
    public void finish() {
        Map<Integer, long[]> byP = new TreeMap<>();
        running.forEach((p, r) -> byP.put((int) p, r));
        byP.forEach((p, r) -> listener.slice(new RunSlice(r[0], p, r[1], lastTs, new SliceEnd.TraceEnd())));
        byP.keySet().forEach(running::remove);
    }

    public boolean asyncPreemptionSeen() {
        return asyncSeen;
    }

    /** Go 1.14 moved timers into the Ps: a GoSleep ends with a GoUnblock emitted while the P runs g 0. */
    public boolean sleepWokenByScheduler() {
        return sleepWokenByScheduler;
    }

    private void noteTimers(GoEvent e) {
        if (sleepWokenByScheduler) {
            return;
        }
        if (e.type().equals("GoSleep")) {
            sleeping.put(e.g(), Boolean.TRUE);
        } else if (e.type().equals("GoUnblock")) {
            long g = e.arg("g");
            if (sleeping.containsKey(g)) {
                sleeping.remove(g);
                sleepWokenByScheduler = e.g() == 0;
            }
        }
    }

    /** The slice-ending meaning of an event, or null when the goroutine keeps running. */
    static SliceEnd endOf(GoEvent e) {
        return switch (e.type()) {
            case "GoPreempt" -> PreemptionKind.of(e.stack()) == PreemptionKind.ASYNC ? ASYNC : COOPERATIVE;
            case "GoSched" -> GOSCHED;
            case "GoEnd" -> EXIT;
            case "GoSysBlock" -> SYSCALL;
            // Reasons in the words the v2 tracer uses for the same parks.
            case "GoStop" -> new SliceEnd.Blocked("forever");
            case "GoSleep" -> new SliceEnd.Blocked("sleep");
            case "GoBlock" -> new SliceEnd.Blocked("unspecified");
            case "GoBlockSend" -> new SliceEnd.Blocked("chan send");
            case "GoBlockRecv" -> new SliceEnd.Blocked("chan receive");
            case "GoBlockSelect" -> new SliceEnd.Blocked("select");
            case "GoBlockSync" -> new SliceEnd.Blocked("sync");
            case "GoBlockCond" -> new SliceEnd.Blocked("sync.(*Cond).Wait");
            case "GoBlockNet" -> new SliceEnd.Blocked("network");
            case "GoBlockGC" -> new SliceEnd.Blocked("GC mark assist wait for work");
            default -> null;
        };
    }

    private static final SliceEnd ASYNC = new SliceEnd.Preempted(PreemptionKind.ASYNC);
    private static final SliceEnd COOPERATIVE = new SliceEnd.Preempted(PreemptionKind.COOPERATIVE);
    private static final SliceEnd GOSCHED = new SliceEnd.Gosched();
    private static final SliceEnd EXIT = new SliceEnd.Exit();
    private static final SliceEnd SYSCALL = new SliceEnd.Syscall();
}
