package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import java.util.function.Supplier;

/** Where rule sets put what they find. */
@FunctionalInterface
interface ViolationSink {
    /**
     * A violation of {@code id}. Only the first few of an id are kept and the rest are counted; on
     * a long capture most are counted only, so the violation, whose message costs string
     * formatting, is made only when it is kept.
     */
    void add(AnomalyId id, Supplier<Violation> violation);
}
