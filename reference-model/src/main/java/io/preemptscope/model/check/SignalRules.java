package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.signal.ThreadSignals;
import io.preemptscope.model.version.GoVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SIGURG sending and delivery (preemption-model.md §2, §5.1–5.4): coalescing, loss, storms,
 * senders the version rules out, external senders.
 */
final class SignalRules {
    private static final String SIGURG = "SIGURG";
    private static final long STORM_WINDOW_NS = 100_000_000L;
    /** strace may print a delivery before the sender's result line; a send this close is its cause. */
    private static final long ORDERING_SLACK_NS = 2_000_000L;
    /** Sends to one thread per delivery that make the go1.14.0 livelock (§7 D25: "many"). */
    static final int LIVELOCK_SENDS = 10;
    private static final GoVersion LIVELOCK_FROM = new GoVersion(1, 14, 0);
    private static final GoVersion LIVELOCK_FIXED = new GoVersion(1, 14, 1);

    private final CheckerSettings settings;
    private final ViolationSink sink;
    private final Map<Integer, ThreadSignals> threads = new HashMap<>();
    private final Map<Integer, Observation.SignalSent> pendingSend = new HashMap<>();
    private final Map<Integer, Integer> entriesSinceSend = new HashMap<>();
    private final Map<Integer, Long> earlyDeliveries = new HashMap<>();
    private final Map<Integer, TimeWindow> recentDeliveries = new HashMap<>();
    private final Map<Integer, Long> stormUntil = new HashMap<>();
    /** Per target: sends since its last delivery, and whether the livelock was reported. */
    private final Map<Integer, Integer> sendsSinceDelivery = new HashMap<>();
    private final java.util.Set<Integer> livelockReported = new java.util.HashSet<>();
    private Observation.SignalSent firstForbiddenSend;
    private int forbiddenSends;

