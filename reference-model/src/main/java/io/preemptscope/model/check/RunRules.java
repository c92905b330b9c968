package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import java.util.List;
import java.util.Locale;

/** How long a thread ran user code unpreempted (preemption-model.md §1.9, §4.2). */
final class RunRules {
    private final CheckerSettings settings;
    private final ViolationSink sink;

    RunRules(CheckerSettings settings, ViolationSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    void ran(Observation.UserRun r) {
        long deadline = settings.preemptDeadlineNs();
        if (r.lengthNs() <= deadline) {
            return;
        }
        if (!settings.runtimeSendsSigurg()) {
            sink.add(new Violation(AnomalyId.COOP_STARVATION, AnomalyId.COOP_STARVATION.severity(), r.tid(),
                    r.timeNs(), List.of(r.ref()),
                    String.format(Locale.ROOT, "thread %d ran %.1f ms of user code without a syscall; with %s"
                                    + " only a function call can stop such a loop, so its P was held the whole time",
                            r.tid(), r.lengthNs() / 1e6,
                            settings.asyncpreemptoff() ? "asyncpreemptoff=1" : settings.profile().label())));
        } else if (r.sigurgSent() == 0) {
            sink.add(new Violation(AnomalyId.PREEMPT_LATENCY_EXCEEDED, AnomalyId.PREEMPT_LATENCY_EXCEEDED.severity(),
                    r.tid(), r.timeNs(), List.of(r.ref()),
                    String.format(Locale.ROOT, "thread %d ran %.1f ms of user code and no SIGURG was sent to it;"
                                    + " sysmon should have asked for preemption within %.1f ms",
                            r.tid(), r.lengthNs() / 1e6, deadline / 1e6)));
        }
    }
}
