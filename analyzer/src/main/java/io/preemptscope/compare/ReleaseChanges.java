package io.preemptscope.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Differences between two sides that come from the Go release rather than from preemption, said
 * as such instead of being counted as regressions.
 */
final class ReleaseChanges {
    /** What moving timers onto the Ps (Go 1.14) changes in what the analysis reads of sysmon. */
    static final Set<String> TIMER_FINDINGS = Set.of("SYSMON_STALL", "SYSMON_SCHEDULE_VIOLATION");

    private ReleaseChanges() {}

    /** Baseline at Go 1.13 or older, candidate at 1.14 or newer: real builds of both releases. */
    static boolean crossesTimerMove(SideFigures b, SideFigures c) {
        return b.releaseMinor() >= 0 && b.releaseMinor() <= 13 && c.releaseMinor() >= 14;
    }

    static List<String> notes(SideFigures b, SideFigures c, String baseVersion, String candVersion) {
        List<String> notes = new ArrayList<>();
        if (crossesTimerMove(b, c)) {
            notes.add("release change, not preemption: Go 1.14 moved timers from the timer goroutine onto the Ps"
                    + " (the baseline's TimerGoroutine and its futex wakeups are gone, and sysmon's deep sleep is"
                    + " bounded by the next timer), so sysmon's sleeps, thread counts and SYSMON_STALL differ by"
                    + " release; those differences are not counted as regressions");
        } else if (b.releaseMinor() >= 14 && b.releaseMinor() == c.releaseMinor() && baseVersion.equals(candVersion)) {
            notes.add("both sides run " + baseVersion + ": the differences are those of the async preemption setting"
                    + " and of the runs themselves, not of the release");
        }
        return notes;
    }
}
