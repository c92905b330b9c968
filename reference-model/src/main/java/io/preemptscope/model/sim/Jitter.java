package io.preemptscope.model.sim;

import java.util.SplittableRandom;

/**
 * The only randomness of the simulator: small delays drawn from the workload's seed. Every range
 * stays well inside the slack the model allows (§8: 50 µs timer slack + 100 µs jitter per round).
 */
final class Jitter {
    private final SplittableRandom random;

    Jitter(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** tgkill to the signal frame on a thread that is on a CPU. */
    long deliveryNs() {
        return between(3_000, 10_000);
    }

    /** sigtramp → sighandler → doSigPreempt → rt_sigreturn. */
    long handlerNs() {
        return between(1_000, 3_000);
    }

    /** From the poisoned stack guard to the next function prologue in code that makes calls. */
    long cooperativeNs() {
        return between(500, 2_000);
    }

    /** futex wake of a parked M, or clone of a new one, until it runs. */
    long wakeNs() {
        return between(5_000, 20_000);
    }

    /** Linux timer slack on sysmon's nanosleep (prctl(2): 50 µs by default). */
    long timerSlackNs() {
        return between(0, 50_000);
    }

    /** User code between an EINTR and the retry of the call. */
    long retryNs() {
        return between(500, 2_000);
    }

    private long between(long lowInclusive, long highExclusive) {
        return lowInclusive + random.nextLong(highExclusive - lowInclusive);
    }
}
