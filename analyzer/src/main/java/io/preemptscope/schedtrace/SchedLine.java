package io.preemptscope.schedtrace;

import java.util.List;

/**
 * One line of {@code GODEBUG=schedtrace} output. Ids the runtime prints as -1 (Go ≤ 1.19) or
 * {@code nil} (Go 1.20+) are {@link #NONE}; flags printed as true/false are 1/0.
 */
public sealed interface SchedLine {
    long NONE = -1;

    /**
     * {@code SCHED <ms>ms: ...}.
     *
     * @param needspinning null before Go 1.20
     * @param gcwaiting null unless scheddetail=1 (likewise nmidlelocked, stopwait, sysmonwait)
     * @param localRunqs per-P local run queue lengths; null with scheddetail=1
     * @param schedticks per-P schedtick (Go 1.25+ summary format); null when not printed
     */
    record Summary(long elapsedMs, long gomaxprocs, long idleprocs, long threads, long spinningthreads,
            Long needspinning, long idlethreads, long runqueue, Long gcwaiting, Long nmidlelocked, Long stopwait,
            Long sysmonwait, List<Long> localRunqs, List<Long> schedticks) implements SchedLine {
        public boolean detailed() {
            return gcwaiting != null;
        }
    }

    /** {@code P<i>: status=... schedtick=...}; timerslen is null before Go 1.14. */
    record PLine(int index, long status, long schedtick, long syscalltick, long m, long runqsize, long gfreecnt,
            Long timerslen) implements SchedLine {}

    /** {@code M<id>: p=... curg=...}. */
    record MLine(long id, long p, long curg, long mallocing, long throwing, String preemptoff, long locks,
            long dying, long spinning, long blocked, long lockedg) implements SchedLine {}

    /** {@code G<goid>: status=<n>(<wait reason>) m=... lockedm=...}. */
    record GLine(long goid, long status, String waitReason, long m, long lockedm) implements SchedLine {}

    /** P status values (runtime2.go). */
    int P_IDLE = 0;
    int P_RUNNING = 1;
    int P_SYSCALL = 2;
}
