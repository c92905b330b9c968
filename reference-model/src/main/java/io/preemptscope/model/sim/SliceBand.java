package io.preemptscope.model.sim;

import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.version.RuntimeProfile;

/**
 * How long a call-free time slice runs before the runtime stops it, when other work waits
 * (preemption-model.md §1.9): between forcePreemptNS and forcePreemptNS + 2·(10 ms + slack) with
 * async preemption; never stopped without it.
 *
 * @param maxNs {@link Long#MAX_VALUE} when the runtime cannot stop call-free code
 */
public record SliceBand(long minNs, long maxNs) {

    public static SliceBand of(RuntimeProfile profile, boolean asyncpreemptoff) {
        if (profile.runtimeSendsSigurg(asyncpreemptoff)) {
            return new SliceBand(SysmonConstants.FORCE_PREEMPT_NS,
                    SysmonConstants.preemptDeadlineNs(SysmonConstants.MAX_DELAY_NS));
        }
        return new SliceBand(SysmonConstants.FORCE_PREEMPT_NS, Long.MAX_VALUE);
    }

    /** Whether the runtime preempts call-free code at all. */
    public boolean bounded() {
        return maxNs != Long.MAX_VALUE;
    }

    public boolean contains(long ns) {
        return ns >= minNs && ns <= maxNs;
    }
}
