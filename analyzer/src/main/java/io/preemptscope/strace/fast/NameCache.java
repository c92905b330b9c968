package io.preemptscope.strace.fast;

/**
 * Hands out one String per syscall or signal name instead of a new substring per line: a
 * capture has a few dozen names in millions of lines, and a canonical String keeps its hash and
 * compares by identity in every switch and map that follows. A direct-mapped table; a collision
 * only costs a fresh substring.
 */
final class NameCache {
    private static final int SIZE = 512;
    /**
     * Seeded with the literals the analysis compares against, so that those comparisons are
     * identity checks; every other name is cached as it first appears.
     */
    private static final String[] SEEDS = {
        "futex", "nanosleep", "read", "write", "rt_sigreturn", "tgkill", "tkill", "kill", "getpid", "gettid",
        "epoll_pwait", "epoll_wait", "sched_yield", "rt_sigaction", "rt_sigprocmask", "clone", "clone3",
        "execve", "exit", "exit_group", "mlock", "restart_syscall", "SIGURG",
    };
    private final String[] names = new String[SIZE];

    NameCache() {
        for (String seed : SEEDS) {
            name(seed, 0, seed.length());
        }
    }

    String name(String line, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + line.charAt(i);
        }
        int slot = (h ^ (h >>> 9)) & (SIZE - 1);
        String cached = names[slot];
        int length = to - from;
        if (cached != null && cached.length() == length && line.regionMatches(from, cached, 0, length)) {
            return cached;
        }
        String fresh = from == 0 && to == line.length() ? line : line.substring(from, to);
        names[slot] = fresh;
        return fresh;
    }
}
