package io.preemptscope.analysis.join;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which kernel thread each M of a Go trace ran on. Go 1.22+ traces name the thread; older ones
 * name the runtime's M number, and the map is read from timing: an M's async preemption follows a
 * SIGURG delivery to its thread, and its traced syscall entries precede strace's entries of the
 * same calls on its thread. A clue counts only when one thread alone fits it. The order of the
 * process's clones is a clue too: the runtime numbers its Ms as it creates their threads, m0 being
 * the main thread.
 */
final class ThreadMapper {
    private static final long WINDOW_NS = 1_500_000;
    private static final long SIGNAL_LEAD_NS = 1_000_000;
    private static final long SYSCALL_LAG_NS = 2_000_000;

    private ThreadMapper() {}

    private static final class Clues {
        final Map<Integer, Integer> signals = new HashMap<>();
        final Map<Integer, Integer> syscalls = new HashMap<>();

        int all() {
            return signals.values().stream().mapToInt(Integer::intValue).sum()
                    + syscalls.values().stream().mapToInt(Integer::intValue).sum();
        }

        int forTid(int tid) {
            return signals.getOrDefault(tid, 0) + syscalls.getOrDefault(tid, 0);
        }
    }

    /** @return the mapping of each M (or thread) the marks name, by its key */
    static Map<Long, ThreadMapping> map(CaptureJoin join, long offsetNs) {
        TraceMarks trace = join.trace();
        Map<Long, ThreadMapping> out = new LinkedHashMap<>();
        if (trace.threadIds()) {
            Set<Long> threads = new TreeSet<>();
            trace.asyncPreemptions().forEach(a -> threads.add(a.thread()));
            trace.syscalls().forEach(s -> threads.add(s.thread()));
            threads.remove(-1L);
            for (long t : threads) {
                out.put(t, new ThreadMapping(t, (int) t, 1.0, "the trace names the thread", 0, 0, null));
            }
            return out;
        }
        Map<Long, Clues> clues = new HashMap<>();
        for (TraceMark a : trace.asyncPreemptions()) {
            long at = a.tsNs() + offsetNs;
            int tid = join.onlySignalTid(at - WINDOW_NS - SIGNAL_LEAD_NS, at + WINDOW_NS);
            if (a.m() >= 0 && tid >= 0) {
                clues.computeIfAbsent(a.m(), m -> new Clues()).signals.merge(tid, 1, Integer::sum);
            }
        }
        for (TraceMark s : trace.syscalls()) {
            if (s.m() < 0 || s.syscall() == null) {
                continue;
            }
            long at = s.tsNs() + offsetNs;
            int tid = join.onlyEntryTid(s.syscall(), at - WINDOW_NS, at + WINDOW_NS + SYSCALL_LAG_NS);
            if (tid >= 0) {
                clues.computeIfAbsent(s.m(), m -> new Clues()).syscalls.merge(tid, 1, Integer::sum);
            }
        }
        Map<Long, Integer> byClone = cloneOrder(join.strace(), clues);
        Set<Long> ms = new TreeSet<>(clues.keySet());
        trace.asyncPreemptions().forEach(a -> ms.add(a.m()));
        trace.syscalls().forEach(s -> ms.add(s.m()));
        // Ms that only ran goroutines (no preemption, no traced call) have the clone order to go by
        ms.addAll(trace.slicedMs());
        ms.remove(-1L);

        // the strongest clues first; each thread is one M's
        record Candidate(long m, int tid, int votes) {}
        List<Candidate> candidates = new ArrayList<>();
        for (long m : ms) {
            Clues c = clues.getOrDefault(m, new Clues());
            Set<Integer> tids = new HashSet<>(c.signals.keySet());
            tids.addAll(c.syscalls.keySet());
            Integer cloned = byClone.get(m);
            if (cloned != null) {
                tids.add(cloned);
            }
            for (int tid : tids) {
                int votes = c.forTid(tid) + (cloned != null && cloned == tid ? 1 : 0);
                candidates.add(new Candidate(m, tid, votes));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::votes).reversed().thenComparingLong(Candidate::m));
        Set<Integer> taken = new HashSet<>();
        Map<Long, ThreadMapping> chosen = new HashMap<>();
        for (Candidate k : candidates) {
            if (chosen.containsKey(k.m()) || taken.contains(k.tid())) {
                continue;
            }
            taken.add(k.tid());
            Clues c = clues.getOrDefault(k.m(), new Clues());
            Integer cloned = byClone.get(k.m());
            Boolean cloneAgrees = byClone.isEmpty() ? null : cloned != null && cloned == k.tid();
            int all = c.all() + (cloned != null ? 1 : 0);
            int agreeing = c.forTid(k.tid()) + (Boolean.TRUE.equals(cloneAgrees) ? 1 : 0);
            double confidence = Math.round(100.0 * (agreeing + 1) / (all + 2)) / 100.0;
            chosen.put(k.m(), new ThreadMapping(k.m(), k.tid(), confidence,
                    basis(c.signals.getOrDefault(k.tid(), 0), c.syscalls.getOrDefault(k.tid(), 0), c.all(),
                            cloneAgrees),
                    c.signals.getOrDefault(k.tid(), 0), c.syscalls.getOrDefault(k.tid(), 0), cloneAgrees));
        }
        new TreeSet<>(chosen.keySet()).forEach(m -> out.put(m, chosen.get(m)));
        return out;
    }

