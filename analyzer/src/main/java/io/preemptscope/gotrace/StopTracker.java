package io.preemptscope.gotrace;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows each stop of the world through an ordered event stream and reports when the last P
 * stopped, apart from the work done while the world stood still.
 *
 * <p>Between the request (GCSTWStart, STWBegin) and the restart every other P stops once: the
 * goroutine on it is preempted or parks and its M gives the P up (ProcStop), or the requester
 * takes a P whose goroutine sits in a syscall (v1: GoSysBlock and ProcStop, v2: ProcSteal). The
 * restart begins with procresize, which writes the GOMAXPROCS event (v1 Gomaxprocs, v2
 * ProcsChange) from Go 1.10 on; the Ms it wakes may start and stop Ps before the restart's
 * GCSTWDone or STWEnd is written, so only stops before that event count. A P an M was handed
 * just before the request can show up started only after it: its stop counts too, since the world
 * waited for it.
 */
public final class StopTracker {
    /** Receives each stop once the world runs again. */
    public interface Listener {
        void stopped(WorldStop stop);
    }

    private static final String PER_P = "Go 1.9 and older record a stop of the world per P as each one"
            + " stopped, not when the stop was requested";
    private static final String NO_RESTART = "the trace shows no GOMAXPROCS event inside the stop, so where the"
            + " wait for the Ps ended and the stop's own work began cannot be told";

    private final Listener listener;
    private final BusyProcs busy;
    private final boolean perP;
    /** Ps an M holds (started and not stopped). */
    private final Set<Integer> held = new HashSet<>();
    private final Map<Integer, GoEvent> perPRequests = new HashMap<>();
    private Pending pending;
    private long currentOffset;

    /**
     * @param busy what runs on each P, fed the same stream before this tracker
     * @param perP the trace records stops per P (Go 1.9 and older): none can be measured
     */
    public StopTracker(Listener listener, BusyProcs busy, boolean perP) {
        this.listener = listener;
        this.busy = busy;
        this.perP = perP;
    }

    public void accept(GoEvent e) {
        currentOffset = e.offset();
        switch (e.kind()) {
            case STW_STARTED -> requested(e);
            case STW_DONE -> done(e);
            case PROCS_CHANGED -> {
                if (pending != null) {
                    pending.restarted = true;
                }
            }
            case PROC_STARTED -> held.add(procOf(e));
            case PROC_STOPPED -> stopped(e.p(), e);
            case PROC_STOLEN -> stopped(e.targetP(), e);
            case PROC_STATUS -> {
                // v2: 1 running and 3 in a syscall hold an M; 2 idle and 4 taken from a syscall do not
                long status = e.arg("pstatus");
                if (status == 1 || status == 3) {
                    held.add(e.targetP());
                } else {
                    held.remove(e.targetP());
                }
            }
            default -> { }
        }
    }

    /** A run slice that ended at the event just accepted. */
    public void sliceEnded(RunSlice s) {
        Pending w = pending;
        if (w == null || w.restarted || s.p() == w.requesterP) {
            return;
        }
        long[] r = w.running.get(s.p());
        if (r != null && r[0] == s.g() && r[1] == s.startNs()
                && (w.straggler == null || s.endNs() > w.straggler.endNs())) {
            w.straggler = new WorldStop.Straggler(s.g(), s.p(), s.startNs(), s.endNs(), currentOffset);
        }
    }

    private void requested(GoEvent e) {
        if (perP) {
            perPRequests.put(e.p(), e);
            return;
        }
        Pending w = new Pending(e);
        w.running.putAll(busy.runningNow());
        w.running.remove(e.p());
        w.mustStop.addAll(held);
        w.mustStop.addAll(w.running.keySet());
        w.mustStop.remove(e.p());
        pending = w;
    }

    private void stopped(int p, GoEvent e) {
        held.remove(p);
        Pending w = pending;
        if (w != null && !w.restarted && p != w.requesterP) {
            w.stopped.add(p);
            w.lastP = p;
            w.lastNs = e.tsNs();
            w.lastOffset = e.offset();
        }
    }

    private void done(GoEvent e) {
        if (perP) {
            GoEvent request = perPRequests.remove(e.p());
            if (request != null) {
                listener.stopped(new WorldStop(request.tsNs(), request.offset(), kind(request), request.p(), e.tsNs(),
                        -1, -1, -1, null, PER_P));
            }
            return;
        }
        Pending w = pending;
        pending = null;
        if (w == null) {
            return; // requested before the trace began
        }
        String unmeasurable = w.restarted ? null : NO_RESTART;
        for (int p : w.mustStop) {
            if (unmeasurable == null && !w.stopped.contains(p)) {
                unmeasurable = "P" + p + " was running when the stop was requested and the trace shows no stop of"
                        + " it before the world ran again";
            }
        }
        GoEvent r = w.request;
        long stoppedNs = unmeasurable != null ? -1 : w.lastP >= 0 ? w.lastNs : r.tsNs();
        listener.stopped(new WorldStop(r.tsNs(), r.offset(), kind(r), w.requesterP, e.tsNs(), stoppedNs,
                w.lastP, w.lastOffset, w.straggler, unmeasurable));
    }

    private static String kind(GoEvent e) {
        String kind = e.stringArgs().get("kind");
        return kind == null || kind.isEmpty() ? null : kind;
    }

    /** v2's ProcStart names the P it starts; v1 writes it into that P's own batch. */
    private static int procOf(GoEvent e) {
        return e.targetP() >= 0 ? e.targetP() : e.p();
    }

    private static final class Pending {
        final GoEvent request;
        final int requesterP;
        /** Per P running a goroutine at the request: that goroutine and when it started there. */
        final Map<Integer, long[]> running = new HashMap<>();
        final Set<Integer> mustStop = new TreeSet<>();
        final Set<Integer> stopped = new HashSet<>();
        boolean restarted;
        int lastP = -1;
        long lastNs;
        long lastOffset = -1;
        WorldStop.Straggler straggler;

        Pending(GoEvent request) {
            this.request = request;
            this.requesterP = request.p();
        }
    }
}
