package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.version.GoVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stop-the-world waits (preemption-model.md §2.1, §7 A3, D27): stopTheWorldWithSema and forEachP
 * sleep on their note 100 µs at a time and call preemptall after every timeout, until the last P
 * stops. In strace that is one thread repeating a 100 µs FUTEX_WAIT that times out; in a trace it
 * is the request (GCSTWStart, STWBegin) up to the last other P's stop, which the replay finds.
 */
final class StopRules {
    /** The re-preempt period of the stop loop (§8). */
    static final long LOOP_STEP_NS = Observation.NoteSleep.LOOP_STEP_NS;
    /**
     * What a 100 µs note loop waits for: stopTheWorldWithSema on sched.stopnote and forEachP on
     * sched.safePointNote loop alike, and a capture shows only the note's address.
     */
    static final String WAITED_FOR = "for the world to stop (or for every P to pass a safe point, which forEachP"
            + " waits for the same way)";
    /** A stop that waits longer than this has a straggler (§7 A3: "e.g. 1 ms"), before tracing overhead. */
    static final long STRAGGLER_NS = 1_000_000L;
    /**
     * Between two timeouts the loop only calls preemptall (getpid + tgkill per running P); a gap
     * longer than this means the thread left the loop and a later timeout starts a new one.
     */
    private static final long LOOP_GAP_NS = 2_000_000L;
    /** An unfinished loop this long at the end of the capture counts as never ending (§7 D27). */
    static final long HANG_NS = 100_000_000L;
    private static final GoVersion HANG_FROM = new GoVersion(1, 14, 0);
    private static final GoVersion HANG_FIXED = new GoVersion(1, 14, 4);

    private final CheckerSettings settings;
    private final ViolationSink sink;
    private final Map<Integer, Loop> loops = new LinkedHashMap<>();
    /** Closed loops longer than 1 ms: judged at the end, when the capture's tracing overhead is known. */
    private final List<Loop> closed = new ArrayList<>();
    /** Stops from Go traces longer than 1 ms; the rest cannot hold a straggler. */
    private final List<Observation.WorldStopped> traceStops = new ArrayList<>();
    static final int MAX_KEPT = 10_000;

