package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.sysmon.SysmonSchedule;
import java.util.List;

/** sysmon's sleep schedule (preemption-model.md §1.2–1.4) against the sleeps a capture shows. */
final class SysmonRules {
    private final ViolationSink sink;
    private Observation.SysmonSlept previous;
    private int minDelayRun;
    private Observation.SysmonSlept firstBreak;
    private String firstReason;
    private int breaks;

    SysmonRules(ViolationSink sink) {
        this.sink = sink;
    }

    void slept(Observation.SysmonSlept s) {
        String reason = null;
        if (!SysmonSchedule.isScheduleDelay(s.requestedNs())) {
            reason = "sysmon slept " + s.requestedNs() / 1000 + " µs, which is not 20 µs doubled or the 10 ms cap";
        } else if (previous != null && !SysmonSchedule.isPossibleSuccessor(previous.requestedNs(), s.requestedNs())) {
            reason = "sysmon went from " + previous.requestedNs() / 1000 + " µs to " + s.requestedNs() / 1000
                    + " µs; it may only keep its delay, double it or restart at 20 µs";
        } else if (previous != null && s.requestedNs() == 2 * SysmonConstants.MIN_DELAY_NS
                && previous.requestedNs() == SysmonConstants.MIN_DELAY_NS
                && minDelayRun < SysmonConstants.IDLE_ROUNDS_BEFORE_DOUBLING + 1) {
            reason = "sysmon doubled its delay after " + minDelayRun + " sleeps of 20 µs instead of 51";
        }
        if (reason != null) {
            if (firstBreak == null) {
                firstBreak = s;
                firstReason = reason;
            }
            breaks++;
        }
        minDelayRun = s.requestedNs() == SysmonConstants.MIN_DELAY_NS ? minDelayRun + 1 : 0;
        previous = s;
    }

    void finish() {
        if (firstBreak != null) {
            sink.add(new Violation(AnomalyId.SYSMON_SCHEDULE_VIOLATION, AnomalyId.SYSMON_SCHEDULE_VIOLATION.severity(),
                    firstBreak.tid(), firstBreak.timeNs(), List.of(firstBreak.ref()),
                    firstReason + (breaks > 1 ? " (" + breaks + " breaks of the schedule in all)" : "")));
        }
    }
}
