package io.preemptscope.strace.args;

/**
 * The arguments the preemption analysis needs, typed. Only the syscalls that matter have a
 * type; everything else stays text on the event.
 */
public sealed interface SyscallArgs {

    /** tgkill(tgid, tid, sig), tkill(tid, sig), kill(pid, sig); tgid is -1 where the call has none. */
    record SignalSend(int tgid, int tid, String signal) implements SyscallArgs {}

    /**
     * rt_sigaction(sig, act, oldact, size): the new action, when one is installed.
     *
     * @param handler SIG_DFL, SIG_IGN or the handler's address; null when act is NULL
     * @param flags the sa_flags text ("SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_SIGINFO")
     */
    record SigAction(String signal, String handler, String flags) implements SyscallArgs {
        public boolean restart() {
            return flags != null && flags.contains("SA_RESTART");
        }

        /** The handler runs on the alternate signal stack. */
        public boolean onStack() {
            return flags != null && flags.contains("SA_ONSTACK");
        }
    }

    /** rt_sigprocmask(how, set, oldset, size). */
    record SigProcMask(String how, String set) implements SyscallArgs {}

    /** nanosleep / clock_nanosleep: the requested sleep in ns, -1 when unreadable. */
    record Sleep(long requestNanos) implements SyscallArgs {}

    /** futex(addr, op, val, timeout...): timeout in ns, -1 for NULL or none. */
    record Futex(String address, String op, long timeoutNanos) implements SyscallArgs {}

    /** epoll_wait / epoll_pwait / epoll_pwait2: timeout in ms (-1 = block), as the call gave it. */
    record EpollWait(int epfd, long timeoutMillis) implements SyscallArgs {}

    /** read, write, readv, writev, pread64, pwrite64, recvfrom, sendto, ...: the fd. */
    record FdCall(int fd) implements SyscallArgs {}

    /** rt_sigreturn({mask=[...]}): the mask restored, null when strace could not decode it. */
    record SigReturn(String mask) implements SyscallArgs {}

    /** restart_syscall(&lt;... resuming interrupted NAME ...&gt;). */
    record RestartSyscall(String interrupted) implements SyscallArgs {}

    /** clone / clone3 / fork / vfork: the flags text; the new thread's id is the result. */
    record Clone(String flags) implements SyscallArgs {}

    /** execve(path, argv, envp): the program's path, null when strace did not print it whole. */
    record Exec(String path) implements SyscallArgs {}

    /** mlock(addr, len): the length, when printed as a number. */
    record MemoryLock(long length) implements SyscallArgs {}

    /** exit / exit_group. */
    record Exit(int status) implements SyscallArgs {}

    /** A syscall without a typed form. */
    record Untyped() implements SyscallArgs {}
}
