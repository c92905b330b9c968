package io.preemptscope.gotrace.v2;

import java.util.HashMap;
import java.util.Map;

/**
 * Replays the scheduler state the events imply (which thread holds which P and runs which G, and
 * each G's and P's status and sequence number) to put the per-thread streams into one valid order,
 * as Go's internal/trace ordering does. {@link #advance} says whether an event can happen now; an
 * event that can never be valid is an error whose text is Go's, so Go's FAILURE tests apply as is.
 */
final class Ordering {
    static final long NONE = -1;

    // Status values as the trace encodes them.
    static final int G_RUNNABLE = 1, G_RUNNING = 2, G_SYSCALL = 3, G_WAITING = 4;
    static final int P_RUNNING = 1, P_IDLE = 2, P_SYSCALL = 3, P_SYSCALL_ABANDONED = 4;

    /** A scheduling context: thread, P and G, each NONE when absent. */
    record Ctx(long m, long p, long g) {
        Ctx withP(long p) {
            return new Ctx(m, p, g);
        }

        Ctx withG(long g) {
            return new Ctx(m, p, g);
        }
    }

    /** Thrown for an event that contradicts the state; the message is Go's wording. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Sequence numbers only order events within one generation. */
    private record Seq(long gen, long n) {
        boolean succeeds(Seq old) {
            return gen == old.gen && n == old.n + 1;
        }
    }

    private static final class Resource {
        int status;
        Seq seq;

        Resource(int status, Seq seq) {
            this.status = status;
            this.seq = seq;
        }
    }

    private static final class Thread {
        long p = NONE;
        long g = NONE;
    }

    private final Map<Long, Resource> gs = new HashMap<>();
    private final Map<Long, Resource> ps = new HashMap<>();
    private final Map<Long, Thread> ms = new HashMap<>();
    private final java.util.Set<Long> activeTasks = new java.util.HashSet<>();
    private long initialGen;
    private long gcSeq;
    /** 0 undetermined, 1 not running, 2 running */
    private int gcState;

    /** The context the last advanced event happened in (before it changed anything). */
    Ctx emitted;

    /** True when the event can happen now; then the state has been updated and {@link #emitted} set. */
    boolean advance(RawEvent ev, long m, long gen, Generation g) throws Invalid {
        if (initialGen == 0) {
            initialGen = gen;
        }
        Thread t = null;
        Ctx cur;
        if (m == NONE) {
            cur = new Ctx(m, NONE, NONE);
        } else {
            t = ms.computeIfAbsent(m, k -> new Thread());
            cur = new Ctx(m, t.p, t.g);
        }
        emitted = cur;
        Ctx next = handle(ev, gen, g, cur);
        if (next != null && t != null) {
            t.p = next.p;
            t.g = next.g;
        }
        return next != null;
    }

