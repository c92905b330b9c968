package io.preemptscope.stats;

import io.preemptscope.perf.PerfEvent;
import io.preemptscope.perf.PerfScriptReader;
import io.preemptscope.strace.args.SignalNames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts perf events as they stream past. Besides counters it holds one pending entry per thread
 * in a call, so memory grows with the threads, never with the events.
 */
public final class PerfStatsCollector {
    private static final long TGKILL = 234;
    private static final long TKILL = 200;

    private final Map<String, long[]> syscalls = new HashMap<>();
    private final Map<String, long[]> errors = new HashMap<>();
    private final Map<String, long[]> signals = new HashMap<>();
    private final Map<String, long[]> tgkill = new HashMap<>();
    private final Map<String, long[]> generated = new HashMap<>();
    private final Map<String, long[]> switches = new HashMap<>();
    private final Map<String, long[]> tracepoints = new HashMap<>();
    private final Set<Long> threads = new HashSet<>();
    /** The call each thread is in, by tid. */
    private final Map<Long, String> inCall = new HashMap<>();
    private long events;
    private long exits;
    private long lastTid = Long.MIN_VALUE;

    public void accept(PerfEvent e) {
        events++;
        if (e.tid() != lastTid) {
            threads.add(e.tid());
            lastTid = e.tid();
        }
        count(tracepoints, e.event());
        if (e.payload() instanceof PerfEvent.SyscallEnter enter) {
            String previous = inCall.put(e.tid(), enter.name());
            if (previous != null) {
                // a thread enters no call inside another: the exit was lost, the call still counts
                count(syscalls, previous);
            }
            if (enter.nr() == TGKILL || enter.nr() == TKILL) {
                int at = enter.nr() == TGKILL ? 2 : 1;
                if (enter.args().size() > at) {
                    count(tgkill, signal(enter.args().get(at)));
                }
            }
        } else if (e.payload() instanceof PerfEvent.SyscallExit exit) {
            String entered = inCall.remove(e.tid());
            // rt_sigreturn exits with no number (-1): its entry names it
            count(syscalls, entered != null ? entered : exit.name());
            if (exit.errno() != null) {
                count(errors, exit.errno());
            }
        } else if (e.payload() instanceof PerfEvent.Switch s) {
            count(switches, s.in() ? "in" : "out");
            if (s.preempted()) {
                count(switches, "preempted");
            }
        } else if (e.payload() instanceof PerfEvent.Fields f) {
            fields(e.event(), f);
        }
    }

    private void fields(String event, PerfEvent.Fields f) {
        switch (event) {
            case "signal:signal_deliver" -> count(signals, SignalNames.signal(f.get("sig")));
            case "signal:signal_generate" -> count(generated, SignalNames.signal(f.get("sig")));
            case "sched:sched_process_exit" -> exits++;
            default -> { }
        }
    }

    /** perf prints raw_syscalls' arguments in hex. */
    private static String signal(String hex) {
        try {
            return SignalNames.signal(Long.toString(Long.parseLong(hex, 16)));
        } catch (NumberFormatException notHex) {
            return hex;
        }
    }

    public PerfStats result(PerfScriptReader reader) {
        return new PerfStats("perf-script", 1, reader.lines(), reader.unparsed(), reader.truncated(), events,
                threads.size(), inCall.size(), sorted(syscalls), sorted(errors), sorted(signals), sorted(tgkill), exits,
                sorted(generated), sorted(switches), sorted(tracepoints));
    }

    private static void count(Map<String, long[]> map, String key) {
        map.computeIfAbsent(key == null ? "?" : key, k -> new long[1])[0]++;
    }

    private static Map<String, Long> sorted(Map<String, long[]> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
