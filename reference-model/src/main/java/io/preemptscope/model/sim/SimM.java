package io.preemptscope.model.sim;

import io.preemptscope.model.signal.ThreadSignals;

/** A simulated M: a kernel thread with its tid, its signal state and the user-run bookkeeping. */
final class SimM {
    enum State { USER, SYSCALL, PARKED, HANDLER }

    final int tid;
    final ThreadSignals signals = new ThreadSignals();
    State state = State.USER;
    SimP p;
    /** The P this M held when it entered a syscall (≤1.25 m.oldp; the same idea in 1.26). */
    SimP oldP;
    SimG g;
    /** m.signalPending (go1.14.1+): set by preemptM, cleared by doSigPreempt (§2.2). */
    boolean signalPending;
    /** The kernel wait the thread is in, when SYSCALL or PARKED. */
    String waitSyscall;
    String waitKey;
    /** When the kernel wait ends and the event generation that ends it. */
    long waitEnd;
    int waitGen;
    Runnable waitAction;
    /** Until then the thread is busy with an interruption it already took (handler, retry). */
    long busyUntil;
    /** A SIGURG that could not be delivered yet (handler running, or an uninterruptible call). */
    boolean deferredSigurg;
    private long runStart = -1;
    private int sigurgInRun;

    SimM(int tid) {
        this.tid = tid;
    }

    void beginRun(long t) {
        runStart = t;
        sigurgInRun = 0;
    }

    void countSigurg() {
        if (runStart >= 0) {
            sigurgInRun++;
        }
    }

    /** Ends the current user run, if any, and records it. */
    void endRun(long t, Recorder rec) {
        if (runStart >= 0) {
            rec.userRun(tid, runStart, t, sigurgInRun);
            runStart = -1;
        }
    }
}
