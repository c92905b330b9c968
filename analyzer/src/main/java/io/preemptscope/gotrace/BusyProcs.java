package io.preemptscope.gotrace;

import io.preemptscope.util.LongMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which goroutine runs on each P, and the stretches in which every P ran one and no stop of the
 * world was under way. Only in such a stretch does a runnable goroutine wait for a running one:
 * while some P runs nothing, the scheduler could have given it that P. A P counts as free from
 * the end of its goroutine's run slice, whatever its M does meanwhile (looks for work, stops), and
 * the count of Ps comes from the trace's own GOMAXPROCS events; before the first one nothing
 * counts as busy.
 */
public final class BusyProcs {
    /** Receives each stretch in which every P ran a goroutine and the world was not being stopped. */
    public interface Listener {
        void allBusy(long fromNs, long toNs);
    }

    /** v2's GoStatus code for a running goroutine. */
    private static final long GSTATUS_RUNNING = 2;

    private final Listener listener;
    /** Per P: the goroutine running there and since when. */
    private final LongMap<long[]> running = new LongMap<>();
    private int procs;
    private int stopsUnderWay;
    private long allBusySince = -1;
    private long lastTs;

    public BusyProcs(Listener listener) {
        this.listener = listener;
    }

    public void accept(GoEvent e) {
        lastTs = Math.max(lastTs, e.tsNs());
        switch (e.kind()) {
            // while the world stops or stands still no goroutine is scheduled: a wait then is the
            // stop's doing (STW_STRAGGLER), not a running goroutine's; Go 1.9 and older write a pair per P
            case STW_STARTED -> {
                stopsUnderWay++;
                update(e.tsNs());
            }
            case STW_DONE -> {
                stopsUnderWay = Math.max(0, stopsUnderWay - 1);
                update(e.tsNs());
            }
            case PROCS_CHANGED -> {
                procs = (int) procs(e);
                update(e.tsNs());
            }
            case GO_STARTED, GO_SWITCHED, GO_SWITCHED_EXITING -> {
                running.put(e.p(), new long[] {e.targetG(), e.tsNs()});
                update(e.tsNs());
            }
            // as the slice tracker does: a v2 trace states a goroutine running since before it began
            case GO_STATUS -> {
                if (e.arg("gstatus") == GSTATUS_RUNNING && e.arg("m") == e.thread() && !running.containsKey(e.p())) {
                    running.put(e.p(), new long[] {e.targetG(), e.tsNs()});
                    update(e.tsNs());
                }
            }
            default -> { }
        }
    }

    /** The end of a run slice frees its P, unless another goroutine already started there. */
    public void sliceEnded(RunSlice s) {
        long[] r = running.get(s.p());
        if (r != null && r[0] == s.g()) {
            running.remove(s.p());
            update(s.endNs());
        }
    }

    /** Reports a stretch still under way when the trace stopped. */
    public void finish() {
        if (allBusySince >= 0) {
            listener.allBusy(allBusySince, lastTs);
            allBusySince = -1;
        }
    }

    /** Per P running a goroutine: that goroutine and when it started there. */
    public Map<Integer, long[]> runningNow() {
        Map<Integer, long[]> now = new TreeMap<>();
        running.forEach((p, r) -> now.put((int) p, r.clone()));
        return now;
    }

    /** GOMAXPROCS as the trace last stated it, 0 before it did. */
    public int procs() {
        return procs;
    }

    private void update(long ts) {
        boolean all = procs > 0 && stopsUnderWay == 0;
        for (int p = 0; p < procs && all; p++) {
            all = running.containsKey(p);
        }
        if (all && allBusySince < 0) {
            allBusySince = ts;
        } else if (!all && allBusySince >= 0) {
            listener.allBusy(allBusySince, ts);
            allBusySince = -1;
        }
    }

    /** The new GOMAXPROCS: v1's Gomaxprocs calls it procs, v2's ProcsChange procs_value. */
    private static long procs(GoEvent e) {
        return e.args().containsKey("procs") ? e.arg("procs") : e.arg("procs_value");
    }
}
