package io.preemptscope.gotrace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a decoded trace says about scheduling: run slices, preemptions and their mechanism, and
 * which Go releases could have produced it.
 */
public record GoTraceAnalysis(List<RunSlice> slices, List<Preemption> preemptions, GoVersionRange versions) {

    public static GoTraceAnalysis of(GoTrace trace) {
        List<RunSlice> slices = new ArrayList<>();
        List<Preemption> preemptions = new ArrayList<>();
        // Per P: the goroutine it runs and since when. Ordering and validation guarantee one at a time.
        Map<Integer, long[]> running = new HashMap<>();
        long lastTs = 0;
        for (GoEvent e : trace.events()) {
            lastTs = Math.max(lastTs, e.tsNs());
            String type = e.type();
            if (type.equals("GoStart") || type.equals("GoStartLabel")) {
                running.put(e.p(), new long[] {e.g(), e.tsNs()});
                continue;
            }
            SliceEnd end = endOf(e);
            if (end == null) {
                continue;
            }
            long[] r = running.remove(e.p());
            if (end instanceof SliceEnd.Preempted pre) {
                preemptions.add(new Preemption(e.g(), e.p(), e.tsNs(), pre.kind(), e.stack()));
            }
            if (r != null && r[0] == e.g()) {
                slices.add(new RunSlice(e.g(), e.p(), r[1], e.tsNs(), end));
            }
        }
        for (Map.Entry<Integer, long[]> r : running.entrySet()) {
            slices.add(new RunSlice(r.getValue()[0], r.getKey(), r.getValue()[1], lastTs, new SliceEnd.TraceEnd()));
        }
        slices.sort(java.util.Comparator.comparingLong(RunSlice::startNs).thenComparingInt(RunSlice::p));
        return new GoTraceAnalysis(List.copyOf(slices), List.copyOf(preemptions), versions(trace, preemptions));
    }

    public long asyncPreemptions() {
        return preemptions.stream().filter(p -> p.kind() == PreemptionKind.ASYNC).count();
    }

    public long cooperativePreemptions() {
        return preemptions.size() - asyncPreemptions();
    }

    /** The slice-ending meaning of an event, or null when the goroutine keeps running. */
    static SliceEnd endOf(GoEvent e) {
        return switch (e.type()) {
            case "GoPreempt" -> new SliceEnd.Preempted(PreemptionKind.of(e.stack()));
            case "GoSched" -> new SliceEnd.Gosched();
            case "GoEnd" -> new SliceEnd.Exit();
            case "GoSysBlock" -> new SliceEnd.Syscall();
            // Reasons in the words the v2 tracer uses for the same parks.
            case "GoStop" -> new SliceEnd.Blocked("forever");
            case "GoSleep" -> new SliceEnd.Blocked("sleep");
            case "GoBlock" -> new SliceEnd.Blocked("unspecified");
            case "GoBlockSend" -> new SliceEnd.Blocked("chan send");
            case "GoBlockRecv" -> new SliceEnd.Blocked("chan receive");
            case "GoBlockSelect" -> new SliceEnd.Blocked("select");
            case "GoBlockSync" -> new SliceEnd.Blocked("sync");
            case "GoBlockCond" -> new SliceEnd.Blocked("sync.(*Cond).Wait");
            case "GoBlockNet" -> new SliceEnd.Blocked("network");
            case "GoBlockGC" -> new SliceEnd.Blocked("GC mark assist wait for work");
            default -> null;
        };
    }

    private static GoVersionRange versions(GoTrace trace, List<Preemption> preemptions) {
        String header = trace.version();
        String[] range = switch (header) {
            case "1.5" -> new String[] {"1.5", "1.6"};
            case "1.11" -> new String[] {"1.11", "1.18"};
            case "1.19" -> new String[] {"1.19", "1.20"};
            default -> new String[] {header, header};
        };
        List<String> evidence = new ArrayList<>();
        evidence.add("header \"go " + header + " trace\"");
        boolean timerGoroutine = !trace.timerGoroutines().isEmpty();
        boolean async = preemptions.stream().anyMatch(p -> p.kind() == PreemptionKind.ASYNC);
        if (async) {
            evidence.add("runtime.asyncPreempt frames: async preemption (Go 1.14+)");
            range[0] = maxVersion(range[0], "1.14");
        }
        if (sleepWokenByScheduler(trace)) {
            evidence.add("a sleeping goroutine woken with no goroutine running: timers on the Ps (Go 1.14+)");
            range[0] = maxVersion(range[0], "1.14");
        }
        if (timerGoroutine) {
            evidence.add("TimerGoroutine events: timers run on a goroutine (Go 1.13 and earlier)");
            range[1] = minVersion(range[1], "1.13");
        }
        return new GoVersionRange(range[0], range[1], List.copyOf(evidence));
    }

    /** Go 1.14 moved timers into the Ps: a GoSleep ends with a GoUnblock emitted while the P runs g 0. */
    private static boolean sleepWokenByScheduler(GoTrace trace) {
        java.util.Set<Long> sleeping = new java.util.HashSet<>();
        for (GoEvent e : trace.events()) {
            if (e.type().equals("GoSleep")) {
                sleeping.add(e.g());
            } else if (e.type().equals("GoUnblock") && sleeping.remove(e.arg("g")) && e.g() == 0) {
                return true;
            }
        }
        return false;
    }

    private static int minor(String v) {
        return Integer.parseInt(v.substring(v.indexOf('.') + 1));
    }

    private static String maxVersion(String a, String b) {
        return minor(a) >= minor(b) ? a : b;
    }

    private static String minVersion(String a, String b) {
        return minor(a) <= minor(b) ? a : b;
    }
}
