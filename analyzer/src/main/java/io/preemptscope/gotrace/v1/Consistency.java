package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.FakeP;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.util.IntMap;
import io.preemptscope.util.LongMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's removeFutile and postProcessTrace: drops futile wakeups and checks that the ordered stream
 * is a possible schedule (a P runs one goroutine at a time, only a waiting goroutine is unblocked,
 * ...). It also moves netpoller unblocks and GC starts to their pseudo-Ps, as the reference dump
 * shows them.
 */
final class Consistency {
    private static final int DEAD = 0;
    private static final int RUNNABLE = 1;
    private static final int RUNNING = 2;
    private static final int WAITING = 3;

    private static final class GDesc {
        int state;
        V1Event ev;
        V1Event evStart;
        V1Event evCreate;
        V1Event evMarkAssist;
    }

    private static final class PDesc {
        boolean running;
        long g;
        V1Event evStw;
        V1Event evSweep;
    }

    /**
     * A goroutine woken only to find its resource taken again (FutileWakeup before its next block):
     * the whole wakeup sequence is noise. The go1.19 runtime no longer writes FutileWakeup.
     */
    static List<V1Event> removeFutile(List<V1Event> events) {
        Map<Long, List<V1Event>> wakeups = new HashMap<>();
        Set<Long> futileGs = new HashSet<>();
        Set<V1Event> futile = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (V1Event ev : events) {
            switch (ev.type) {
                case GO_UNBLOCK -> {
                    List<V1Event> w = new ArrayList<>();
                    w.add(ev);
                    wakeups.put(ev.args[0], w);
                }
                case GO_START, GO_PREEMPT, FUTILE_WAKEUP -> {
                    wakeups.computeIfAbsent(ev.g, k -> new ArrayList<>()).add(ev);
                    if (ev.type == EventType.FUTILE_WAKEUP) {
                        futileGs.add(ev.g);
                    }
                }
                case GO_BLOCK, GO_BLOCK_SEND, GO_BLOCK_RECV, GO_BLOCK_SELECT, GO_BLOCK_SYNC, GO_BLOCK_COND -> {
                    if (futileGs.contains(ev.g)) {
                        futile.add(ev);
                        futile.addAll(wakeups.getOrDefault(ev.g, List.of()));
                    }
                    wakeups.remove(ev.g);
                    futileGs.remove(ev.g);
                }
                default -> { }
            }
        }
        if (futile.isEmpty()) {
            return events;
        }
        List<V1Event> kept = new ArrayList<>(events.size());
        for (V1Event ev : events) {
            if (!futile.contains(ev)) {
                kept.add(ev);
            }
        }
        return kept;
    }

    private final int version;
    private final LongMap<GDesc> gs = new LongMap<>();
    private final IntMap<PDesc> ps = new IntMap<>();
    private final Set<Long> tasks = new HashSet<>();
    private final LongMap<Deque<V1Event>> activeRegions = new LongMap<>();
    private V1Event evGc;
    private V1Event globalStw;

    Consistency(int version) {
        this.version = version;
        GDesc g0 = new GDesc();
        g0.state = RUNNING;
        gs.put(0L, g0);
    }

    static void check(int version, List<V1Event> events) throws GoTraceFormatException {
        Consistency c = new Consistency(version);
        for (V1Event ev : events) {
            c.accept(ev);
        }
    }

