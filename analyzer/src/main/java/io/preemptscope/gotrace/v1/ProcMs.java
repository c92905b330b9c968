package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.FakeP;
import io.preemptscope.gotrace.GoEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which runtime M runs each P, followed through the ordered stream: v1 events name their P but
 * not their M, and ProcStart (its argument) and ProcStop bracket the stretch an M holds a P. These
 * are the runtime's m ids, not kernel thread ids; the first events of a P, before its ProcStart,
 * have none.
 *
 * <p>One hand-over has no ProcStart: a goroutine back from a syscall takes back the P it left in
 * the syscall state, on its own M ({@code exitsyscallfast}, and {@code exitsyscallfast_reacquired}
 * writes GoSysBlock and a GoSysExit with ts 0 for it, go1.9–1.21 proc.go). The P's M is then the
 * M the goroutine entered the syscall on; a GoSysExit with a real time is the slow path, where
 * whichever M holds a P starts the goroutine.
 *
 * <p>Asked for every event, so the Ms sit in an array indexed by P: real P ids are small and dense
 * (0 to GOMAXPROCS-1), and a hash lookup per event cost more than a tenth of the decoding.
 */
final class ProcMs {
    private long[] mByP = newSlots(16);
    /** The M each goroutine entered its current syscall on. */
    private final Map<Long, Long> syscallM = new HashMap<>();
    /** Goroutines back from a syscall by the fast path, not yet started again, and their M. */
    private final Map<Long, Long> fastExits = new HashMap<>();

    /** The M of the event's P at that event, or {@link GoEvent#NONE}. */
    long mOf(V1Event e) {
        int p = e.p;
        EventType type = e.type;
        switch (type) {
            case GO_SYS_EXIT -> sysExit(e.args[0], e.args[2]);
            case GO_SYS_EXIT_LOCAL -> sysExit(e.args[0], e.args[1]);
            default -> { }
        }
        if (!FakeP.isReal(p)) {
            return GoEvent.NONE;
        }
        if ((type == EventType.GO_START || type == EventType.GO_START_LOCAL || type == EventType.GO_START_LABEL)
                && !fastExits.isEmpty() && p < mByP.length) {
            Long own = fastExits.remove(e.args[0]);
            if (own != null) {
                mByP[p] = own;
            }
        }
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
        if (type == EventType.GO_SYSCALL && m != GoEvent.NONE) {
            syscallM.put(e.g, m);
        }
        if (type == EventType.PROC_STOP) {
            mByP[p] = GoEvent.NONE;
        }
        return m;
    }

    private void sysExit(long g, long ts) {
        Long m = syscallM.remove(g);
        if (ts == 0 && m != null) {
            fastExits.put(g, m);
        } else {
            fastExits.remove(g);
        }
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
