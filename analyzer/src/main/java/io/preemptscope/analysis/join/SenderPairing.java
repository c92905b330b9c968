package io.preemptscope.analysis.join;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tgkill each SIGURG delivery came from: the first send to its thread since the last delivery
 * there. The kernel keeps one SIGURG pending per thread and merges the sends after the first into
 * it (as ReplayMetrics' delivery latency pairs them).
 */
final class SenderPairing {
    private SenderPairing() {}

    /** @param deliveries in time order; @return the send of each delivery, null where none is seen */
    static StraceMarks.Send[] pair(List<StraceMarks.Delivery> deliveries, List<StraceMarks.Send> sends) {
        Map<Integer, List<StraceMarks.Send>> byTarget = new HashMap<>();
        for (StraceMarks.Send s : sends) {
            byTarget.computeIfAbsent(s.target(), t -> new ArrayList<>()).add(s);
        }
        byTarget.values().forEach(l -> l.sort(Comparator.comparingLong(StraceMarks.Send::atNs)));
        Map<Integer, Integer> next = new HashMap<>();
        StraceMarks.Send[] out = new StraceMarks.Send[deliveries.size()];
        for (int i = 0; i < deliveries.size(); i++) {
            StraceMarks.Delivery d = deliveries.get(i);
            List<StraceMarks.Send> to = byTarget.get(d.tid());
            if (to == null) {
                continue;
            }
            int k = next.getOrDefault(d.tid(), 0);
            if (k < to.size() && to.get(k).atNs() <= d.atNs()) {
                out[i] = to.get(k);
                // the sends merged into this one's pending signal are used up with it
                while (k < to.size() && to.get(k).atNs() <= d.atNs()) {
                    k++;
                }
                next.put(d.tid(), k);
            }
        }
        return out;
    }
}
