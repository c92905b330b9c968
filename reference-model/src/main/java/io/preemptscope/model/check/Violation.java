package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import java.util.List;

/**
 * A model rule the capture breaks.
 *
 * @param tid the thread, -1 when it concerns no thread
 * @param refs the observations that show it, first the one it is about
 * @param message one sentence a user understands
 * @param goroutine the goroutine, null when the observation does not name one
 */
public record Violation(AnomalyId id, Severity severity, int tid, long timeNs, List<Long> refs, String message,
        Long goroutine) {
    public Violation {
        refs = List.copyOf(refs);
    }

    public Violation(AnomalyId id, Severity severity, int tid, long timeNs, List<Long> refs, String message) {
        this(id, severity, tid, timeNs, refs, message, null);
    }
}
