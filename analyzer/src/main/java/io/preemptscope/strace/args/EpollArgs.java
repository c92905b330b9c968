package io.preemptscope.strace.args;

import java.util.List;

/**
 * The timeout of an epoll wait: {@code epoll_wait(epfd, events, maxevents, timeout)} and
 * epoll_pwait take milliseconds (-1 waits forever, 0 polls); epoll_pwait2 takes a timespec
 * pointer, NULL for forever. Read only when a wait returned EINTR, so it may split the arguments.
 */
public final class EpollArgs {
    /** What {@link #timeoutMs} answers for a wait without a limit. */
    public static final long FOREVER = -1;
    /** What it answers when the arguments do not say. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private EpollArgs() {}

    /** The wait's timeout in ms ({@code epoll_pwait2}'s rounded up), {@link #FOREVER}, or {@link #UNKNOWN}. */
    public static long timeoutMs(String syscall, String args) {
        List<String> a = ArgSplitter.split(args);
        if (a.size() < 4) {
            return UNKNOWN;
        }
        String timeout = a.get(3).strip();
        if (syscall.equals("epoll_pwait2")) {
            if (timeout.equals("NULL")) {
                return FOREVER;
            }
            long ns = ArgDecoder.timespecNanos(timeout);
            return ns < 0 ? UNKNOWN : (ns + 999_999) / 1_000_000;
        }
        long ms = NumericValues.leadingInt(timeout, Integer.MIN_VALUE);
        return ms == Integer.MIN_VALUE ? UNKNOWN : Math.max(ms, FOREVER);
    }
}
