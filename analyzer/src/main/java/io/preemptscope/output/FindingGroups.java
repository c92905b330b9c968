package io.preemptscope.output;

import io.preemptscope.analysis.Finding;
import io.preemptscope.model.anomaly.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order every renderer shows findings in, so the text report and the HTML page agree. */
public final class FindingGroups {
    private FindingGroups() {}

    /** Findings by severity, most severe first, then by id in order of first appearance. */
    public static Map<Severity, Map<String, List<Finding>>> of(List<Finding> findings) {
        Map<Severity, Map<String, List<Finding>>> out = new LinkedHashMap<>();
        for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            Map<String, List<Finding>> byId = new LinkedHashMap<>();
            for (Finding f : findings) {
                if (f.severity() == s) {
                    byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
                }
            }
            if (!byId.isEmpty()) {
                out.put(s, byId);
            }
        }
        return out;
    }
}