    SignalRules(CheckerSettings settings, ViolationSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    void sent(Observation.SignalSent s) {
        if (!SIGURG.equals(s.signal())) {
            return;
        }
        // whether the runtime may send SIGURG at all is settled at the end (the capture may tell)
        if (firstForbiddenSend == null) {
            firstForbiddenSend = s;
        }
        forbiddenSends++;
        Long early = earlyDeliveries.remove(s.targetTid());
        if (early != null && early + ORDERING_SLACK_NS >= s.timeNs()) {
            return;
        }
        ThreadSignals target = thread(s.targetTid());
        int sends = sendsSinceDelivery.merge(s.targetTid(), 1, Integer::sum);
        if (sends == LIVELOCK_SENDS && settings.releaseIn(LIVELOCK_FROM, LIVELOCK_FIXED)
                && livelockReported.add(s.targetTid())) {
            Observation.SignalSent first = pendingSend.get(s.targetTid());
            sink.add(AnomalyId.PREEMPT_LIVELOCK_1_14_0, () -> new Violation(AnomalyId.PREEMPT_LIVELOCK_1_14_0,
                    AnomalyId.PREEMPT_LIVELOCK_1_14_0.severity(),
                    s.targetTid(), s.timeNs(), first == null ? List.of(s.ref()) : List.of(s.ref(), first.ref()),
                    sends + " tgkill(SIGURG) to thread " + s.targetTid() + " without a delivery in between: go1.14.0"
                            + " signals on every preemption request (no m.signalPending), the golang/go#37741"
                            + " livelock; fixed in go1.14.1"));
        }
        if (!target.post(SIGURG)) {
            Observation.SignalSent first = pendingSend.get(s.targetTid());
            boolean guardBroken = settings.profile().signalPendingGuard();
            sink.add(AnomalyId.SIGURG_COALESCED, () -> new Violation(AnomalyId.SIGURG_COALESCED,
                    guardBroken ? Severity.WARNING : Severity.INFO, s.targetTid(), s.timeNs(),
                    first == null ? List.of(s.ref()) : List.of(s.ref(), first.ref()),
                    "tgkill(SIGURG) from thread " + s.sender() + " to thread " + s.targetTid()
                            + " while an earlier SIGURG was still pending: the kernel merged the two"
                            + (guardBroken ? ", and " + settings.profile().label()
                                    + " should not have sent it while m.signalPending was set" : "")));
            return;
        }
        pendingSend.put(s.targetTid(), s);
        entriesSinceSend.put(s.targetTid(), 0);
    }

    void delivered(Observation.SignalDelivered d) {
        if (!SIGURG.equals(d.signal())) {
            thread(d.tid()).deliver(d.signal(), true);
            return;
        }
        if (!d.fromProcess()) {
            sink.add(AnomalyId.EXTERNAL_SIGURG, () -> new Violation(AnomalyId.EXTERNAL_SIGURG,
                    Severity.INFO, d.tid(), d.timeNs(), List.of(d.ref()),
                    "SIGURG delivered to thread " + d.tid() + " was not sent by the process itself: it is not"
                            + " runtime preemption, but " + (settings.profile().asyncPreemption()
                                    ? "the runtime still treats it as a preemption request" : "os/signal may see it")));
        }
        ThreadSignals t = thread(d.tid());
        Observation.SignalSent send = pendingSend.remove(d.tid());
        if (t.isPending(SIGURG) && send != null) {
            long latency = d.timeNs() - send.timeNs();
            if (latency > settings.deliveryLatencyNs()) {
                sink.add(AnomalyId.SIGNAL_DELIVERY_LATENCY, () -> new Violation(AnomalyId.SIGNAL_DELIVERY_LATENCY,
                        Severity.INFO, d.tid(), d.timeNs(),
                        List.of(d.ref(), send.ref()),
                        String.format(java.util.Locale.ROOT,
                                "SIGURG reached thread %d %.3f ms after thread %d sent it: the target was off the CPU"
                                        + " (descheduled, or under strace held by the tracer, which stops a thread at"
                                        + " each syscall and signal), since a running thread gets it at once",
                                d.tid(), latency / 1e6, send.sender())));
            }
        } else if (d.fromProcess()) {
            earlyDeliveries.put(d.tid(), d.timeNs());
        }
        t.deliver(SIGURG, true);
        entriesSinceSend.remove(d.tid());
        sendsSinceDelivery.remove(d.tid());
        storm(d);
    }

    void returned(Observation.SignalReturned r) {
        thread(r.tid()).handlerReturned();
    }

    /** A thread that enters the kernel twice after a send has run user code: the signal should be in. */
    void entered(Observation.SyscallEntered e) {
        Observation.SignalSent send = pendingSend.get(e.tid());
        if (send == null || e.timeNs() <= send.timeNs() + ORDERING_SLACK_NS || thread(e.tid()).inHandler()) {
            return;
        }
        int entries = entriesSinceSend.merge(e.tid(), 1, Integer::sum);
        if (entries == 2) {
            lost(send, e.ref(), " kept making syscalls after it was sent SIGURG, and the signal never arrived");
        }
    }

    void exited(Observation.ThreadExited x) {
        Observation.SignalSent send = pendingSend.get(x.tid());
        Integer entries = entriesSinceSend.get(x.tid());
        if (send != null && entries != null && entries > 0 && entries < 2) {
            lost(send, x.ref(), " ran and exited with a SIGURG still pending");
        }
        threads.remove(x.tid());
    }

    /** @param what what the target thread did meanwhile, following "thread TID" */
    private void lost(Observation.SignalSent send, long evidence, String what) {
        sink.add(AnomalyId.SIGURG_LOST, () -> new Violation(AnomalyId.SIGURG_LOST, AnomalyId.SIGURG_LOST.severity(),
                send.targetTid(), send.timeNs(), List.of(send.ref(), evidence), "thread " + send.targetTid() + what));
        pendingSend.remove(send.targetTid());
        entriesSinceSend.remove(send.targetTid());
    }

    private void storm(Observation.SignalDelivered d) {
        TimeWindow window = recentDeliveries.computeIfAbsent(d.tid(), k -> new TimeWindow());
        window.add(d.timeNs());
        // the window is (t − 100 ms, t]: a steady 1,000/s is the limit, not above it (§7 B11 says "> R1")
        window.dropThrough(d.timeNs() - STORM_WINDOW_NS);
        int threshold = Math.max(2, settings.stormPerSecondThread() / 10);
        if (window.size() > threshold && stormUntil.getOrDefault(d.tid(), Long.MIN_VALUE) < d.timeNs()) {
            stormUntil.put(d.tid(), d.timeNs() + STORM_WINDOW_NS);
            sink.add(AnomalyId.SIGURG_STORM, () -> new Violation(AnomalyId.SIGURG_STORM,
                    Severity.WARNING, d.tid(), d.timeNs(), List.of(d.ref()),
                    window.size() + " SIGURG deliveries to thread " + d.tid() + " within 100 ms (more than "
                            + settings.stormPerSecondThread() + "/s)"));
        }
    }

    void finish(CheckerSettings calibrated) {
        if (firstForbiddenSend != null && !calibrated.runtimeSendsSigurg()) {
            boolean apo = calibrated.asyncpreemptoff() && calibrated.profile().asyncPreemption();
            Observation.SignalSent s = firstForbiddenSend;
            AnomalyId id = apo ? AnomalyId.SIGURG_UNDER_ASYNCPREEMPTOFF : AnomalyId.SIGURG_IN_GO113;
            sink.add(id, () -> new Violation(id, id.severity(),
                    s.targetTid(), s.timeNs(), List.of(s.ref()),
                    forbiddenSends + " tgkill(SIGURG) sent by the process, first from thread " + s.sender()
                            + (apo ? ", although GODEBUG=asyncpreemptoff=1 stops the runtime sending any"
                                    : ", although " + calibrated.profile().label()
                                            + " never sends SIGURG itself: the version is wrong or user code sends it")));
        }
    }

    private ThreadSignals thread(int tid) {
        return threads.computeIfAbsent(tid, k -> new ThreadSignals());
    }
}