    /** The new context of the thread, or null when the event cannot advance yet. */
    private Ctx handle(RawEvent ev, long gen, Generation g, Ctx cur) throws Invalid {
        String name = ev.type().displayName;
        switch (ev.type()) {
            case PROC_STATUS: return procStatus(ev, gen, cur);
            case PROC_START: {
                long p = ev.arg("p");
                Resource s = ps.get(p);
                if (s == null || s.status != P_IDLE || !new Seq(gen, ev.arg("p_seq")).succeeds(s.seq) || cur.p != NONE) {
                    return null;
                }
                require(cur, Req.MUST, Req.MUST_NOT, Req.MAY);
                s.status = P_RUNNING;
                s.seq = new Seq(gen, ev.arg("p_seq"));
                return cur.withP(p);
            }
            case PROC_STOP: {
                Resource s = ps.get(cur.p);
                if (s == null) {
                    throw new Invalid("event ProcStop for proc (" + cur.p + ") that doesn't exist");
                }
                if (s.status != P_RUNNING && s.status != P_SYSCALL) {
                    throw new Invalid("ProcStop event for proc that's not Running or Syscall");
                }
                require(cur, Req.MUST, Req.MUST, Req.MAY);
                s.status = P_IDLE;
                return cur.withP(NONE);
            }
            case PROC_STEAL: return procSteal(ev, gen, cur);
            case GO_STATUS, GO_STATUS_STACK: return goStatus(ev, gen, cur);
            case GO_CREATE, GO_CREATE_BLOCKED: {
                require(cur, Req.MUST, Req.MUST, Req.MAY);
                Resource r = gs.get(cur.g);
                if (r != null && r.status != G_RUNNING) {
                    throw new Invalid(name + " event for goroutine that's not Running");
                }
                long ng = ev.arg("new_g");
                if (gs.containsKey(ng)) {
                    throw new Invalid("tried to create goroutine (" + ng + ") that already exists");
                }
                gs.put(ng, new Resource(ev.type() == EventType.GO_CREATE ? G_RUNNABLE : G_WAITING, new Seq(gen, 0)));
                return cur;
            }
            case GO_CREATE_SYSCALL: {
                require(cur, Req.MUST, Req.MAY, Req.MUST_NOT);
                long ng = ev.arg("new_g");
                if (gs.containsKey(ng)) {
                    throw new Invalid("tried to create goroutine (" + ng + ") in syscall that already exists");
                }
                gs.put(ng, new Resource(G_SYSCALL, new Seq(gen, 0)));
                return cur.withG(ng);
            }
            case GO_START: {
                long id = ev.arg("g");
                Resource r = gs.get(id);
                if (r == null || r.status != G_RUNNABLE || !new Seq(gen, ev.arg("g_seq")).succeeds(r.seq)) {
                    return null;
                }
                require(cur, Req.MUST, Req.MUST, Req.MUST_NOT);
                r.status = G_RUNNING;
                r.seq = new Seq(gen, ev.arg("g_seq"));
                return cur.withG(id);
            }
            case GO_DESTROY, GO_STOP, GO_BLOCK: {
                Resource r = running(cur, name, G_RUNNING, "Running");
                if (ev.type() == EventType.GO_DESTROY) {
                    gs.remove(cur.g);
                } else {
                    r.status = ev.type() == EventType.GO_STOP ? G_RUNNABLE : G_WAITING;
                }
                return cur.withG(NONE);
            }
            case GO_UNBLOCK: {
                long id = ev.arg("g");
                Resource r = gs.get(id);
                if (r == null || r.status != G_WAITING || !new Seq(gen, ev.arg("g_seq")).succeeds(r.seq)) {
                    return null;
                }
                // Anything can unblock a goroutine (sysmon, a timer), so the context is not checked.
                r.status = G_RUNNABLE;
                r.seq = new Seq(gen, ev.arg("g_seq"));
                return cur;
            }
            case GO_SWITCH, GO_SWITCH_DESTROY: {
                Resource r = running(cur, name, G_RUNNING, "Running");
                long id = ev.arg("g");
                Resource nextG = gs.get(id);
                if (nextG == null || nextG.status != G_WAITING || !new Seq(gen, ev.arg("g_seq")).succeeds(nextG.seq)) {
                    return null;
                }
                if (ev.type() == EventType.GO_SWITCH) {
                    r.status = G_WAITING;
                } else {
                    gs.remove(cur.g);
                }
                nextG.status = G_RUNNING;
                nextG.seq = new Seq(gen, ev.arg("g_seq"));
                return cur.withG(id);
            }
            case GO_SYSCALL_BEGIN: {
                Resource r = running(cur, name, G_RUNNING, "Running");
                r.status = G_SYSCALL;
                Resource p = ps.get(cur.p);
                if (p == null) {
                    throw new Invalid("uninitialized proc " + cur.p + " found during GoSyscallBegin");
                }
                p.status = P_SYSCALL;
                Seq seq = new Seq(gen, ev.arg("p_seq"));
                if (!seq.succeeds(p.seq)) {
                    throw new Invalid("failed to advance GoSyscallBegin: can't make sequence: " + p.seq.n + " -> "
                            + seq.n);
                }
                p.seq = seq;
                return cur;
            }
            case GO_SYSCALL_END: {
                Resource r = running(cur, name, G_SYSCALL, "Syscall");
                r.status = G_RUNNING;
                Resource p = ps.get(cur.p);
                if (p == null) {
                    throw new Invalid("uninitialized proc " + cur.p + " found during GoSyscallEnd");
                }
                if (p.status != P_SYSCALL) {
                    throw new Invalid("expected proc " + cur.p + " in state Syscall, but got " + p.status + " instead");
                }
                p.status = P_RUNNING;
                return cur;
            }
            case GO_SYSCALL_END_BLOCKED: {
                if (cur.p != NONE) {
                    Resource p = ps.get(cur.p);
                    if (p == null) {
                        throw new Invalid("uninitialized proc " + cur.p + " found during GoSyscallEndBlocked");
                    }
                    if (p.status == P_SYSCALL) {
                        return null; // it will lose that P first (ProcSteal on another thread)
                    }
                }
                require(cur, Req.MUST, Req.MAY, Req.MUST);
                Resource r = gs.get(cur.g);
                if (r == null || r.status != G_SYSCALL) {
                    throw new Invalid(r == null ? "event GoSyscallEndBlocked for goroutine (" + cur.g
                            + ") that doesn't exist" : "GoSyscallEndBlocked event for goroutine that's not Syscall");
                }
                r.status = G_RUNNABLE;
                return cur.withG(NONE);
            }
            case GO_DESTROY_SYSCALL: {
                require(cur, Req.MUST, Req.MAY, Req.MUST);
                Resource r = gs.get(cur.g);
                if (r == null || r.status != G_SYSCALL) {
                    throw new Invalid(r == null ? "event GoDestroySyscall for goroutine (" + cur.g
                            + ") that doesn't exist" : "GoDestroySyscall event for goroutine that's not Syscall");
                }
                gs.remove(cur.g);
                Ctx next = cur.withG(NONE);
                if (cur.p != NONE) {
                    // The thread may be reused by another C caller: the P it held is left in the syscall.
                    Resource p = ps.get(cur.p);
                    if (p == null || p.status != P_SYSCALL) {
                        throw new Invalid("expected proc " + cur.p + " in state Syscall for GoDestroySyscall");
                    }
                    p.status = P_SYSCALL_ABANDONED;
                    next = next.withP(NONE);
                }
                return next;
            }
            case GC_ACTIVE: {
                long seq = ev.arg("gc_seq");
                if (gen == initialGen) {
                    if (gcState != 0) {
                        throw new Invalid("GCActive in the first generation isn't first GC event");
                    }
                    gcSeq = seq;
                    gcState = 2;
                    return cur;
                }
                if (seq != gcSeq + 1) {
                    return null;
                }
                if (gcState != 2) {
                    throw new Invalid("encountered GCActive while GC was not in progress");
                }
                gcSeq = seq;
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                return cur;
            }
            case GC_BEGIN: {
                long seq = ev.arg("gc_seq");
                if (gcState == 0) {
                    gcSeq = seq;
                    gcState = 2;
                    return cur;
                }
                if (seq != gcSeq + 1) {
                    return null;
                }
                if (gcState == 2) {
                    throw new Invalid("encountered GCBegin while GC was already in progress");
                }
                gcSeq = seq;
                gcState = 2;
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                return cur;
            }
            case GC_END: {
                long seq = ev.arg("gc_seq");
                if (seq != gcSeq + 1) {
                    return null;
                }
                if (gcState != 2) {
                    throw new Invalid(gcState == 1 ? "encountered GCEnd when GC was not in progress"
                            : "encountered GCEnd when GC was in an undetermined state");
                }
                gcSeq = seq;
                gcState = 1;
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                return cur;
            }
            case GC_SWEEP_ACTIVE: {
                if (!ps.containsKey(ev.arg("p"))) {
                    throw new Invalid("encountered GCSweepActive for unknown proc " + ev.arg("p"));
                }
                return cur;
            }
            case GC_MARK_ASSIST_ACTIVE: {
                if (!gs.containsKey(ev.arg("g"))) {
                    throw new Invalid("uninitialized goroutine " + ev.arg("g") + " found during GCMarkAssistActive");
                }
                return cur;
            }
            case HEAP_ALLOC, HEAP_GOAL, GC_SWEEP_BEGIN, GC_SWEEP_END: {
                require(cur, Req.MUST, Req.MUST, Req.MAY);
                return cur;
            }
            case USER_TASK_BEGIN: {
                long id = ev.arg("task");
                if (!activeTasks.add(id)) {
                    throw new Invalid("task ID conflict: " + id);
                }
                stringOf(ev, "name_string", g);
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                return cur;
            }
            case USER_TASK_END: {
                activeTasks.remove(ev.arg("task"));
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                return cur;
            }
            case USER_REGION_BEGIN, USER_REGION_END: {
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                stringOf(ev, "name_string", g);
                if (!gs.containsKey(cur.g)) {
                    throw new Invalid("encountered " + name + " without known state for current goroutine " + cur.g);
                }
                return cur;
            }
            case STW_BEGIN, STW_END, GC_MARK_ASSIST_BEGIN, GC_MARK_ASSIST_END: {
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                if (!gs.containsKey(cur.g)) {
                    throw new Invalid("encountered event of type " + ev.type().code
                            + " without known state for current goroutine " + cur.g);
                }
                return cur;
            }
            case PROCS_CHANGE, GO_LABEL, USER_LOG: {
                require(cur, Req.MUST, Req.MUST, Req.MUST);
                return cur;
            }
            case CLOCK_SNAPSHOT: return cur;
            default:
                throw new Invalid("bad event type found while ordering: " + name);
        }
    }

