package io.preemptscope.analysis;

/** What ended a thread's stretch of user code in strace, by the name JSON gives it. */
enum RunEnd {
    SYSCALL("syscall"),
    SIGURG("SIGURG"),
    /** A signal other than SIGURG: its handler runs, so the stretch is over. */
    SIGNAL("signal"),
    /** A group-stop (SIGSTOP, SIGTSTP, a debugger). */
    STOP("stop"),
    /** Still running when a signal killed the process. */
    KILLED("killed"),
    /** Still running when the capture ended. */
    CAPTURE_END("capture end");

    final String label;

    RunEnd(String label) {
        this.label = label;
    }
}
