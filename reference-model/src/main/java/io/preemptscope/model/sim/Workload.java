package io.preemptscope.model.sim;

import io.preemptscope.model.version.RuntimeProfile;
import java.util.List;

/**
 * What to simulate. The first goroutine is main: it runs on the main thread from time 0, the others
 * start runnable.
 *
 * @param seed drives only small jitter (signal delivery, thread wake-up, timer slack), so one seed
 *     always gives the same run
 * @param durationNs the capture ends here, or earlier when every goroutine has exited
 */
public record Workload(int gomaxprocs, RuntimeProfile profile, boolean asyncpreemptoff, long seed,
        long durationNs, List<GoroutineSpec> goroutines) {
    public Workload {
        if (gomaxprocs < 1) {
            throw new IllegalArgumentException("GOMAXPROCS must be at least 1: " + gomaxprocs);
        }
        if (durationNs <= 0) {
            throw new IllegalArgumentException("duration must be positive: " + durationNs);
        }
        goroutines = List.copyOf(goroutines);
        if (goroutines.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least the main goroutine");
        }
    }

    public boolean runtimeSendsSigurg() {
        return profile.runtimeSendsSigurg(asyncpreemptoff);
    }
}
