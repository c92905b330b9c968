package io.preemptscope.model.version;

/**
 * The preemption behaviours that differ between Go releases on Linux, one constant per family
 * (preemption-model.md §1–§2, §5.7). Everything the model decides per version reads it here.
 */
public enum RuntimeProfile {
    GO1_13("go1.13", false, false, false, DeepSleepReset.ALWAYS, true, false, false),
    GO1_14_0("go1.14.0", true, false, false, DeepSleepReset.ALWAYS_EVEN_WITHOUT_SLEEP, true, false, false),
    GO1_14_1("go1.14.1+", true, true, false, DeepSleepReset.ALWAYS_EVEN_WITHOUT_SLEEP, true, false, false),
    GO1_15("go1.15", true, true, true, DeepSleepReset.ALWAYS_EVEN_WITHOUT_SLEEP, true, true, false),
    GO1_16_TO_1_25("go1.16-1.25", true, true, true, DeepSleepReset.ONLY_ON_SYSCALL_WAKE, true, true, true),
    GO1_26_PLUS("go1.26+", true, true, true, DeepSleepReset.ONLY_ON_SYSCALL_WAKE, false, true, true);

    private final String label;
    private final boolean asyncPreemption;
    private final boolean signalPendingGuard;
    private final boolean asyncpreemptoffIgnoresExternalSigurg;
    private final DeepSleepReset deepSleepReset;
    private final boolean pSyscallState;
    private final boolean stdlibRetriesPollEintr;
    private final boolean stdlibRetriesFileEintr;

    RuntimeProfile(String label, boolean asyncPreemption, boolean signalPendingGuard,
            boolean asyncpreemptoffIgnoresExternalSigurg, DeepSleepReset deepSleepReset,
            boolean pSyscallState, boolean stdlibRetriesPollEintr, boolean stdlibRetriesFileEintr) {
        this.label = label;
        this.asyncPreemption = asyncPreemption;
        this.signalPendingGuard = signalPendingGuard;
        this.asyncpreemptoffIgnoresExternalSigurg = asyncpreemptoffIgnoresExternalSigurg;
        this.deepSleepReset = deepSleepReset;
        this.pSyscallState = pSyscallState;
        this.stdlibRetriesPollEintr = stdlibRetriesPollEintr;
        this.stdlibRetriesFileEintr = stdlibRetriesFileEintr;
    }

    public static RuntimeProfile of(GoVersion v) {
        if (!v.atLeast(1, 14, 0)) {
            return GO1_13;
        }
        if (v.major() == 1 && v.minor() == 14) {
            // Before go1.21 the first release of a minor version is named without a patch level:
            // "go1.14" (runtime.Version, the tag) is go1.14.0, which lacks m.signalPending (§2.2).
            return v.patch() <= 0 ? GO1_14_0 : GO1_14_1;
        }
        if (v.major() == 1 && v.minor() == 15) {
            return GO1_15;
        }
        if (!v.atLeast(1, 26, 0)) {
            return GO1_16_TO_1_25;
        }
        return GO1_26_PLUS;
    }

    public String label() {
        return label;
    }

    /** preemptone calls preemptM, which sends SIGURG with tgkill (go1.14+, §2.1). */
    public boolean asyncPreemption() {
        return asyncPreemption;
    }

    /** preemptM sends only when m.signalPending goes 0 → 1 (go1.14.1 backport, go1.15+; §2.2). */
    public boolean signalPendingGuard() {
        return signalPendingGuard;
    }

    /** With asyncpreemptoff=1 sighandler skips doSigPreempt even for external SIGURG (go1.15+, §2.4). */
    public boolean asyncpreemptoffIgnoresExternalSigurg() {
        return asyncpreemptoffIgnoresExternalSigurg;
    }

    public DeepSleepReset deepSleepReset() {
        return deepSleepReset;
    }

    /** A P in a syscall has status _Psyscall and no M; go1.26 removed the state (§1.6). */
    public boolean pSyscallState() {
        return pSyscallState;
    }

    /** internal/poll and os wait loop on EINTR (go1.15, 8c1db77a92; §5.7). */
    public boolean stdlibRetriesPollEintr() {
        return stdlibRetriesPollEintr;
    }

    /** os loops on EINTR for every file syscall (go1.16, 6b420169d7; §5.7). */
    public boolean stdlibRetriesFileEintr() {
        return stdlibRetriesFileEintr;
    }

    /** Whether the runtime itself sends SIGURG under the given asyncpreemptoff setting (§2.4). */
    public boolean runtimeSendsSigurg(boolean asyncpreemptoff) {
        return asyncPreemption && !asyncpreemptoff;
    }
}
