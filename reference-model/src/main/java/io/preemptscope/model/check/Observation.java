package io.preemptscope.model.check;

import io.preemptscope.model.signal.RestartCode;
import io.preemptscope.model.signal.SignalHandler;

/**
 * What a capture shows, in the model's terms. Each observation carries the time in ns on the
 * capture's clock and an opaque {@code ref} the caller maps back to its evidence (a file and line);
 * the model never looks inside it.
 */
public sealed interface Observation {
    long timeNs();

    long ref();

    /** tgkill/tkill/kill by a thread of the observed process. */
    record SignalSent(long timeNs, long ref, int sender, int targetTid, String signal) implements Observation {}

    /**
     * A signal delivered to a thread.
     *
     * @param fromProcess sent by the process itself with tgkill (si_code SI_TKILL, si_pid = own pid)
     */
    record SignalDelivered(long timeNs, long ref, int tid, String signal, boolean fromProcess) implements Observation {}

    /**
     * rt_sigreturn: the handler ended.
     *
     * @param eintr the restored register holds -EINTR: the interrupted syscall fails with EINTR
     * @param restoredSyscall the restored register holds the number of the interrupted syscall
     *     (it is being re-executed); false when unknown
     */
    record SignalReturned(long timeNs, long ref, int tid, boolean eintr, boolean restoredSyscall)
            implements Observation {}

    /**
     * A syscall entered by a thread. The rules look at entries only after an interruption on the
     * thread (retries, restarts) and while a SIGURG to it is pending (loss); a replay may leave out
     * the others, which are nearly all of a capture's syscalls.
     *
     * @param key what makes two calls "the same call" for retry purposes: name and first argument
     */
    record SyscallEntered(long timeNs, long ref, int tid, String syscall, String key) implements Observation {}

    /**
     * A syscall that a signal interrupted: it left a restart code, or returned -1 EINTR itself.
     *
     * @param code the restart code, or null for a direct -1 EINTR
     * @param timeout for futex and epoll waits: whether the wait had a time limit (an epoll wait
     *     that polls, timeout 0, has none)
     * @param injected the error came from the tracer ({@code strace --inject}), not from the kernel:
     *     no signal interrupted anything
     */
    record SyscallInterrupted(long timeNs, long ref, int tid, String syscall, String key, RestartCode code,
            boolean timeout, boolean injected) implements Observation {
        public SyscallInterrupted(long timeNs, long ref, int tid, String syscall, String key, RestartCode code,
                boolean timeout) {
            this(timeNs, ref, tid, syscall, key, code, timeout, false);
        }
    }

    /** rt_sigaction installing a new disposition. */
    record HandlerInstalled(long timeNs, long ref, int tid, String signal, SignalHandler handler)
            implements Observation {}

    /** One sleep of the sysmon thread: requested and actual length. */
    /**
     * @param requestedNs the delay sysmon asked for, {@link #UNKNOWN} when the capture shows only
     *     the sleep's length (perf sees nanosleep's request as an address)
     * @param actualNs how long it slept, -1 when not measured
     */
    record SysmonSlept(long timeNs, long ref, int tid, long requestedNs, long actualNs) implements Observation {
        public static final long UNKNOWN = -1;

        public boolean requestKnown() {
            return requestedNs != UNKNOWN;
        }
    }

    /**
     * sysmon's deep sleep: a futex wait on sched.sysmonnote with a timeout (§1.3–1.4).
     *
     * @param woken it ended by a wakeup (a syscall entry or exit, an STW start), not by timing out
     */
    record SysmonDeepSlept(long timeNs, long ref, int tid, boolean woken) implements Observation {}

    /**
     * A stretch in which a thread ran in user space without entering the kernel.
     *
     * @param timeNs when it began (the previous syscall returned)
     * @param endNs when it ended (the next syscall or signal delivery)
     * @param sigurgSent SIGURG sent to the thread during the stretch
     * @param cutShortBy null when the thread left user space itself; otherwise what ended the
     *     capture of a thread still running, e.g. "it was killed by SIGINT" or "the capture ended":
     *     the run lasted at least this long
     * @param onCpuNs how much of the run the thread spent on a CPU, -1 when the capture does not
     *     show it (strace); a perf capture does
     */
    record UserRun(long timeNs, long ref, int tid, long endNs, int sigurgSent, String cutShortBy, long onCpuNs)
            implements Observation {
        public UserRun(long timeNs, long ref, int tid, long endNs, int sigurgSent) {
            this(timeNs, ref, tid, endNs, sigurgSent, null, -1);
        }

        public UserRun(long timeNs, long ref, int tid, long endNs, int sigurgSent, String cutShortBy) {
            this(timeNs, ref, tid, endNs, sigurgSent, cutShortBy, -1);
        }

        /** The same run, with the time its thread spent on a CPU. */
        public UserRun onCpu(long ns) {
            return new UserRun(timeNs, ref, tid, endNs, sigurgSent, cutShortBy, ns);
        }

        /** How long the thread ran its code: on a CPU when known, else the run's whole length. */
        public long busyNs() {
            return onCpuNs >= 0 ? onCpuNs : lengthNs();
        }

        public long lengthNs() {
            return endNs - timeNs;
        }

        /** The thread was still running user code when the capture lost sight of it. */
        public boolean stillRunning() {
            return cutShortBy != null;
        }
    }

