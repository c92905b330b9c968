package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.version.GoVersion;
import java.util.List;

/**
 * Runtime faults of single releases that a syscall shows (preemption-model.md §6, §7 D26):
 * go1.14 and go1.15 mlock the top page of every signal stack on kernels with the AVX
 * signal-frame bug (golang/go#35777); when mlock fails with ENOMEM the page is not protected.
 */
final class FaultRules {
    /** One page: the size mlockGsignal locks. */
    private static final long PAGE = 4096;
    private static final GoVersion MLOCK_FROM = new GoVersion(1, 14, 0);
    private static final GoVersion MLOCK_REMOVED = new GoVersion(1, 16, 0);
    private static final GoVersion THROW_FIXED = new GoVersion(1, 14, 1);

    private final CheckerSettings settings;
    private final ViolationSink sink;
    private int failures;
    private Observation.MemoryLockFailed first;

    FaultRules(CheckerSettings settings, ViolationSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    void mlockFailed(Observation.MemoryLockFailed m) {
        if (m.lengthBytes() != PAGE || !"ENOMEM".equals(m.errno()) || !settings.releaseIn(MLOCK_FROM, MLOCK_REMOVED)) {
            return;
        }
        failures++;
        if (first == null) {
            first = m;
        }
    }

    void finish() {
        if (first == null) {
            return;
        }
        boolean throwsIt = settings.releaseIn(MLOCK_FROM, THROW_FIXED);
        sink.add(AnomalyId.MLOCK_SIGSTACK_FAILURE, () -> new Violation(AnomalyId.MLOCK_SIGSTACK_FAILURE,
                AnomalyId.MLOCK_SIGSTACK_FAILURE.severity(), first.tid(), first.timeNs(), List.of(first.ref()),
                failures + " mlock of a signal stack page failed with ENOMEM (RLIMIT_MEMLOCK too low), first on thread "
                        + first.tid() + (throwsIt ? ": go1.14.0 throws \"mlock failed\" (golang/go#37436)"
                                : ": the runtime goes on, and a signal can corrupt vector registers (golang/go#35777)")));
    }
}
