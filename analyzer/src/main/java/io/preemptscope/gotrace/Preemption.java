package io.preemptscope.gotrace;

import java.util.List;

/** A GoPreempt event with its mechanism. */
public record Preemption(long g, int p, long tsNs, PreemptionKind kind, List<Frame> stack) {}
