package io.preemptscope.analysis;

import java.util.Map;

/**
 * amd64 syscall numbers of the calls Go threads block in. rt_sigreturn "returns" the restored
 * register, which holds the interrupted call's number when the kernel re-executes it
 * (preemption-model.md §5.6).
 */
final class Amd64Syscalls {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("read", 0), Map.entry("write", 1), Map.entry("openat", 257), Map.entry("close", 3),
            Map.entry("nanosleep", 35), Map.entry("futex", 202), Map.entry("epoll_wait", 232),
            Map.entry("epoll_pwait", 281), Map.entry("accept4", 288), Map.entry("accept", 43),
            Map.entry("connect", 42), Map.entry("recvfrom", 45), Map.entry("sendto", 44),
            Map.entry("recvmsg", 47), Map.entry("sendmsg", 46), Map.entry("wait4", 61),
            Map.entry("waitid", 247), Map.entry("readv", 19), Map.entry("writev", 20),
            Map.entry("pread64", 17), Map.entry("pwrite64", 18), Map.entry("ioctl", 16),
            Map.entry("clock_nanosleep", 230), Map.entry("pselect6", 270), Map.entry("ppoll", 271),
            Map.entry("poll", 7), Map.entry("select", 23), Map.entry("sched_yield", 24),
            Map.entry("flock", 73), Map.entry("getrandom", 318), Map.entry("clone", 56));

    private Amd64Syscalls() {}

    /** The number, or -1 when unknown here. */
    static int number(String name) {
        return NUMBERS.getOrDefault(name, -1);
    }
}
