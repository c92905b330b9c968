package io.preemptscope.analysis.join;

import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoEventKind;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.decode.GoTraceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a Go execution trace shows that strace also sees: each async preemption (the SIGURG
 * handler's work) and each syscall entry the runtime traced, with the M or OS thread it ran on.
 * Syscall entries are kept up to {@link #MAX_SYSCALLS}: they only place the clock.
 */
public final class TraceMarks {
    static final int MAX_SYSCALLS = 200_000;
    /** Packages whose innermost frame is the syscall itself, named as the kernel names it. */
    private static final Set<String> SYSCALL_PACKAGES = Set.of("syscall", "golang.org/x/sys/unix",
            "internal/syscall/unix");
    /** Go's names that differ from the kernel's. */
    private static final Map<String, String> KERNEL_NAMES = Map.of("open", "openat", "pread", "pread64",
            "pwrite", "pwrite64", "epollwait", "epoll_wait", "fstatat", "newfstatat", "getdents", "getdents64",
            "accept", "accept4");
    /** Wrappers that do not say which call they make. */
    private static final Set<String> GENERIC = Set.of("syscall", "syscall6", "rawsyscall", "rawsyscall6",
            "syscallnoerror", "rawsyscallnoerror");

    private final List<TraceMark> asyncPreemptions = new ArrayList<>();
    private final List<TraceMark> syscalls = new ArrayList<>();
    private long droppedSyscalls;
    private boolean threadIds;
    private long durationNs;

    private TraceMarks() {}

    /** Reads the marks in one more pass over the trace. */
    public static TraceMarks of(GoTraceInput trace) throws GoTraceFormatException {
        TraceMarks marks = new TraceMarks();
        trace.replay(new GoTraceInput.Listener() {
            @Override
            public void event(GoEvent e) {
                marks.add(e);
            }

            @Override
            public void slice(RunSlice slice) {}

            @Override
            public void preemption(io.preemptscope.gotrace.Preemption p) {}
        });
        marks.durationNs = trace.durationNs();
        return marks;
    }

    void add(GoEvent e) {
        threadIds |= e.thread() >= 0;
        if (e.kind() == GoEventKind.GO_PREEMPTED_ASYNC) {
            asyncPreemptions.add(new TraceMark(e.tsNs(), e.m(), e.thread(), e.g(), e.offset(), null));
        } else if (e.kind() == GoEventKind.SYSCALL_ENTERED) {
            if (syscalls.size() < MAX_SYSCALLS) {
                syscalls.add(new TraceMark(e.tsNs(), e.m(), e.thread(), e.g(), e.offset(), syscallName(e.stack())));
            } else {
                droppedSyscalls++;
            }
        }
    }

    /** The kernel's name of the call the innermost frame makes, or null when it does not say. */
    static String syscallName(List<Frame> stack) {
        if (stack.isEmpty()) {
            return null;
        }
        String function = stack.get(0).function();
        int dot = function.lastIndexOf('.');
        if (dot < 0 || !SYSCALL_PACKAGES.contains(function.substring(0, dot))) {
            return null;
        }
        String name = function.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (GENERIC.contains(name)) {
            return null;
        }
        return KERNEL_NAMES.getOrDefault(name, name);
    }

    List<TraceMark> asyncPreemptions() {
        return asyncPreemptions;
    }

    List<TraceMark> syscalls() {
        return syscalls;
    }

    long droppedSyscalls() {
        return droppedSyscalls;
    }

    /** Go 1.22+ traces name each event's OS thread: strace's TID, so no map has to be guessed. */
    boolean threadIds() {
        return threadIds;
    }

    long durationNs() {
        return durationNs;
    }
}
