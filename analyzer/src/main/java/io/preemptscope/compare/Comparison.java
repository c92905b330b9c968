package io.preemptscope.compare;

import java.util.List;

/**
 * Everything {@code compare} reports; the renderers only read it.
 *
 * @param notes differences the checks do not count as regressions, each said once: changes of
 *     the Go release other than preemption, and why a check could not pass on these captures
 */
public record Comparison(int schema, SideSummary baseline, SideSummary candidate, List<CheckSetResult> checkSets,
        List<FindingChange> findingChanges, List<String> notes) {
    public static final int SCHEMA = 1;

    public Comparison {
        checkSets = List.copyOf(checkSets);
        findingChanges = List.copyOf(findingChanges);
        notes = List.copyOf(notes);
    }

    public boolean failed(boolean strict) {
        return checkSets.stream().flatMap(s -> s.checks().stream())
                .anyMatch(c -> c.verdict() == Verdict.FAIL || (strict && c.verdict() == Verdict.INCONCLUSIVE));
    }
}
