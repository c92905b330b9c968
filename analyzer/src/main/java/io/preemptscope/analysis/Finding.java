package io.preemptscope.analysis;

import io.preemptscope.model.anomaly.Severity;
import java.math.BigDecimal;
import java.util.List;

/**
 * One anomaly found in a capture, with its evidence.
 *
 * @param id the catalogue's stable id
 * @param tid the thread it concerns, -1 when none
 * @param goroutine the goroutine it concerns, null when the capture does not say (strace)
 * @param ts seconds on the capture's clock
 * @param evidence where to look, first the line the finding is about
 * @param rule the model rule it breaks, with its citation
 */
public record Finding(
        String id, Severity severity, int tid, Long goroutine, BigDecimal ts, List<Evidence> evidence,
        String rule, String message) {
    public Finding {
        evidence = List.copyOf(evidence);
    }
}
