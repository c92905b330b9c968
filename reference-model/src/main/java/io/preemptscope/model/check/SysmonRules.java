package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.sysmon.SysmonSchedule;
import io.preemptscope.model.version.DeepSleepReset;
import java.util.List;

/** sysmon's sleep schedule (preemption-model.md §1.2–1.4) against the sleeps a capture shows. */
final class SysmonRules {
    private final CheckerSettings settings;
    private final ViolationSink sink;
    private Observation.SysmonSlept previous;
    private int minDelayRun;
    private Observation.SysmonDeepSlept deepSleep;
    private Observation.SysmonSlept firstBreak;
    private String firstReason;
    private int breaks;

    SysmonRules(CheckerSettings settings, ViolationSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    /**
     * A deep sleep resets the schedule (idle = 0, delay = 20 µs) after that round's own sleep, so
     * the run of 20 µs sleeps that follows has 50, not 51; from go1.16 only a wakeup resets it.
     */
    /** The sysmon thread, as the observations name it; -1 before its first sleep. */
    int tid() {
        return previous == null ? -1 : previous.tid();
    }

    void deepSlept(Observation.SysmonDeepSlept d) {
        deepSleep = d;
    }

    /**
     * A reset by retake gives 51 sleeps of 20 µs before the first 40 µs one; a reset by a deep
     * sleep gives 50, as it comes after that round's own sleep. A deep sleep can be invisible in
     * strace: when sysmon is woken before it sleeps, notetsleep returns at once without a futex
     * call (go1.19 proc.go sysmon). So only fewer than 50 is a break of the schedule.
     */
    void slept(Observation.SysmonSlept s) {
        if (!s.requestKnown()) {
            // the schedule is a rule about requests; a sleep's length alone cannot break it
            deepSleep = null;
            return;
        }
        String reason = null;
        if (deepSleep != null) {
            boolean reset = settings.profile().deepSleepReset() != DeepSleepReset.ONLY_ON_SYSCALL_WAKE || deepSleep.woken();
            deepSleep = null;
            if (reset) {
                minDelayRun = 1;
                if (s.requestedNs() != SysmonConstants.MIN_DELAY_NS) {
                    reason = "after a deep sleep sysmon must restart at 20 µs but slept " + s.requestedNs() / 1000 + " µs";
                }
                record(s, reason);
                previous = s;
                minDelayRun++;
                return;
            }
        }
        if (!SysmonSchedule.isScheduleDelay(s.requestedNs())) {
            reason = "sysmon slept " + s.requestedNs() / 1000 + " µs, which is not 20 µs doubled or the 10 ms cap";
        } else if (previous != null && !SysmonSchedule.isPossibleSuccessor(previous.requestedNs(), s.requestedNs())) {
            reason = "sysmon went from " + previous.requestedNs() / 1000 + " µs to " + s.requestedNs() / 1000
                    + " µs; it may only keep its delay, double it or restart at 20 µs";
        } else if (previous != null && s.requestedNs() == 2 * SysmonConstants.MIN_DELAY_NS
                && previous.requestedNs() == SysmonConstants.MIN_DELAY_NS
                && minDelayRun < SysmonConstants.IDLE_ROUNDS_BEFORE_DOUBLING) {
            reason = "sysmon doubled its delay after " + minDelayRun + " sleeps of 20 µs instead of at least 50";
        }
        record(s, reason);
        minDelayRun = s.requestedNs() == SysmonConstants.MIN_DELAY_NS ? minDelayRun + 1 : 0;
        previous = s;
    }

    private void record(Observation.SysmonSlept s, String reason) {
        if (reason != null) {
            if (firstBreak == null) {
                firstBreak = s;
                firstReason = reason;
            }
            breaks++;
        }
    }

    void finish() {
        if (firstBreak != null) {
            sink.add(AnomalyId.SYSMON_SCHEDULE_VIOLATION, () -> new Violation(AnomalyId.SYSMON_SCHEDULE_VIOLATION,
                    AnomalyId.SYSMON_SCHEDULE_VIOLATION.severity(),
                    firstBreak.tid(), firstBreak.timeNs(), List.of(firstBreak.ref()),
                    firstReason + (breaks > 1 ? " (" + breaks + " breaks of the schedule in all)" : "")));
        }
    }
}
