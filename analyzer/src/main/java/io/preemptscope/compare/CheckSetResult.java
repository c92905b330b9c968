package io.preemptscope.compare;

import java.util.List;

/** The checks of one set (go1.14-preemption, no-regression, or a checks file) in order. */
public record CheckSetResult(String name, List<CheckResult> checks) {
    public CheckSetResult {
        checks = List.copyOf(checks);
    }

    public long count(Verdict v) {
        return checks.stream().filter(c -> c.verdict() == v).count();
    }
}