    private Ctx procStatus(RawEvent ev, long gen, Ctx cur) throws Invalid {
        long p = ev.arg("p");
        long status = ev.arg("pstatus");
        if (status < P_RUNNING || status > P_SYSCALL_ABANDONED) {
            throw new Invalid("invalid status for proc " + p + ": " + status);
        }
        Resource s = ps.get(p);
        if (s != null) {
            boolean abandoned = status == P_SYSCALL_ABANDONED;
            if (abandoned && s.status == P_SYSCALL) {
                // Nothing was lost: the P is still known to be in its syscall.
                status = P_SYSCALL;
            } else if (!(abandoned && s.status == P_SYSCALL_ABANDONED) && s.status != status) {
                throw new Invalid("inconsistent status for proc " + p + ": old " + s.status + " vs. new " + status);
            }
            s.seq = new Seq(gen, 0);
        } else {
            ps.put(p, new Resource((int) status, new Seq(gen, 0)));
        }
        Ctx next = cur;
        if (status == P_RUNNING || status == P_SYSCALL) {
            next = cur.withP(p);
        }
        return next;
    }

    private Ctx procSteal(RawEvent ev, long gen, Ctx cur) throws Invalid {
        long p = ev.arg("p");
        Seq seq = new Seq(gen, ev.arg("p_seq"));
        Resource s = ps.get(p);
        if (s == null || (s.status != P_SYSCALL && s.status != P_SYSCALL_ABANDONED) || !seq.succeeds(s.seq)) {
            return null;
        }
        require(cur, Req.MUST, Req.MAY, Req.MAY);
        int old = s.status;
        s.status = P_IDLE;
        s.seq = seq;
        if (old == P_SYSCALL_ABANDONED) {
            return cur;
        }
        long victim = ev.arg("m");
        if (victim == cur.m) {
            if (cur.p != p) {
                throw new Invalid("tried to self-steal proc " + p + " (thread " + victim + "), but got proc " + cur.p
                        + " instead");
            }
            return cur.withP(NONE);
        }
        Thread t = ms.get(victim);
        if (t == null) {
            throw new Invalid("stole proc from non-existent thread " + victim);
        }
        if (t.p != p) {
            throw new Invalid("tried to steal proc " + p + " from thread " + victim + ", but got proc " + t.p
                    + " instead");
        }
        t.p = NONE;
        return cur;
    }