    /**
     * A goroutine's time slice on a P, from a Go execution trace.
     *
     * @param timeNs when it started (GoStart)
     * @param endNs when it ended
     * @param end how it ended
     * @param othersWaitedNs the longest time, during this slice, another goroutine stood runnable
     *     (ready, not blocked, asleep or in a syscall) while every P ran a goroutine and no stop of
     *     the world was under way, so that only a running goroutine kept it from running: the cost
     *     of the slice to the rest of the program
     * @param waiter that goroutine, 0 when none waited
     */
    record TimeSlice(long timeNs, long ref, long goroutine, int p, long endNs, SliceEnding end, long othersWaitedNs,
            long waiter) implements Observation {
        public long lengthNs() {
            return endNs - timeNs;
        }
    }

    /** How a time slice ended, as far as the model cares. */
    enum SliceEnding { PREEMPTED_ASYNC, PREEMPTED_COOPERATIVE, YIELDED, BLOCKED, SYSCALL, EXITED, CAPTURE_END }

    /** A thread ended. */
    record ThreadExited(long timeNs, long ref, int tid) implements Observation {}

    /**
     * A timed futex wait on a runtime note (FUTEX_WAIT with value 0): notetsleep. Stop-the-world
     * and forEachP wait on theirs in 100 µs steps (§2.1).
     *
     * @param note the futex address
     * @param endNs when the wait returned
     * @param timedOut it returned ETIMEDOUT: nobody woke the note
     * @param continuesLoop the thread made no other syscall since its last timeout on this note (a
     *     stop loop makes only getpid and tgkill between its sleeps): however long the gap, for
     *     a waiter descheduled under tracing, this is the same stop
     */
    record NoteSleep(long timeNs, long ref, int tid, String note, long timeoutNs, long endNs, boolean timedOut,
            boolean continuesLoop) implements Observation {
        /** The step of the stop and safe-point loops: notetsleep(&note, 100*1000) in proc.go. */
        public static final long LOOP_STEP_NS = 100_000L;

        public NoteSleep(long timeNs, long ref, int tid, String note, long timeoutNs, long endNs, boolean timedOut) {
            this(timeNs, ref, tid, note, timeoutNs, endNs, timedOut, false);
        }
    }

    /**
     * A stop of the world from a Go trace (§2.1), from its request (GCSTWStart, STWBegin) to the
     * restart (GCSTWDone, STWEnd). That length holds the wait for every other P to stop and the
     * work done while the world stood still; only the wait shows stragglers.
     *
     * @param kind the reason the trace gives ("GC sweep termination"), null when it gives none
     * @param stoppedNs when the last other P stopped; the request itself when none had to; -1
     *     when the trace cannot show it
     * @param lastP that P, -1 when none had to stop
     * @param lastRef the event where it stopped, -1 when none
     * @param straggler of the goroutines running on other Ps at the request, the one that held
     *     its P longest after it; null when none was running
     * @param unmeasurable why the trace cannot show when the last P stopped, null when it can
     */
    record WorldStopped(long timeNs, long ref, long endNs, String kind, long stoppedNs, int lastP, long lastRef,
            StopStraggler straggler, String unmeasurable) implements Observation {
        public long lengthNs() {
            return endNs - timeNs;
        }

        /** From the request until the last other P stopped; -1 when the trace cannot show it. */
        public long waitNs() {
            return stoppedNs < 0 ? -1 : stoppedNs - timeNs;
        }
    }

    /**
     * A goroutine running on another P when a stop of the world was requested.
     *
     * @param endNs when it was taken off its P (preempted, parked, its P taken from a syscall)
     * @param ref the event that took it off
     */
    record StopStraggler(long goroutine, int p, long endNs, long ref) {}

    /** sched_yield: osyield, which suspendG (and go1.13 scang) call every 5 µs while they wait (§3.4). */
    record Yielded(long timeNs, long ref, int tid) implements Observation {}

    /**
     * A signal sent to another process: kill(pid, sig) or tgkill(tgid, tid, sig) naming a process
     * that is not the observed one.
     */
    record SignalSentOut(long timeNs, long ref, int sender, int targetPid, String signal) implements Observation {}

    /** mlock(addr, length) that failed with errno. */
    record MemoryLockFailed(long timeNs, long ref, int tid, long lengthBytes, String errno) implements Observation {}
}
