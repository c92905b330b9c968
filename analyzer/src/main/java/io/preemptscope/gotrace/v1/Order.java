package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.util.LongMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the per-P event streams into one the way go1.19's order.go does. Timestamps of different
 * CPUs may disagree, so the merge trusts the goroutines' sequence numbers first: an event is merged
 * only once the state it starts from has been reached, and among the ready ones the earliest wins.
 */
final class Order {
    private static final int DEAD = 0;
    private static final int RUNNABLE = 1;
    private static final int RUNNING = 2;
    private static final int WAITING = 3;

    /** Key of events with no ordering constraint; also "no sequence required" (Go's ^0). */
    private static final long UNORDERED = -1L;
    private static final long NOSEQ = -1L;
    /** Key of GC events, which are ordered among themselves; also "seq + 1" (Go's ^0 - 1). */
    private static final long GARBAGE = -2L;
    private static final long SEQINC = -2L;

    /** What Go calls the sink of the merge: every event, once, in merged order. */
    interface Sink {
        void accept(V1Event ev) throws GoTraceFormatException;
    }

    /** A goroutine's position in its state machine. */
    private static final class GState {
        long seq;
        int status;
    }

    /**
     * A P's head event waiting in the frontier, with the state it needs (init) and leaves (next).
     * Each cursor has at most one event in the frontier, so each owns one reusable candidate.
     */
    private static final class Candidate {
        final int cursor;
        V1Event ev;
        long g;
        long initSeq;
        int initStatus;
        long nextSeq;
        int nextStatus;

        Candidate(int cursor) {
            this.cursor = cursor;
        }
    }

    private Order() {}

