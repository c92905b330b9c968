package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.FakeP;
import io.preemptscope.gotrace.GoEvent;
import java.util.Arrays;

/**
 * Which runtime M runs each P, followed through the ordered stream: v1 events name their P but
 * not their M, and ProcStart (its argument) and ProcStop bracket the stretch an M holds a P. These
 * are the runtime's m ids, not kernel thread ids; the first events of a P, before its ProcStart,
 * have none.
 *
 * <p>Asked for every event, so the Ms sit in an array indexed by P: real P ids are small and dense
 * (0 to GOMAXPROCS-1), and a hash lookup per event cost more than a tenth of the decoding.
 */
final class ProcMs {
    private long[] mByP = newSlots(16);

    /** The M of the event's P at that event, or {@link GoEvent#NONE}. */
    long mOf(V1Event e) {
        int p = e.p;
        if (!FakeP.isReal(p)) {
            return GoEvent.NONE;
        }
        EventType type = e.type;
        if (type == EventType.PROC_START) {
            if (p >= mByP.length) {
                grow(p);
            }
            mByP[p] = e.args[0];
            return mByP[p];
        }
        if (p >= mByP.length) {
            return GoEvent.NONE;
        }
        long m = mByP[p];
        if (type == EventType.PROC_STOP) {
            mByP[p] = GoEvent.NONE;
        }
        return m;
    }

    private void grow(int p) {
        long[] larger = newSlots(Math.max(p + 1, mByP.length * 2));
        System.arraycopy(mByP, 0, larger, 0, mByP.length);
        mByP = larger;
    }

    private static long[] newSlots(int n) {
        long[] slots = new long[n];
        Arrays.fill(slots, GoEvent.NONE);
        return slots;
    }
}