    private Ctx goStatus(RawEvent ev, long gen, Ctx cur) throws Invalid {
        long id = ev.arg("g");
        long m = ev.arg("m");
        long status = ev.arg("gstatus");
        if (status < G_RUNNABLE || status > G_WAITING) {
            throw new Invalid("invalid status for goroutine " + id + ": " + status);
        }
        Resource s = gs.get(id);
        if (s != null) {
            if (s.status != status) {
                throw new Invalid("inconsistent status for goroutine " + id + ": old " + s.status + " vs. new "
                        + status);
            }
            s.seq = new Seq(gen, 0);
        } else if (gen == initialGen) {
            gs.put(id, new Resource((int) status, new Seq(gen, 0)));
        } else {
            throw new Invalid("found goroutine status for new goroutine after the first generation: id=" + id
                    + " status=" + status);
        }
        if (status == G_RUNNING) {
            return cur.withG(id);
        }
        if (status == G_SYSCALL) {
            if (m == NONE) {
                throw new Invalid("found goroutine " + id + " in syscall without a thread");
            }
            if (m == cur.m) {
                if (gen != initialGen && cur.g != id) {
                    throw new Invalid("inconsistent thread for syscalling goroutine " + id + ": thread has goroutine "
                            + cur.g);
                }
                return cur.withG(id);
            }
            // A goroutine sitting in a syscall on another thread for the whole generation.
            Thread t = ms.get(m);
            if (t != null && t.g != id) {
                throw new Invalid("inconsistent thread for syscalling goroutine " + id + ": thread has goroutine "
                        + t.g);
            }
            if (t == null) {
                t = new Thread();
                t.g = id;
                ms.put(m, t);
            }
            emitted = new Ctx(m, NONE, t.g);
        }
        return cur;
    }

    private Resource running(Ctx cur, String name, int status, String statusName) throws Invalid {
        require(cur, Req.MUST, Req.MUST, Req.MUST);
        Resource r = gs.get(cur.g);
        if (r == null) {
            throw new Invalid("event " + name + " for goroutine (" + cur.g + ") that doesn't exist");
        }
        if (r.status != status) {
            throw new Invalid(name + " event for goroutine that's not " + statusName);
        }
        return r;
    }

    private static void stringOf(RawEvent ev, String arg, Generation g) throws Invalid {
        if (g.string(ev.arg(arg)) == null) {
            throw new Invalid("invalid string ID " + ev.arg(arg) + " for " + ev.type().displayName + " event");
        }
    }

    private enum Req { MUST, MUST_NOT, MAY }

    private static void require(Ctx c, Req thread, Req proc, Req goroutine) throws Invalid {
        check(thread, c.m, "thread");
        check(proc, c.p, "proc");
        check(goroutine, c.g, "goroutine");
    }

    private static void check(Req r, long v, String what) throws Invalid {
        if (r == Req.MUST && v == NONE) {
            throw new Invalid("expected a " + what + " but didn't have one");
        }
        if (r == Req.MUST_NOT && v != NONE) {
            throw new Invalid("expected no " + what + " but had one");
        }
    }
}
