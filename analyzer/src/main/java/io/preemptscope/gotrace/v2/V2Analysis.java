package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceAnalysis;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionKind;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.SliceEnd;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run slices and preemptions of a v2 trace, in the format-neutral {@link GoTraceAnalysis} terms.
 * v2 differs from v1 in three ways that matter here: a goroutine runs on a thread (M), not a P, so
 * slices are tracked per thread; a preemption is a GoStop whose reason string is "preempted" (a
 * GoBlock "preempted" is a GC stack-scan suspension, not a timeslice); and a goroutine blocked in a
 * syscall loses its P through a ProcSteal emitted by another thread.
 */
public final class V2Analysis {
    static final String PREEMPTED = "preempted";

    private V2Analysis() {}

    private record Open(long g, int p, long startNs) {}

    public static GoTraceAnalysis of(V2Trace trace) {
        List<RunSlice> slices = new ArrayList<>();
        List<Preemption> preemptions = new ArrayList<>();
        Map<Long, Open> running = new HashMap<>();
        long lastTs = 0;
        for (V2Event v : trace.events()) {
            GoEvent e = v.event();
            lastTs = Math.max(lastTs, e.tsNs());
            switch (e.type()) {
                case "GoStart" -> running.put(v.thread(), new Open(e.arg("g"), e.p(), e.tsNs()));
                case "GoSwitch", "GoSwitchDestroy" -> {
                    close(running.remove(v.thread()), e.tsNs(), e.type().equals("GoSwitch")
                            ? new SliceEnd.Blocked("coroutine switch") : new SliceEnd.Exit(), slices);
                    running.put(v.thread(), new Open(e.arg("g"), e.p(), e.tsNs()));
                }
                case "GoStop" -> {
                    String reason = e.stringArgs().getOrDefault("reason", "");
                    SliceEnd end;
                    if (reason.equals(PREEMPTED)) {
                        PreemptionKind kind = PreemptionKind.of(e.stack());
                        preemptions.add(new Preemption(e.g(), e.p(), e.tsNs(), kind, e.stack()));
                        end = new SliceEnd.Preempted(kind);
                    } else {
                        // "runtime.Gosched" or "unspecified": the goroutine yielded and stays runnable.
                        end = new SliceEnd.Gosched();
                    }
                    close(running.remove(v.thread()), e.tsNs(), end, slices);
                }
                case "GoBlock" -> close(running.remove(v.thread()), e.tsNs(),
                        new SliceEnd.Blocked(e.stringArgs().getOrDefault("reason", "unspecified")), slices);
                case "GoDestroy", "GoDestroySyscall" -> close(running.remove(v.thread()), e.tsNs(),
                        new SliceEnd.Exit(), slices);
                // The P of a goroutine blocked in a syscall was taken (by another thread, or stopped).
                case "ProcSteal" -> close(running.remove(e.arg("m")), e.tsNs(), new SliceEnd.Syscall(), slices);
                case "GoSyscallEndBlocked" -> close(running.remove(v.thread()), e.tsNs(), new SliceEnd.Syscall(),
                        slices);
                default -> { }
            }
        }
        for (Open o : running.values()) {
            slices.add(new RunSlice(o.g, o.p, o.startNs, lastTs, new SliceEnd.TraceEnd()));
        }
        slices.sort(Comparator.comparingLong(RunSlice::startNs).thenComparingInt(RunSlice::p));
        return new GoTraceAnalysis(List.copyOf(slices), List.copyOf(preemptions), versions(trace));
    }

    private static void close(Open o, long endNs, SliceEnd end, List<RunSlice> slices) {
        if (o != null) {
            slices.add(new RunSlice(o.g, o.p, o.startNs, endNs, end));
        }
    }

    /** The header names the release, except that Go 1.24 writes "go 1.23". */
    static GoVersionRange versions(V2Trace trace) {
        String v = "1." + trace.minor();
        String highest = trace.minor() == 23 ? "1.24" : v;
        return new GoVersionRange(v, highest, List.of("header \"go " + v + " trace\""));
    }
}
