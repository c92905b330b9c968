package io.preemptscope.gotrace;

import io.preemptscope.util.IntMap;

/**
 * Which runtime M runs each P, followed through an ordered v1 stream: v1 events name their P but
 * not their M, and ProcStart (its argument) and ProcStop bracket the stretch an M holds a P. These
 * are the runtime's m ids, not kernel thread ids; the first events of a P, before its ProcStart,
 * have none.
 */
public final class ProcMs {
    /** No M is known for the event. */
    public static final long UNKNOWN = -1;

    private final IntMap<long[]> mByP = new IntMap<>();

    /** The M of the event's P at that event, or {@link #UNKNOWN}. */
    public long mOf(GoEvent e) {
        if (!FakeP.isReal(e.p())) {
            return UNKNOWN;
        }
        long[] m = mByP.get(e.p());
        switch (e.type()) {
            case "ProcStart" -> {
                if (m == null) {
                    m = new long[1];
                    mByP.put(e.p(), m);
                }
                m[0] = e.arg("thread");
                return m[0];
            }
            case "ProcStop" -> {
                if (m == null) {
                    return UNKNOWN;
                }
                mByP.remove(e.p());
                return m[0];
            }
            default -> {
                return m == null ? UNKNOWN : m[0];
            }
        }
    }
}
