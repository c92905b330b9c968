package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import java.util.List;

/**
 * A model rule the capture breaks.
 *
 * @param refs the observations that show it, first the one it is about
 * @param message one sentence a user understands
 */
public record Violation(AnomalyId id, Severity severity, int tid, long timeNs, List<Long> refs, String message) {
    public Violation {
        refs = List.copyOf(refs);
    }
}
