package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GC suspending a goroutine (preemption-model.md §3.4, §7 A4): suspendG spins, then calls
 * sched_yield every 5 µs, and sends a new SIGURG to the goroutine's thread only after the previous
 * one was handled (m.preemptGen changed). Its strace fingerprint is a burst of sched_yield on one
 * thread interleaved with tgkill(SIGURG) to one target.
 */
final class SuspendRules {
    private static final String SIGURG = "SIGURG";
    /**
     * Two yields further apart than this belong to different waits. suspendG yields every 5 µs
     * and between yields makes at most getpid + tgkill, which strace slows to tens of µs each.
     */
    private static final long SPIN_GAP_NS = 1_000_000L;
    /**
     * A suspension that takes longer than this is stuck (the catalogue's threshold X), before
     * tracing overhead: as for a stop (StopRules), two of the capture's calibrated slacks are added.
     */
    static final long SPIN_NS = 1_000_000L;
    /** At least this many yields make a spin (the catalogue's K), not an occasional yield. */
    static final int SPIN_YIELDS = 10;
    /** strace may print a delivery before the sender's tgkill line (as in SignalRules). */
    private static final long ORDERING_SLACK_NS = 2_000_000L;

    private final ViolationSink sink;
    private final Map<Integer, Spin> spins = new HashMap<>();
    private final List<Spin> closed = new ArrayList<>();
    static final int MAX_KEPT = 10_000;
    /** Per target: a SIGURG from a spinning thread not yet delivered. */
    private final Map<Integer, Observation.SignalSent> undelivered = new HashMap<>();
    private final Map<Integer, Long> earlyDeliveries = new HashMap<>();
    /** Per sender: its last SIGURG sent outside a spin, which a spin starting at once counts as its own. */
    private final Map<Integer, Observation.SignalSent> lastSent = new HashMap<>();

    SuspendRules(ViolationSink sink) {
        this.sink = sink;
    }

    void yielded(Observation.Yielded y) {
        Spin spin = spins.get(y.tid());
        if (spin != null && y.timeNs() - spin.last > SPIN_GAP_NS) {
            close(spins.remove(y.tid()));
            spin = null;
        }
        if (spin == null) {
            spin = new Spin(y);
            spins.put(y.tid(), spin);
            // suspendG sends its SIGURG before it first yields: a send just before belongs to this wait
            Observation.SignalSent just = lastSent.remove(y.tid());
            if (just != null && y.timeNs() - just.timeNs() <= SPIN_GAP_NS) {
                counted(spin, just);
            }
        }
        spin.yields++;
        spin.last = y.timeNs();
    }

    void sent(Observation.SignalSent s) {
        if (!SIGURG.equals(s.signal())) {
            return;
        }
        Spin spin = spins.get(s.sender());
        if (spin == null || s.timeNs() - spin.last > SPIN_GAP_NS) {
            lastSent.put(s.sender(), s);
            return;
        }
        counted(spin, s);
    }

    private void counted(Spin spin, Observation.SignalSent s) {
        spin.sends++;
        spin.target = s.targetTid();
        Long early = earlyDeliveries.remove(s.targetTid());
        if (early != null && early + ORDERING_SLACK_NS >= s.timeNs()) {
            return;
        }
        Observation.SignalSent before = undelivered.put(s.targetTid(), s);
        if (before != null && before.sender() == s.sender() && before.timeNs() >= spin.first.timeNs()
                && spin.earlySend == null) {
            spin.earlySend = s;
            spin.earlySendBefore = before;
        }
    }

    void delivered(Observation.SignalDelivered d) {
        if (SIGURG.equals(d.signal()) && undelivered.remove(d.tid()) == null) {
            earlyDeliveries.put(d.tid(), d.timeNs());
        }
    }

    /** @param runsObservable false for a filtered capture, whose gaps make spin lengths meaningless */
    void finish(CheckerSettings calibrated, boolean runsObservable) {
        spins.values().forEach(this::close);
        spins.clear();
        long threshold = SPIN_NS + 2 * calibrated.slackNs();
        for (Spin spin : closed) {
            judge(spin, runsObservable ? threshold : Long.MAX_VALUE);
        }
        closed.clear();
    }

    /**
     * Only a spin that could be flagged is kept, and at most {@link #MAX_KEPT}: a long capture
     * holds many harmless short spins, and memory must not grow with its length.
     */
    private void close(Spin spin) {
        boolean candidate = spin.earlySend != null
                || spin.yields >= SPIN_YIELDS && spin.last - spin.first.timeNs() > SPIN_NS;
        if (candidate && closed.size() < MAX_KEPT) {
            closed.add(spin);
        }
    }

    private void judge(Spin spin, long threshold) {
        long length = spin.last - spin.first.timeNs();
        boolean stuck = length > threshold && spin.yields >= SPIN_YIELDS;
        if (!stuck && spin.earlySend == null) {
            return;
        }
        sink.add(AnomalyId.GC_SUSPEND_SPIN, () -> spinning(spin, length));
    }

    private static Violation spinning(Spin spin, long length) {
        String target = spin.sends == 0 ? "sending no SIGURG (go1.13 scang, or asyncpreemptoff=1)"
                : spin.sends + " tgkill(SIGURG), last to thread " + spin.target;
        String what = String.format(Locale.ROOT, "thread %d called sched_yield %d times in %.1f ms, %s",
                spin.first.tid(), spin.yields, length / 1e6, target);
        List<Long> refs = spin.earlySend == null ? List.of(spin.first.ref())
                : List.of(spin.first.ref(), spin.earlySend.ref(), spin.earlySendBefore.ref());
        String why = spin.earlySend != null
                ? ": it signalled thread " + spin.earlySend.targetTid() + " again before the previous SIGURG was"
                        + " delivered, which suspendG's preemptGen check rules out"
                : ": the GC waited that long for a goroutine it could not suspend";
        return new Violation(AnomalyId.GC_SUSPEND_SPIN, AnomalyId.GC_SUSPEND_SPIN.severity(), spin.first.tid(),
                spin.first.timeNs(), refs, what + why);
    }

    private static final class Spin {
        final Observation.Yielded first;
        long last;
        int yields;
        int sends;
        int target = -1;
        Observation.SignalSent earlySend;
        Observation.SignalSent earlySendBefore;

        Spin(Observation.Yielded first) {
            this.first = first;
        }
    }
}