    private static String basis(int signals, int syscalls, int all, Boolean clone) {
        List<String> parts = new ArrayList<>();
        if (signals + syscalls > 0) {
            parts.add("timing: " + signals + " async preemptions after a SIGURG to the thread and " + syscalls
                    + " traced syscalls it entered next, of " + all + " clues");
        }
        if (clone != null) {
            parts.add(clone ? "the clone order agrees" : "the clone order disagrees");
        }
        return parts.isEmpty() ? "no clue" : String.join("; ", parts);
    }

    /**
     * M k's thread by the order of the process's thread clones: m0 is the thread strace saw first,
     * then each clone in turn. One M may have no thread of its own (a cgo program's extra M, made
     * for callbacks from C threads), which shifts the Ms after it by one: the gap is placed where
     * the timing clues agree best. Empty when the capture does not start with the process.
     */
    private static Map<Long, Integer> cloneOrder(StraceMarks strace, Map<Long, Clues> clues) {
        List<StraceMarks.Clone> clones = new ArrayList<>(strace.clones());
        if (clones.isEmpty() || clones.get(0).parent() != strace.firstTid()) {
            return Map.of();
        }
        clones.sort(Comparator.comparingLong(StraceMarks.Clone::atNs));
        List<Integer> threads = new ArrayList<>();
        Set<Integer> process = new HashSet<>();
        threads.add(strace.firstTid());
        process.add(strace.firstTid());
        for (StraceMarks.Clone c : clones) {
            if (process.contains(c.parent())) {
                process.add(c.child());
                threads.add(c.child());
            }
        }
        Map<Long, Integer> best = withGap(threads, -1);
        int bestScore = score(best, clues);
        for (int gap = 1; gap <= threads.size(); gap++) {
            Map<Long, Integer> candidate = withGap(threads, gap);
            int score = score(candidate, clues);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** M k on the k-th thread, except that M {@code gap} has none and the Ms after it move up one. */
    private static Map<Long, Integer> withGap(List<Integer> threads, int gap) {
        Map<Long, Integer> out = new HashMap<>();
        for (int k = 0; k < threads.size(); k++) {
            long m = gap >= 0 && k >= gap ? k + 1 : k;
            out.put(m, threads.get(k));
        }
        return out;
    }

    private static int score(Map<Long, Integer> order, Map<Long, Clues> clues) {
        int score = 0;
        for (Map.Entry<Long, Clues> c : clues.entrySet()) {
            Integer tid = order.get(c.getKey());
            if (tid != null) {
                score += c.getValue().forTid(tid);
            }
        }
        return score;
    }
}
