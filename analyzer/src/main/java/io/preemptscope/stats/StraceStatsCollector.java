package io.preemptscope.stats;

import io.preemptscope.strace.FileEventReader;
import io.preemptscope.strace.RecordCounts;
import io.preemptscope.strace.args.ArgDecoder;
import io.preemptscope.strace.args.SyscallArgs;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts events as they stream past; holds only counters, whatever the input's size. */
public final class StraceStatsCollector {
    private final Map<String, long[]> syscalls = new HashMap<>();
    private final Map<String, long[]> errors = new HashMap<>();
    private final Map<String, long[]> signals = new HashMap<>();
    private final Map<String, long[]> tgkill = new HashMap<>();
    private final java.util.Set<Integer> threads = new HashSet<>();
    private long events;
    private long exits;
    private long kills;

    private int lastTid = Integer.MIN_VALUE;

    public void accept(StraceEvent event) {
        events++;
        // consecutive events mostly share a thread: skip the boxed set lookup for those
        if (event.tid() >= 0 && event.tid() != lastTid) {
            threads.add(event.tid());
            lastTid = event.tid();
        }
        if (event instanceof SyscallEvent call) {
            count(syscalls, call.name());
            if (call.result() != null && call.result().errno() != null) {
                count(errors, call.result().errno());
            }
            if (call.name().equals("tgkill") || call.name().equals("tkill")) {
                if (ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.SignalSend send) {
                    count(tgkill, send.signal());
                }
            }
        } else if (event instanceof SignalEvent signal) {
            count(signals, signal.signal());
        } else if (event instanceof ExitEvent) {
            exits++;
        } else if (event instanceof KillEvent) {
            kills++;
        }
    }

    public StraceStats result(List<FileEventReader> files) {
        long lines = 0;
        long unparsed = 0;
        long truncated = 0;
        long unfinished = 0;
        long resumed = 0;
        long incomplete = 0;
        for (FileEventReader f : files) {
            RecordCounts c = f.counts();
            lines += c.lines();
            unparsed += c.unparsed();
            truncated += c.truncated();
            unfinished += c.unfinishedLines();
            resumed += c.resumedLines();
            incomplete += c.incomplete();
        }
        return new StraceStats("strace", files.size(), lines, unparsed, truncated, events, threads.size(),
                unfinished, resumed, incomplete, sorted(syscalls), sorted(errors), sorted(signals), sorted(tgkill),
                exits, kills);
    }

    private static void count(Map<String, long[]> map, String key) {
        map.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    private static Map<String, Long> sorted(Map<String, long[]> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