    /** Checks one event, in merged order, against the state the events before it left. */
    void accept(V1Event ev) throws GoTraceFormatException {
        GDesc g = gs.computeIfAbsent(ev.g, k -> new GDesc());
        PDesc p = ps.computeIfAbsent(ev.p, k -> new PDesc());
        switch (ev.type) {
            case PROC_START -> {
                if (p.running) {
                    throw fail(ev, "p " + ev.p + " is running before start");
                }
                p.running = true;
            }
            case PROC_STOP -> {
                if (!p.running) {
                    throw fail(ev, "p " + ev.p + " is not running before stop");
                }
                if (p.g != 0) {
                    throw fail(ev, "p " + ev.p + " is running a goroutine " + p.g + " during stop");
                }
                p.running = false;
            }
            case GC_START -> {
                if (evGc != null) {
                    throw fail(ev, "previous GC is not ended before a new one");
                }
                evGc = ev;
                ev.p = FakeP.GC;
            }
            case GC_DONE -> {
                if (evGc == null) {
                    throw fail(ev, "bogus GC end: no GC is running");
                }
                evGc = null;
            }
            case GC_STW_START -> {
                // Before 1.10 stop-the-world was recorded per P.
                if (version < 1010 ? p.evStw != null : globalStw != null) {
                    throw fail(ev, "previous STW is not ended before a new one");
                }
                if (version < 1010) {
                    p.evStw = ev;
                } else {
                    globalStw = ev;
                }
            }
            case GC_STW_DONE -> {
                if (version < 1010 ? p.evStw == null : globalStw == null) {
                    throw fail(ev, "bogus STW end: no STW is running");
                }
                if (version < 1010) {
                    p.evStw = null;
                } else {
                    globalStw = null;
                }
            }
            case GC_SWEEP_START -> {
                if (p.evSweep != null) {
                    throw fail(ev, "previous sweeping is not ended before a new one");
                }
                p.evSweep = ev;
            }
            case GC_MARK_ASSIST_START -> {
                if (g.evMarkAssist != null) {
                    throw fail(ev, "previous mark assist is not ended before a new one");
                }
                g.evMarkAssist = ev;
            }
            // A mark assist may be in progress when tracing starts: an unmatched end is fine.
            case GC_MARK_ASSIST_DONE -> g.evMarkAssist = null;
            case GC_SWEEP_DONE -> {
                if (p.evSweep == null) {
                    throw fail(ev, "bogus sweeping end: no sweep is running on p " + ev.p);
                }
                p.evSweep = null;
            }
            case GO_WAITING, GO_IN_SYSCALL -> {
                if (g.state != RUNNABLE) {
                    throw fail(ev, "g " + ev.g + " is not runnable before " + ev.type.displayName);
                }
                g.state = WAITING;
                g.ev = ev;
            }
            case GO_CREATE -> {
                checkRunning(p, g, ev, true);
                if (gs.containsKey(ev.args[0])) {
                    throw fail(ev, "g " + ev.args[0] + " already exists");
                }
                GDesc created = new GDesc();
                created.state = RUNNABLE;
                created.ev = ev;
                created.evCreate = ev;
                gs.put(ev.args[0], created);
            }
            case GO_START, GO_START_LABEL -> {
                if (g.state != RUNNABLE) {
                    throw fail(ev, "g " + ev.g + " is not runnable before start");
                }
                if (p.g != 0) {
                    throw fail(ev, "p " + ev.p + " is already running g " + p.g + " while start g " + ev.g);
                }
                g.state = RUNNING;
                g.evStart = ev;
                p.g = ev.g;
                if (g.evCreate != null) {
                    // The first start shows where the goroutine begins: its creation's start PC.
                    if (version >= 1007) {
                        ev.stackId = g.evCreate.args[1];
                    }
                    g.evCreate = null;
                }
                g.ev = null;
            }
            case GO_END, GO_STOP -> {
                checkRunning(p, g, ev, false);
                g.evStart = null;
                g.state = DEAD;
                p.g = 0;
                if (ev.type == EventType.GO_END) {
                    activeRegions.remove(ev.g);
                }
            }
            case GO_SCHED, GO_PREEMPT -> {
                checkRunning(p, g, ev, false);
                g.state = RUNNABLE;
                g.evStart = null;
                p.g = 0;
                g.ev = ev;
            }
            case GO_UNBLOCK -> {
                if (g.state != RUNNING) {
                    throw fail(ev, "g " + ev.g + " is not running while unpark");
                }
                if (ev.p != FakeP.TIMER && p.g != ev.g) {
                    throw fail(ev, "p " + ev.p + " is not running g " + ev.g + " while unpark");
                }
                GDesc g1 = gs.computeIfAbsent(ev.args[0], k -> new GDesc());
                if (g1.state != WAITING) {
                    throw fail(ev, "g " + ev.args[0] + " is not waiting before unpark");
                }
                if (g1.ev != null && g1.ev.type == EventType.GO_BLOCK_NET && ev.p != FakeP.TIMER) {
                    ev.p = FakeP.NETPOLL;
                }
                g1.state = RUNNABLE;
                g1.ev = ev;
            }
            case GO_SYSCALL -> {
                checkRunning(p, g, ev, false);
                g.ev = ev;
            }
            case GO_SYS_BLOCK -> {
                checkRunning(p, g, ev, false);
                g.state = WAITING;
                g.evStart = null;
                p.g = 0;
            }
            case GO_SYS_EXIT -> {
                if (g.state != WAITING) {
                    throw fail(ev, "g " + ev.g + " is not waiting during syscall exit");
                }
                g.state = RUNNABLE;
                g.ev = ev;
            }
            case GO_SLEEP, GO_BLOCK, GO_BLOCK_SEND, GO_BLOCK_RECV, GO_BLOCK_SELECT, GO_BLOCK_SYNC,
                    GO_BLOCK_COND, GO_BLOCK_NET, GO_BLOCK_GC -> {
                checkRunning(p, g, ev, false);
                g.state = WAITING;
                g.ev = ev;
                g.evStart = null;
                p.g = 0;
            }
            case USER_TASK_CREATE -> {
                if (!tasks.add(ev.args[0])) {
                    throw fail(ev, "task id conflicts (id:" + ev.args[0] + ")");
                }
            }
            case USER_TASK_END -> tasks.remove(ev.args[0]);
            case USER_REGION -> {
                long mode = ev.args[1];
                Deque<V1Event> regions = activeRegions.computeIfAbsent(ev.g, k -> new ArrayDeque<>());
                if (mode == 0) {
                    regions.push(ev);
                } else if (mode == 1) {
                    V1Event s = regions.peek();
                    if (s != null) {
                        if (s.args[0] != ev.args[0] || !s.stringArgs[0].equals(ev.stringArgs[0])) {
                            throw fail(ev, "misuse of region in goroutine " + ev.g
                                    + ": region end does not match the innermost active region start");
                        }
                        regions.pop();
                    }
                } else {
                    throw fail(ev, "invalid user region mode " + mode + ": expected 0 or 1");
                }
                if (regions.isEmpty()) {
                    activeRegions.remove(ev.g);
                }
            }
            default -> { }
        }
    }

    private static void checkRunning(PDesc p, GDesc g, V1Event ev, boolean allowG0) throws GoTraceFormatException {
        String name = ev.type.displayName;
        if (g.state != RUNNING) {
            throw fail(ev, "g " + ev.g + " is not running while " + name);
        }
        if (p.g != ev.g) {
            throw fail(ev, "p " + ev.p + " is not running g " + ev.g + " while " + name);
        }
        if (!allowG0 && ev.g == 0) {
            throw fail(ev, "g 0 did " + name);
        }
    }

    private static GoTraceFormatException fail(V1Event ev, String problem) {
        return new GoTraceFormatException(ev.offset, "inconsistent trace: " + problem);
    }
}