    StopRules(CheckerSettings settings, ViolationSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    void slept(Observation.NoteSleep s) {
        if (s.timeoutNs() != LOOP_STEP_NS) {
            return;
        }
        Loop loop = loops.get(s.tid());
        if (loop != null && (!loop.first.note().equals(s.note())
                || s.timeNs() - loop.lastEnd > LOOP_GAP_NS && !s.continuesLoop())) {
            close(loops.remove(s.tid()), true);
            loop = null;
        }
        if (!s.timedOut()) {
            // the last P stopped and woke the note: the stop is over
            if (loop != null) {
                loop.lastEnd = s.endNs();
                close(loops.remove(s.tid()), true);
            }
            return;
        }
        if (loop == null) {
            loop = new Loop(s);
            loops.put(s.tid(), loop);
        }
        loop.rounds++;
        loop.lastEnd = s.endNs();
        loop.oversleptNs += Math.max(0, s.endNs() - s.timeNs() - s.timeoutNs());
    }

    void sent(Observation.SignalSent s) {
        Loop loop = loops.get(s.sender());
        if (loop != null && "SIGURG".equals(s.signal())) {
            loop.signalled.add(s.targetTid());
            loop.pendingSince.putIfAbsent(s.targetTid(), s.timeNs());
        }
    }

    void delivered(Observation.SignalDelivered d) {
        if (!"SIGURG".equals(d.signal())) {
            return;
        }
        for (Loop loop : loops.values()) {
            if (loop.signalled.contains(d.tid())) {
                loop.deliveries++;
                Long since = loop.pendingSince.remove(d.tid());
                if (since != null) {
                    loop.lastDeliveryTid = d.tid();
                    loop.lastDeliveryNs = d.timeNs();
                    loop.lastDeliveryLatencyNs = d.timeNs() - since;
                }
            }
        }
    }

    /** A stop from a Go trace; judged at the end, when whether async preemption was on is settled. */
    void stopped(Observation.WorldStopped w) {
        if (w.lengthNs() > STRAGGLER_NS && traceStops.size() < MAX_KEPT) {
            traceStops.add(w);
        }
    }

    /**
     * A straggler is a goroutine that keeps its P after the stop was requested: the time from the
     * request to the event that took it off is what it cost. The time after the last P stopped is
     * the stop's own work (and, on a busy machine, the requester's thread waiting for a CPU), which
     * no goroutine caused. A wait that no goroutine made long came from a thread late to stop.
     */
    private void judgeTraceStop(Observation.WorldStopped w, CheckerSettings settings) {
        String kind = w.kind() == null ? "" : " (" + w.kind() + ")";
        if (w.unmeasurable() != null) {
            sink.add(AnomalyId.STW_STRAGGLER, () -> new Violation(AnomalyId.STW_STRAGGLER, Severity.INFO, -1,
                    w.timeNs(), List.of(w.ref()), String.format(Locale.ROOT, "the world was stopped %.3f ms from the"
                            + " stop-the-world request%s to the restart, but %s: the wait for the last P cannot be told"
                            + " from the stop's own work, so no straggler is claimed", w.lengthNs() / 1e6, kind,
                            w.unmeasurable())));
            return;
        }
        Observation.StopStraggler g = w.straggler();
        long workNs = w.endNs() - w.stoppedNs();
        if (g != null && g.endNs() - w.timeNs() > STRAGGLER_NS) {
            String why = !settings.runtimeSendsSigurg()
                    ? "without async preemption only a function call lets a goroutine stop"
                    : "async preemption could not stop it where it was (assembly, runtime code, a held lock) or its"
                            + " thread had no CPU to take the signal";
            sink.add(AnomalyId.STW_STRAGGLER, () -> new Violation(AnomalyId.STW_STRAGGLER,
                    AnomalyId.STW_STRAGGLER.severity(), -1, w.timeNs(), refs(w.ref(), g.ref(), w.lastRef()),
                    String.format(Locale.ROOT, "goroutine %d held P%d for %.3f ms after the stop-the-world request%s"
                                    + " before it was taken off; the last P stopped %.3f ms after the request, and the"
                                    + " %.3f ms the world then stayed stopped were the stop's own work, not counted;"
                                    + " %s", g.goroutine(), g.p(), (g.endNs() - w.timeNs()) / 1e6, kind,
                            w.waitNs() / 1e6, workNs / 1e6, why), g.goroutine()));
        } else if (w.waitNs() > STRAGGLER_NS) {
            String goroutine = g == null ? "no goroutine was running on another P"
                    : String.format(Locale.ROOT, "goroutine %d, running on P%d, was taken off %.3f ms after it",
                            g.goroutine(), g.p(), (g.endNs() - w.timeNs()) / 1e6);
            sink.add(AnomalyId.STW_STRAGGLER, () -> new Violation(AnomalyId.STW_STRAGGLER, Severity.INFO, -1,
                    w.timeNs(), refs(w.ref(), w.lastRef()), String.format(Locale.ROOT, "the world took %.3f ms to stop"
                                    + " after the stop-the-world request%s, but no goroutine held its P that long (%s):"
                                    + " P%d stopped last, its thread late to the stop (not given a CPU, or busy in"
                                    + " runtime code), which no preemption can shorten", w.waitNs() / 1e6, kind,
                            goroutine, w.lastP())));
        }
    }

    private static List<Long> refs(long... refs) {
        List<Long> out = new ArrayList<>();
        for (long r : refs) {
            if (r >= 0 && !out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Judges the strace loops. Under strace every step of a stop (the timeout, getpid, tgkill, the
     * straggler's delivery and rt_sigreturn, the wakeup) pays ptrace stops, and a handler slowed
     * past 100 µs meets the next SIGURG already pending; so the 1 ms allows two of the capture's
     * calibrated slacks on top, as the preemption deadline does for its two sysmon rounds (§1.9, §11).
     *
     * @param runsObservable false for a capture that filters syscalls: the wakeup that ends a
     *     stop may be missing, so its loops say nothing about how long it took
     */
    List<Wait> finish(CheckerSettings calibrated, boolean runsObservable) {
        for (Observation.WorldStopped w : traceStops) {
            judgeTraceStop(w, calibrated);
        }
        traceStops.clear();
        for (Loop loop : List.copyOf(loops.values())) {
            close(loop, false);
        }
        loops.clear();
        long threshold = STRAGGLER_NS + 2 * calibrated.slackNs();
        List<Wait> waits = new ArrayList<>();
        if (runsObservable) {
            for (Loop loop : closed) {
                if (loop.lengthNs() > threshold && judge(loop, threshold, calibrated)) {
                    waits.add(new Wait(loop.first.tid(), loop.first.timeNs(), loop.lastEnd, loop.first.ref(), loop.ended));
                }
            }
        }
        closed.clear();
        return waits;
    }

    /**
     * A stop that waited past the straggler threshold: the lateness another thread shows while a
     * goroutine kept its P, which the run rules use as evidence that one run was one time slice.
     *
     * @param tid the thread that waited for the world to stop
     * @param ended false when it was still waiting as the capture ended
     */
    record Wait(int tid, long timeNs, long endNs, long ref, boolean ended) {
        long lengthNs() {
            return endNs - timeNs;
        }
    }

    /** At most {@link #MAX_KEPT} loops wait for the end, so memory does not grow with the capture. */
    private void close(Loop loop, boolean ended) {
        loop.ended = ended;
        if (loop.lengthNs() > STRAGGLER_NS && closed.size() < MAX_KEPT) {
            closed.add(loop);
        }
    }

    /** @return whether the stop waited for a goroutine: the capture explains it no other way */
    private boolean judge(Loop loop, long threshold, CheckerSettings settings) {
        long length = loop.lengthNs();
        boolean ended = loop.ended;
        boolean hang = !ended && length >= HANG_NS && loop.deliveries > 0 && settings.releaseIn(HANG_FROM, HANG_FIXED);
        AnomalyId id = hang ? AnomalyId.STW_HANG_PREEMPT_DISABLED : AnomalyId.STW_STRAGGLER;
        String notAGoroutine = hang ? null : notAGoroutine(loop, threshold, settings);
        sink.add(id, () -> notAGoroutine != null ? new Violation(id, Severity.INFO, loop.first.tid(),
                loop.first.timeNs(), List.of(loop.first.ref()), String.format(Locale.ROOT,
                        "thread %d waited %.1f ms (%d timeout%s of 100 µs on futex %s) " + WAITED_FOR + ", but %s",
                        loop.first.tid(), length / 1e6, loop.rounds, loop.rounds == 1 ? "" : "s", loop.first.note(),
                        notAGoroutine))
                : straggler(id, loop, hang, threshold, settings));
        return notAGoroutine == null;
    }

    /**
     * Why a long stop was not a goroutine that could not be stopped, when the capture shows it; null
     * otherwise. Under strace a stop also waits for the tracer: for the waiter's own sleeps, for a
     * signal it holds, for the syscalls of a thread handing over its P.
     */
    private static String notAGoroutine(Loop loop, long threshold, CheckerSettings settings) {
        long length = loop.lengthNs();
        if (settings.runtimeSendsSigurg()) {
            long afterDelivery = loop.lastEnd - loop.lastDeliveryNs;
            if (loop.ended && loop.lastDeliveryTid >= 0 && afterDelivery <= LOOP_STEP_NS + 2 * settings.slackNs()
                    && loop.lastDeliveryLatencyNs * 2 > length) {
                return String.format(Locale.ROOT, "the SIGURG it sent took %.1f ms to reach thread %d, and the stop"
                                + " ended %.0f µs after it arrived: the straggler was preempted at once, and the wait"
                                + " was signal delivery (the tracer holds each signal, and the target may be off the"
                                + " CPU)",
                        loop.lastDeliveryLatencyNs / 1e6, loop.lastDeliveryTid, afterDelivery / 1e3);
            }
            if (loop.signalled.isEmpty()) {
                return "no SIGURG was sent: the stop loop signals every P running a goroutine, so none was; it waited"
                        + " for Ps changing hands (threads in the runtime or in syscalls, which tracing slows), not"
                        + " for a goroutine that could not be stopped";
            }
        }
        // each timeout is one look at the Ps: too few of them and the time went to the waiter itself
        if (loop.rounds * LOOP_STEP_NS <= threshold) {
            return String.format(Locale.ROOT, "its %d sleep%s of 100 µs took %.1f ms: the waiter itself was off the"
                    + " CPU for most of the wait, which shows no goroutine holding a P that long",
                    loop.rounds, loop.rounds == 1 ? "" : "s", (loop.oversleptNs + loop.rounds * LOOP_STEP_NS) / 1e6);
        }
        return null;
    }

    private static Violation straggler(AnomalyId id, Loop loop, boolean hang, long threshold,
            CheckerSettings settings) {
        long length = loop.lengthNs();
        boolean ended = loop.ended;
        String signals = loop.signalled.isEmpty() ? "no SIGURG was sent to anyone"
                : "SIGURG went to thread" + (loop.signalled.size() > 1 ? "s " : " ") + join(loop.signalled)
                        + " (" + loop.deliveries + " delivered)";
        String why = hang ? "; the straggler got SIGURG and still never stopped: the golang/go#38931 hang, fixed in go1.14.4"
                : !settings.runtimeSendsSigurg()
                        ? "; without async preemption only a function call lets the straggler stop"
                        : "; the straggler sat at a point async preemption cannot use";
        return new Violation(id, id.severity(), loop.first.tid(), loop.first.timeNs(), List.of(loop.first.ref()),
                String.format(Locale.ROOT, "thread %d waited %.1f ms (%d timeout%s of 100 µs on futex %s) "
                                + WAITED_FOR + "%s, more than %.1f ms with this capture's tracing overhead; %s%s",
                        loop.first.tid(), length / 1e6, loop.rounds, loop.rounds == 1 ? "" : "s", loop.first.note(),
                        ended ? "" : " and was still waiting when the capture ended", threshold / 1e6, signals, why));
    }

    private static String join(Set<Integer> tids) {
        StringBuilder b = new StringBuilder();
        for (int t : tids) {
            b.append(b.length() == 0 ? "" : ", ").append(t);
        }
        return b.toString();
    }

    private static final class Loop {
        final Observation.NoteSleep first;
        final Set<Integer> signalled = new LinkedHashSet<>();
        /** Per signalled thread, when the first SIGURG not yet delivered was sent. */
        final Map<Integer, Long> pendingSince = new LinkedHashMap<>();
        int lastDeliveryTid = -1;
        long lastDeliveryNs;
        long lastDeliveryLatencyNs;
        /** How much longer than their timeouts the loop's sleeps took: time the waiter was off the CPU. */
        long oversleptNs;
        long lastEnd;
        int rounds;
        int deliveries;
        boolean ended = true;

        Loop(Observation.NoteSleep first) {
            this.first = first;
        }

        long lengthNs() {
            return lastEnd - first.timeNs();
        }
    }
}
