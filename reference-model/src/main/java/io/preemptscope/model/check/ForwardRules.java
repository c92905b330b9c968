package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import java.util.List;

/**
 * Signal proxies (preemption-model.md §3.2, §7 B15): the runtime offers every SIGURG to
 * signal.Notify, so a program that relays the signals it gets to a child relays preemption
 * signals too (golang/go#37942; podman#5496, docker/cli#2929).
 */
final class ForwardRules {
    private static final String SIGURG = "SIGURG";
    /** A relay follows the signal it relays within this time, even under strace. */
    static final long FORWARD_WINDOW_NS = 100_000_000L;

    private final ViolationSink sink;
    private Observation.SignalDelivered lastReceived;
    private boolean reported;

    ForwardRules(ViolationSink sink) {
        this.sink = sink;
    }

    void delivered(Observation.SignalDelivered d) {
        if (SIGURG.equals(d.signal())) {
            lastReceived = d;
        }
    }

    void sentOut(Observation.SignalSentOut s) {
        if (reported || !SIGURG.equals(s.signal()) || lastReceived == null
                || s.timeNs() - lastReceived.timeNs() > FORWARD_WINDOW_NS) {
            return;
        }
        // one finding: a proxy relays every SIGURG, and the first shows the pattern
        reported = true;
        sink.add(AnomalyId.SIGURG_FORWARDED, () -> new Violation(AnomalyId.SIGURG_FORWARDED,
                AnomalyId.SIGURG_FORWARDED.severity(), s.sender(),
                s.timeNs(), List.of(s.ref(), lastReceived.ref()),
                "thread " + s.sender() + " sent SIGURG to process " + s.targetPid() + " right after thread "
                        + lastReceived.tid() + " received one: a signal relay is forwarding runtime preemption"
                        + " signals (filter SIGURG out of signal.Notify)"));
    }
}
