package io.preemptscope.strace.args;

/** nanosleep(req, rem) read in place: sysmon sleeps constantly, and its request is the first struct. */
public final class SleepArgs {
    private SleepArgs() {}

    /** The requested sleep in ns, or -1 when it cannot be read. */
    public static long requestNs(String args) {
        return ArgDecoder.timespecNanos(args);
    }

    /** Whether the request is given only as its address (perf shows registers only): a sleep of unknown request. */
    public static boolean requestUnread(String args) {
        return ArgDecoder.unreadPointer(ArgSplitter.first(args));
    }
}
