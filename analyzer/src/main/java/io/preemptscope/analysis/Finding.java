package io.preemptscope.analysis;

import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.anomaly.Source;
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
 * @param rule the model rule it breaks, with where it is explained
 * @param ruleDoc the section of the project's docs/model.md that explains the rule
 * @param sources where a user can check the rule: Go runtime source at a release tag, man pages
 * @param at the same time as an offset from the capture's start, with the capture's clock text
 * @param capture which capture the evidence comes from: {@code strace}, {@code perf} or {@code go trace}
 */
public record Finding(
        String id, Severity severity, int tid, Long goroutine, BigDecimal ts, List<Evidence> evidence,
        String rule, String message, String ruleDoc, List<Source> sources, CaptureTime at, String capture) {
    public static final String STRACE = "strace";
    public static final String PERF = "perf";
    public static final String GO_TRACE = "go trace";

    public Finding {
        evidence = List.copyOf(evidence);
        sources = List.copyOf(sources);
    }

    /** The same finding judged again: another severity, goroutine or message. */
    public Finding rejudged(Severity newSeverity, Long newGoroutine, String newMessage) {
        return new Finding(id, newSeverity, tid, newGoroutine, ts, evidence, rule, newMessage, ruleDoc, sources, at,
                capture);
    }
}
