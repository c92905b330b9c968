package io.preemptscope.model.anomaly;

import static io.preemptscope.model.anomaly.Source.goSource;
import static io.preemptscope.model.anomaly.Source.manPage;

import java.util.List;

/**
 * The public sources of each rule: the Go source at the release tag where the behaviour is, and
 * the Linux man pages. docs/model.md lists the same links under each id's "Sources" (a test keeps
 * the two equal).
 */
final class AnomalySources {
    private AnomalySources() {}

    static List<Source> of(AnomalyId id) {
        return switch (id) {
            case PREEMPT_LATENCY_EXCEEDED -> List.of(
                    goSource("go1.19", "runtime/proc.go", "sysmon"),
                    goSource("go1.19", "runtime/proc.go", "retake"),
                    goSource("go1.19", "runtime/signal_unix.go", "preemptM, doSigPreempt"),
                    goSource("go1.26.5", "runtime/proc.go", "retake, preemptone (no _Psyscall)"),
                    manPage("prctl", 2, "PR_SET_TIMERSLACK"));
            case COOP_STARVATION -> List.of(
                    goSource("go1.13", "runtime/proc.go", "preemptone"),
                    goSource("go1.13", "runtime/stack.go", "newstack (stackPreempt)"),
                    goSource("go1.14", "runtime/extern.go", "asyncpreemptoff"));
            case STW_STRAGGLER -> List.of(
                    goSource("go1.19", "runtime/proc.go", "stopTheWorldWithSema, forEachP, preemptall"),
                    goSource("go1.13", "runtime/proc.go", "stopTheWorldWithSema"));
            case GC_SUSPEND_SPIN -> List.of(
                    goSource("go1.19", "runtime/preempt.go", "suspendG"),
                    goSource("go1.19", "runtime/signal_unix.go", "doSigPreempt (preemptGen)"),
                    goSource("go1.13", "runtime/proc.go", "scang"));
            case SYSMON_STALL -> List.of(
                    goSource("go1.19", "runtime/proc.go", "sysmon"),
                    goSource("go1.19", "runtime/sys_linux_amd64.s", "runtime·usleep"),
                    manPage("prctl", 2, "PR_SET_TIMERSLACK"));
            case SYSMON_SCHEDULE_VIOLATION -> List.of(
                    goSource("go1.19", "runtime/proc.go", "sysmon"),
                    goSource("go1.13", "runtime/proc.go", "sysmon (deep sleep always resets)"),
                    goSource("go1.16", "runtime/proc.go", "sysmon (reset only on wakeup)"));
            case SIGURG_DELIVERED_NO_PREEMPT -> List.of(
                    goSource("go1.19", "runtime/proc.go", "retake"),
                    goSource("go1.19", "runtime/preempt.go", "isAsyncSafePoint, canPreemptM"),
                    goSource("go1.19", "runtime/signal_unix.go", "doSigPreempt"));
            case SIGURG_COALESCED -> List.of(
                    manPage("signal", 7, "Queueing and delivery semantics for standard signals"),
                    goSource("go1.14", "runtime/signal_unix.go", "preemptM (signals unconditionally)"),
                    goSource("go1.14.1", "runtime/signal_unix.go", "preemptM, doSigPreempt (m.signalPending)"));
            case SIGURG_LOST -> List.of(
                    goSource("go1.19", "runtime/signal_unix.go", "blockableSig"),
                    manPage("signal", 7, "Signal mask and pending signals"),
                    manPage("tgkill", 2, null));
            case SIGURG_STORM -> List.of(
                    goSource("go1.19", "runtime/proc.go", "sysmon, stopTheWorldWithSema"),
                    goSource("go1.19", "runtime/preempt.go", "suspendG"),
                    goSource("go1.19", "runtime/signal_unix.go", "preemptM"));
            case SIGURG_UNDER_ASYNCPREEMPTOFF -> List.of(
                    goSource("go1.14", "runtime/extern.go", "asyncpreemptoff"),
                    goSource("go1.19", "runtime/proc.go", "preemptone"),
                    goSource("go1.19", "runtime/preempt.go", "suspendG"),
                    goSource("go1.15", "runtime/signal_unix.go", "sighandler"));
            case SIGURG_IN_GO113 -> List.of(
                    goSource("go1.13", "runtime/proc.go", "preemptone"),
                    goSource("go1.13", "runtime/sigtab_linux_generic.go", "SIGURG entry"),
                    goSource("go1.14", "runtime/signal_unix.go", "preemptM (first release with it)"));
            case EXTERNAL_SIGURG -> List.of(
                    goSource("go1.19", "runtime/signal_unix.go", "sighandler"),
                    goSource("go1.19", "runtime/os_linux.go", "signalM"),
                    manPage("tgkill", 2, null));
            case SIGURG_FORWARDED -> List.of(
                    goSource("go1.19", "runtime/signal_unix.go", "sighandler"),
                    goSource("go1.13", "runtime/sigtab_linux_generic.go", "SIGURG entry (_SigNotify)"));
            case SIGURG_TO_SYSCALL_THREAD -> List.of(
                    goSource("go1.19", "runtime/proc.go", "retake, preemptone, reentersyscall"),
                    goSource("go1.26.5", "runtime/proc.go", "preemptone (_Gsyscall check)"),
                    goSource("go1.19", "runtime/preempt.go", "suspendG"));
            case SIGNAL_DELIVERY_LATENCY -> List.of(
                    manPage("tgkill", 2, null),
                    manPage("signal", 7, "Signal mask and pending signals"),
                    goSource("go1.19", "runtime/os_linux.go", "signalM"));
            case EINTR_DESPITE_SA_RESTART -> List.of(
                    manPage("signal", 7, "Interruption of system calls and library functions by signal handlers"),
                    manPage("sigaction", 2, "SA_RESTART"),
                    goSource("go1.19", "runtime/os_linux.go", "setsig"),
                    goSource("go1.15", "internal/poll/fd_unix.go", "EINTR retry loops"),
                    goSource("go1.16", "os/file_posix.go", "ignoringEINTR"));
            case EINTR_NOT_RETRIED -> List.of(
                    manPage("signal", 7, "Interruption of system calls and library functions by signal handlers"),
                    goSource("go1.15", "internal/poll/fd_unix.go", "EINTR retry loops"),
                    goSource("go1.16", "os/file_posix.go", "ignoringEINTR"));
            case EPOLL_EINTR_NOT_RETRIED -> List.of(
                    manPage("signal", 7, "Interruption of system calls and library functions by signal handlers"),
                    goSource("go1.19", "runtime/netpoll_epoll.go", "netpoll"));
            case ALWAYS_EINTR_INTERRUPTED -> List.of(
                    manPage("signal", 7, "Interruption of system calls and library functions by signal handlers"),
                    manPage("restart_syscall", 2, null),
                    goSource("go1.19", "runtime/os_linux.go", "futexsleep"));
            case RESTART_MISMATCH -> List.of(
                    manPage("signal", 7, "Interruption of system calls and library functions by signal handlers"),
                    manPage("sigaction", 2, "SA_RESTART"),
                    manPage("restart_syscall", 2, null));
            case HANDLER_FLAGS_VIOLATION -> List.of(
                    goSource("go1.19", "runtime/os_linux.go", "setsig"),
                    goSource("go1.19", "runtime/signal_unix.go", "initsig"),
                    manPage("sigaction", 2, "SA_ONSTACK, SA_RESTART"));
            case RESTART_STORM -> List.of(
                    manPage("signal", 7, "Interruption of system calls and library functions by signal handlers"),
                    goSource("go1.19", "runtime/os_linux.go", "setsig"),
                    goSource("go1.19", "runtime/signal_unix.go", "preemptM"));
            case PREEMPT_LIVELOCK_1_14_0 -> List.of(
                    goSource("go1.14", "runtime/signal_unix.go", "preemptM"),
                    goSource("go1.14.1", "runtime/signal_unix.go", "preemptM, doSigPreempt"),
                    manPage("signal", 7, "Queueing and delivery semantics for standard signals"));
            case MLOCK_SIGSTACK_FAILURE -> List.of(
                    goSource("go1.14", "runtime/os_linux_x86.go", "osArchInit, mlockGsignal"),
                    goSource("go1.14.1", "runtime/os_linux_x86.go", "mlockGsignal"),
                    manPage("mlock", 2, "ENOMEM"));
            case STW_HANG_PREEMPT_DISABLED -> List.of(
                    goSource("go1.14", "runtime/proc.go", "stopTheWorldWithSema, startTemplateThread"));
        };
    }
}
