package io.preemptscope.analysis;

import io.preemptscope.model.check.Observation;
import io.preemptscope.model.sysmon.SysmonConstants;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the sysmon thread by its fingerprint (preemption-model.md §1.3): the thread whose
 * nanosleeps open with 20 µs, several in a row (or, where only their lengths are known, short ones). Sleeps seen before the thread is known are held
 * back (a few per thread) and passed on once it is, so the schedule is judged from its start.
 */
final class SysmonFinder {
    private static final int FINGERPRINT = 3;
    private static final int HELD_PER_THREAD = 8;
    /**
     * A 20 µs request sleeps 20 µs plus the 50 µs timer slack and a wakeup; with the request
     * unseen (perf), sleeps this short, several in a row, are the fingerprint.
     */
    static final long SHORT_SLEEP_NS = 1_000_000L;

    private final Consumer<Observation> sink;
    private final Map<Integer, ArrayDeque<Observation.SysmonSlept>> held = new HashMap<>();
    private int sysmonTid = -1;

    SysmonFinder(Consumer<Observation> sink) {
        this.sink = sink;
    }

    int tid() {
        return sysmonTid;
    }

    /** Whether a sleep of this thread can still be sysmon's: once sysmon is known, others' are dropped unread. */
    boolean mayBeSysmon(int tid) {
        return sysmonTid < 0 || sysmonTid == tid;
    }

    private static boolean fingerprint(Observation.SysmonSlept s) {
        return s.requestKnown() ? s.requestedNs() == SysmonConstants.MIN_DELAY_NS
                : s.actualNs() >= SysmonConstants.MIN_DELAY_NS && s.actualNs() < SHORT_SLEEP_NS;
    }

    /**
     * A nanosleep; returns the sleeps now known to be sysmon's: this one, or, when this one
     * completes the fingerprint, the ones held back with it; none otherwise.
     */
    List<Observation.SysmonSlept> sleep(Observation.SysmonSlept s) {
        if (sysmonTid == s.tid()) {
            sink.accept(s);
            return List.of(s);
        }
        if (sysmonTid >= 0) {
            return List.of();
        }
        ArrayDeque<Observation.SysmonSlept> mine = held.computeIfAbsent(s.tid(), k -> new ArrayDeque<>());
        if (!fingerprint(s)) {
            mine.clear();
            return List.of();
        }
        mine.addLast(s);
        if (mine.size() > HELD_PER_THREAD) {
            mine.pollFirst();
        }
        if (mine.size() >= FINGERPRINT) {
            sysmonTid = s.tid();
            List<Observation.SysmonSlept> first = new ArrayList<>(mine);
            held.clear();
            first.forEach(sink);
            return first;
        }
        return List.of();
    }
}
