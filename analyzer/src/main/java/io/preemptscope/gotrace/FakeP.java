package io.preemptscope.gotrace;

/** The pseudo-Ps Go's v1 parser moves some events to; values as go1.19 internal/trace. */
public final class FakeP {
    public static final int TIMER = 1_000_001;
    public static final int NETPOLL = 1_000_002;
    public static final int SYSCALL = 1_000_003;
    public static final int GC = 1_000_004;
    public static final int PROFILE = 1_000_005;

    private FakeP() {}

    /** A P of the program (not the global buffer, not a parser pseudo-P). */
    public static boolean isReal(int p) {
        return p >= 0 && p < 1_000_000;
    }
}