    static void order1007(List<EventCursor> cursors, Sink sink) throws GoTraceFormatException {
        int n = cursors.size();
        Candidate[] own = new Candidate[n];
        boolean[] selected = new boolean[n];
        for (int i = 0; i < n; i++) {
            own[i] = new Candidate(i);
        }
        LongMap<GState> gs = new LongMap<>();
        Candidate[] frontier = new Candidate[n];
        int size = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                if (selected[i]) {
                    continue;
                }
                V1Event ev = cursors.get(i).peek();
                if (ev == null) {
                    continue;
                }
                Candidate c = own[i];
                transition(ev, c);
                if (!ready(c.g, gs.get(c.g), c.initSeq, c.initStatus)) {
                    continue;
                }
                frontier[size++] = c;
                cursors.get(i).pop();
                selected[i] = true;
                // Local variants only exist to help ordering.
                switch (ev.type) {
                    case GO_START_LOCAL -> ev.type = EventType.GO_START;
                    case GO_UNBLOCK_LOCAL -> ev.type = EventType.GO_UNBLOCK;
                    case GO_SYS_EXIT_LOCAL -> ev.type = EventType.GO_SYS_EXIT;
                    default -> { }
                }
            }
            if (size == 0) {
                if (anyLeft(cursors)) {
                    throw stuck(cursors);
                }
                return;
            }
            sortByTime(frontier, size);
            // Go's swap-remove of the head: the next round's stable sort starts from this order.
            Candidate f = frontier[0];
            frontier[0] = frontier[size - 1];
            frontier[--size] = null;
            apply(gs, f);
            selected[f.cursor] = false;
            sink.accept(f.ev);
        }
    }

    /** Stable insertion sort, as Go's sort does on frontiers this small (one entry per P). */
    private static void sortByTime(Candidate[] a, int size) {
        for (int i = 1; i < size; i++) {
            Candidate c = a[i];
            int j = i - 1;
            while (j >= 0 && a[j].ev.ts > c.ev.ts) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = c;
        }
    }

    /** Go 1.5/1.6: one global sequence number orders everything. */
    static List<V1Event> order1005(List<EventCursor> cursors) throws GoTraceFormatException {
        List<V1Event> events = new ArrayList<>();
        for (EventCursor c : cursors) {
            for (V1Event ev = c.peek(); ev != null; ev = c.peek()) {
                events.add(ev);
                c.pop();
            }
        }
        for (V1Event ev : events) {
            if (ev.type == EventType.GO_SYS_EXIT) {
                // Emitted late, once the thread has a P again: use the real sequence and time.
                ev.seq = ev.args[1];
                if (ev.args[2] != 0) {
                    ev.ts = ev.args[2];
                }
            }
        }
        events.sort((x, y) -> Long.compare(x.seq, y.seq));
        TimeOrder check = new TimeOrder();
        for (V1Event ev : events) {
            check.accept(ev);
        }
        return events;
    }

    private static boolean anyLeft(List<EventCursor> cursors) throws GoTraceFormatException {
        for (EventCursor c : cursors) {
            if (c.peek() != null) {
                return true;
            }
        }
        return false;
    }

    private static GoTraceFormatException stuck(List<EventCursor> cursors) throws GoTraceFormatException {
        V1Event first = null;
        for (EventCursor c : cursors) {
            V1Event e = c.peek();
            if (e != null && (first == null || e.offset < first.offset)) {
                first = e;
            }
        }
        return new GoTraceFormatException(first == null ? -1 : first.offset,
                "no consistent ordering of events possible: no P's next event has its goroutine in the expected state");
    }

    /** The goroutine state an event needs (init) and leaves behind (next); Go's stateTransition. */
    private static void transition(V1Event ev, Candidate c) {
        c.ev = ev;
        switch (ev.type) {
            case GO_CREATE -> set(c, ev.args[0], 0, DEAD, 1, RUNNABLE);
            case GO_WAITING, GO_IN_SYSCALL -> set(c, ev.g, 1, RUNNABLE, 2, WAITING);
            case GO_START, GO_START_LABEL -> set(c, ev.g, ev.args[1], RUNNABLE, ev.args[1] + 1, RUNNING);
            // Local: emitted on the P of the event that made it ready, so that one is merged already.
            case GO_START_LOCAL -> set(c, ev.g, NOSEQ, RUNNABLE, SEQINC, RUNNING);
            case GO_BLOCK, GO_BLOCK_SEND, GO_BLOCK_RECV, GO_BLOCK_SELECT, GO_BLOCK_SYNC, GO_BLOCK_COND,
                    GO_BLOCK_NET, GO_SLEEP, GO_SYS_BLOCK, GO_BLOCK_GC -> set(c, ev.g, NOSEQ, RUNNING, NOSEQ, WAITING);
            case GO_SCHED, GO_PREEMPT -> set(c, ev.g, NOSEQ, RUNNING, NOSEQ, RUNNABLE);
            case GO_UNBLOCK, GO_SYS_EXIT -> set(c, ev.args[0], ev.args[1], WAITING, ev.args[1] + 1, RUNNABLE);
            case GO_UNBLOCK_LOCAL, GO_SYS_EXIT_LOCAL -> set(c, ev.args[0], NOSEQ, WAITING, SEQINC, RUNNABLE);
            case GC_START -> set(c, GARBAGE, ev.args[0], DEAD, ev.args[0] + 1, DEAD);
            default -> set(c, UNORDERED, 0, DEAD, 0, DEAD);
        }
    }

    private static void set(Candidate c, long g, long initSeq, int initStatus, long nextSeq, int nextStatus) {
        c.g = g;
        c.initSeq = initSeq;
        c.initStatus = initStatus;
        c.nextSeq = nextSeq;
        c.nextStatus = nextStatus;
    }

    /** A goroutine never seen is at sequence 0, dead. */
    private static boolean ready(long g, GState curr, long initSeq, int initStatus) {
        if (g == UNORDERED) {
            return true;
        }
        long seq = curr == null ? 0 : curr.seq;
        int status = curr == null ? DEAD : curr.status;
        return (initSeq == NOSEQ || initSeq == seq) && initStatus == status;
    }

    private static void apply(LongMap<GState> gs, Candidate c) throws GoTraceFormatException {
        if (c.g == UNORDERED) {
            return;
        }
        GState curr = gs.get(c.g);
        if (!ready(c.g, curr, c.initSeq, c.initStatus)) {
            // Two Ps offered events for one goroutine from the same state; Go's parser panics here.
            throw new GoTraceFormatException(c.ev.offset, "event sequences are broken: "
                    + c.ev.type.displayName + " for g " + c.g + " no longer matches its goroutine's state");
        }
        if (curr == null) {
            curr = new GState();
            gs.put(c.g, curr);
        }
        if (c.nextSeq == SEQINC) {
            curr.seq++;
        } else if (c.nextSeq != NOSEQ) {
            curr.seq = c.nextSeq;
        }
        curr.status = c.nextStatus;
    }
}
