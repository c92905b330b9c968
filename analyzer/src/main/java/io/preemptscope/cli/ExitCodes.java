package io.preemptscope.cli;

/** The exit statuses every preemptscope command shares. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Findings or checks at or above the requested threshold. */
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    /** Bad or unreadable input. */
    public static final int BAD_INPUT = 3;
    public static final int CAPTURE_FAILED = 4;

    private ExitCodes() {}
}
