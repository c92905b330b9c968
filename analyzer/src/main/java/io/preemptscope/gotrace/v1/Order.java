package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the per-P event lists into one stream the way go1.19's order.go does. Timestamps of
 * different CPUs may disagree, so the merge trusts the goroutines' sequence numbers first: an event
 * is merged only once the state it starts from has been reached, and among the ready ones the
 * earliest wins.
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

    private record State(long seq, int status) {}

    private record Transition(long g, State init, State next) {}

    private record Candidate(V1Event ev, int batch, Transition t) {}

    private Order() {}

    static List<V1Event> order1007(List<List<V1Event>> batches) throws GoTraceFormatException {
        int n = batches.size();
        int[] pos = new int[n];
        boolean[] selected = new boolean[n];
        int pending = 0;
        for (List<V1Event> b : batches) {
            pending += b.size();
        }
        Map<Long, State> gs = new HashMap<>();
        List<Candidate> frontier = new ArrayList<>();
        List<V1Event> events = new ArrayList<>(pending);
        for (; pending != 0; pending--) {
            for (int i = 0; i < n; i++) {
                List<V1Event> b = batches.get(i);
                if (selected[i] || pos[i] == b.size()) {
                    continue;
                }
                V1Event ev = b.get(pos[i]);
                Transition t = transition(ev);
                if (!ready(t.g(), gs.getOrDefault(t.g(), ZERO), t.init())) {
                    continue;
                }
                frontier.add(new Candidate(ev, i, t));
                pos[i]++;
                selected[i] = true;
                // Local variants only exist to help ordering.
                switch (ev.type) {
                    case GO_START_LOCAL -> ev.type = EventType.GO_START;
                    case GO_UNBLOCK_LOCAL -> ev.type = EventType.GO_UNBLOCK;
                    case GO_SYS_EXIT_LOCAL -> ev.type = EventType.GO_SYS_EXIT;
                    default -> { }
                }
            }
            if (frontier.isEmpty()) {
                throw stuck(batches, pos);
            }
            // Stable, like Go's insertion sort on small frontiers; then Go's swap-remove of the head.
            frontier.sort((x, y) -> Long.compare(x.ev().ts, y.ev().ts));
            Candidate f = frontier.get(0);
            frontier.set(0, frontier.get(frontier.size() - 1));
            frontier.remove(frontier.size() - 1);
            events.add(f.ev());
            apply(gs, f);
            selected[f.batch()] = false;
        }

        checkSorted(events);
        fixSyscallExitTimes(events);
        events.sort((x, y) -> Long.compare(x.ts, y.ts));
        return events;
    }

    /** Go 1.5/1.6: one global sequence number orders everything. */
    static List<V1Event> order1005(List<List<V1Event>> batches) throws GoTraceFormatException {
        List<V1Event> events = new ArrayList<>();
        for (List<V1Event> b : batches) {
            events.addAll(b);
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
        checkSorted(events);
        return events;
    }

    private static final State ZERO = new State(0, DEAD);

    private static void checkSorted(List<V1Event> events) throws GoTraceFormatException {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).ts < events.get(i - 1).ts) {
                V1Event e = events.get(i);
                throw new GoTraceFormatException(e.offset, "time stamps out of order: " + e.type.displayName
                        + " is earlier than the event at offset " + events.get(i - 1).offset + " that must precede it");
            }
        }
    }

    /**
     * GoSysExit is written when the goroutine gets a P back; its argument holds the real exit time.
     * It can only be moved there after the merge, or broken clocks would misplace it.
     */
    private static void fixSyscallExitTimes(List<V1Event> events) throws GoTraceFormatException {
        Map<Long, Long> lastSysBlock = new HashMap<>();
        for (V1Event ev : events) {
            switch (ev.type) {
                case GO_SYS_BLOCK, GO_IN_SYSCALL -> lastSysBlock.put(ev.g, ev.ts);
                case GO_SYS_EXIT -> {
                    long ts = ev.args[2];
                    if (ts == 0) {
                        continue;
                    }
                    long block = lastSysBlock.getOrDefault(ev.g, 0L);
                    if (block == 0) {
                        throw new GoTraceFormatException(ev.offset, "stray syscall exit: g " + ev.g
                                + " has no GoSysBlock or GoInSyscall before it");
                    }
                    if (ts < block) {
                        throw new GoTraceFormatException(ev.offset, "time stamps out of order: syscall exit of g "
                                + ev.g + " is before its GoSysBlock");
                    }
                    ev.ts = ts;
                }
                default -> { }
            }
        }
    }

    private static GoTraceFormatException stuck(List<List<V1Event>> batches, int[] pos) {
        V1Event first = null;
        for (int i = 0; i < batches.size(); i++) {
            if (pos[i] < batches.get(i).size()) {
                V1Event e = batches.get(i).get(pos[i]);
                if (first == null || e.offset < first.offset) {
                    first = e;
                }
            }
        }
        return new GoTraceFormatException(first == null ? -1 : first.offset,
                "no consistent ordering of events possible: no P's next event has its goroutine in the expected state");
    }

    /** The goroutine state an event needs (init) and leaves behind (next); Go's stateTransition. */
    private static Transition transition(V1Event ev) {
        return switch (ev.type) {
            case GO_CREATE -> new Transition(ev.args[0], new State(0, DEAD), new State(1, RUNNABLE));
            case GO_WAITING, GO_IN_SYSCALL -> new Transition(ev.g, new State(1, RUNNABLE), new State(2, WAITING));
            case GO_START, GO_START_LABEL -> new Transition(ev.g, new State(ev.args[1], RUNNABLE), new State(ev.args[1] + 1, RUNNING));
            // Local: emitted on the P of the event that made it ready, so that one is merged already.
            case GO_START_LOCAL -> new Transition(ev.g, new State(NOSEQ, RUNNABLE), new State(SEQINC, RUNNING));
            case GO_BLOCK, GO_BLOCK_SEND, GO_BLOCK_RECV, GO_BLOCK_SELECT, GO_BLOCK_SYNC, GO_BLOCK_COND,
                    GO_BLOCK_NET, GO_SLEEP, GO_SYS_BLOCK, GO_BLOCK_GC ->
                    new Transition(ev.g, new State(NOSEQ, RUNNING), new State(NOSEQ, WAITING));
            case GO_SCHED, GO_PREEMPT -> new Transition(ev.g, new State(NOSEQ, RUNNING), new State(NOSEQ, RUNNABLE));
            case GO_UNBLOCK, GO_SYS_EXIT ->
                    new Transition(ev.args[0], new State(ev.args[1], WAITING), new State(ev.args[1] + 1, RUNNABLE));
            case GO_UNBLOCK_LOCAL, GO_SYS_EXIT_LOCAL ->
                    new Transition(ev.args[0], new State(NOSEQ, WAITING), new State(SEQINC, RUNNABLE));
            case GC_START -> new Transition(GARBAGE, new State(ev.args[0], DEAD), new State(ev.args[0] + 1, DEAD));
            default -> new Transition(UNORDERED, ZERO, ZERO);
        };
    }

    private static boolean ready(long g, State curr, State init) {
        return g == UNORDERED || (init.seq() == NOSEQ || init.seq() == curr.seq()) && init.status() == curr.status();
    }

    private static void apply(Map<Long, State> gs, Candidate c) throws GoTraceFormatException {
        Transition t = c.t();
        if (t.g() == UNORDERED) {
            return;
        }
        State curr = gs.getOrDefault(t.g(), ZERO);
        if (!ready(t.g(), curr, t.init())) {
            // Two Ps offered events for one goroutine from the same state; Go's parser panics here.
            throw new GoTraceFormatException(c.ev().offset, "event sequences are broken: "
                    + c.ev().type.displayName + " for g " + t.g() + " no longer matches its goroutine's state");
        }
        long seq = t.next().seq();
        if (t.next().seq() == NOSEQ) {
            seq = curr.seq();
        } else if (t.next().seq() == SEQINC) {
            seq = curr.seq() + 1;
        }
        gs.put(t.g(), new State(seq, t.next().status()));
    }
}
