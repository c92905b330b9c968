package io.preemptscope.gotrace;

/** Preemptions counted by mechanism, for summaries that do not keep the preemptions themselves. */
public final class PreemptionTally {
    private long async;
    private long cooperative;

    public void add(Preemption p) {
        if (p.kind() == PreemptionKind.ASYNC) {
            async++;
        } else {
            cooperative++;
        }
    }

    public long async() {
        return async;
    }

    public long cooperative() {
        return cooperative;
    }
}
