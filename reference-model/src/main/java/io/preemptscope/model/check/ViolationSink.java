package io.preemptscope.model.check;

/** Where rule sets put what they find. */
@FunctionalInterface
interface ViolationSink {
    void add(Violation v);
}
