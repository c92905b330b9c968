package io.preemptscope.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Trace Event Format's rules, as Perfetto's JSON importer and chrome://tracing read them,
 * checked over a whole file: every violation as a line, none for a valid file.
 *
 * <ul>
 *   <li>each event has the fields its phase needs: name, ph, pid, tid; ts and cat for all but
 *       metadata; dur ≥ 0 for complete events (X); a scope for instants (i); an id for flows (s,
 *       t, f); metadata (M) names what it sets and carries it in args;
 *   <li>every flow id has exactly one start and one end, in time order, its steps between them;
 *   <li>on each track (pid, tid), slices and instants come in time order, and slices nest;
 *   <li>every track and process that has events is named by a metadata event.
 * </ul>
 */
final class TraceEventRules {
    private TraceEventRules() {}

    static List<String> violations(JsonNode root) {
        List<String> out = new ArrayList<>();
        JsonNode events = root.get("traceEvents");
        if (events == null || !events.isArray()) {
            return List.of("no traceEvents array");
        }
        Map<String, Long> lastTs = new HashMap<>();
        Map<String, Deque<long[]>> open = new HashMap<>();
        Map<Long, List<String>> flows = new HashMap<>();
        Map<Long, List<Long>> flowTimes = new HashMap<>();
        Set<String> tracks = new HashSet<>();
        Set<Long> pids = new HashSet<>();
        Set<String> namedThreads = new HashSet<>();
        Set<Long> namedProcesses = new HashSet<>();
        int i = 0;
        for (JsonNode e : events) {
            String where = "event " + i++ + " " + e;
            String ph = text(e, "ph");
            if (ph == null || text(e, "name") == null || !e.path("pid").isIntegralNumber()
                    || !e.path("tid").isIntegralNumber()) {
                out.add(where + ": needs name, ph, pid and tid");
                continue;
            }
            long pid = e.get("pid").asLong();
            String track = pid + "/" + e.get("tid").asLong();
            if (ph.equals("M")) {
                String name = text(e, "name");
                JsonNode args = e.get("args");
                switch (name) {
                    case "process_name", "thread_name" -> {
                        if (args == null || !args.path("name").isTextual()) {
                            out.add(where + ": " + name + " needs args.name");
                        } else if (name.equals("process_name")) {
                            namedProcesses.add(pid);
                        } else {
                            namedThreads.add(track);
                        }
                    }
                    case "process_sort_index", "thread_sort_index" -> {
                        if (args == null || !args.path("sort_index").isIntegralNumber()) {
                            out.add(where + ": " + name + " needs args.sort_index");
                        }
                    }
                    default -> out.add(where + ": unknown metadata " + name);
                }
                continue;
            }
            if (!e.path("ts").isNumber() || text(e, "cat") == null) {
                out.add(where + ": needs ts and cat");
                continue;
            }
            long ts = Math.round(e.get("ts").asDouble() * 1000);
            switch (ph) {
                case "X", "i" -> {
                    if (ph.equals("X") && (!e.path("dur").isNumber() || e.get("dur").asDouble() < 0)) {
                        out.add(where + ": a complete event needs dur >= 0");
                    }
                    if (ph.equals("i") && !Set.of("t", "p", "g").contains(String.valueOf(text(e, "s")))) {
                        out.add(where + ": an instant needs s = t, p or g");
                    }
                    tracks.add(track);
                    pids.add(pid);
                    Long last = lastTs.put(track, ts);
                    if (last != null && ts < last) {
                        out.add(where + ": ts goes back on track " + track + " from " + last + " ns");
                    }
                    if (ph.equals("X")) {
                        long end = ts + Math.round(e.get("dur").asDouble() * 1000);
                        Deque<long[]> stack = open.computeIfAbsent(track, t -> new ArrayDeque<>());
                        while (!stack.isEmpty() && stack.peek()[1] <= ts) {
                            stack.pop();
                        }
                        if (!stack.isEmpty() && end > stack.peek()[1]) {
                            out.add(where + ": slice ends at " + end + " ns, after the slice it starts in ("
                                    + stack.peek()[0] + "-" + stack.peek()[1] + ")");
                        }
                        stack.push(new long[] {ts, end});
                    }
                }
                case "s", "t", "f" -> {
                    if (!e.path("id").isIntegralNumber()) {
                        out.add(where + ": a flow event needs an id");
                        continue;
                    }
                    flows.computeIfAbsent(e.get("id").asLong(), x -> new ArrayList<>()).add(ph);
                    flowTimes.computeIfAbsent(e.get("id").asLong(), x -> new ArrayList<>()).add(ts);
                }
                default -> out.add(where + ": unknown phase " + ph);
            }
        }
        flows.forEach((id, phases) -> {
            if (phases.stream().filter("s"::equals).count() != 1 || phases.stream().filter("f"::equals).count() != 1
                    || !phases.get(0).equals("s") || !phases.get(phases.size() - 1).equals("f")) {
                out.add("flow " + id + ": phases " + phases + ", need one s first and one f last");
            }
            List<Long> times = flowTimes.get(id);
            for (int k = 1; k < times.size(); k++) {
                if (times.get(k) < times.get(k - 1)) {
                    out.add("flow " + id + ": goes back in time " + times);
                }
            }
        });
        for (String t : tracks) {
            if (!namedThreads.contains(t)) {
                out.add("track " + t + " has events and no thread_name");
            }
        }
        for (long p : pids) {
            if (!namedProcesses.contains(p)) {
                out.add("process " + p + " has events and no process_name");
            }
        }
        return out;
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
