package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.FakeP;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.util.IntMap;

/**
 * Which runtime M runs each P, followed through the ordered stream: v1 events name their P but
 * not their M, and ProcStart (its argument) and ProcStop bracket the stretch an M holds a P. These
 * are the runtime's m ids, not kernel thread ids; the first events of a P, before its ProcStart,
 * have none.
 */
final class ProcMs {
    private final IntMap<long[]> mByP = new IntMap<>();

    /** The M of the event's P at that event, or {@link GoEvent#NONE}. */
    long mOf(V1Event e) {
        if (!FakeP.isReal(e.p)) {
            return GoEvent.NONE;
        }
        long[] m = mByP.get(e.p);
        switch (e.type) {
            case PROC_START -> {
                if (m == null) {
                    m = new long[1];
                    mByP.put(e.p, m);
                }
                m[0] = e.args[0];
                return m[0];
            }
            case PROC_STOP -> {
                if (m == null) {
                    return GoEvent.NONE;
                }
                mByP.remove(e.p);
                return m[0];
            }
            default -> {
                return m == null ? GoEvent.NONE : m[0];
            }
        }
    }
}
