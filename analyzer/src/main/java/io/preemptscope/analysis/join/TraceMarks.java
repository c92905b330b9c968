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

    /** Run slices kept at most: they say whether a thread ran a goroutine when a signal came. */
    static final int MAX_SLICES = 2_000_000;

    private final List<TraceMark> asyncPreemptions = new ArrayList<>();
    /** Each M's (or thread's) run slices, start and end in turn, in the order they ended. */
    private final java.util.Map<Long, long[]> slices = new java.util.HashMap<>();
    private final java.util.Map<Long, Integer> sliceCounts = new java.util.HashMap<>();
    private long sliceTotal;
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
            public void slice(RunSlice slice) {
                marks.ended(slice);
            }

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

    private void ended(RunSlice s) {
        long key = s.m();
        if (key < 0 || sliceTotal >= MAX_SLICES) {
            return;
        }
        sliceTotal++;
        int n = sliceCounts.merge(key, 1, Integer::sum);
        long[] a = slices.computeIfAbsent(key, k -> new long[48]);
        if (3 * n > a.length) {
            a = java.util.Arrays.copyOf(a, a.length * 2);
            slices.put(key, a);
        }
        a[3 * n - 3] = s.startNs();
        a[3 * n - 2] = s.endNs();
        a[3 * n - 1] = s.g();
    }

    /** The last slice of the M (or thread) that started at or before {@code tsNs}, -1 for none. */
    private int sliceAt(long[] a, int n, long tsNs) {
        return io.preemptscope.util.Strided.lastAtMost(a, 3, n, tsNs);
    }

    /** The M's (or thread's) run slices as start, end pairs, in the order they ended. */
    public long[] sliceBounds(long key) {
        long[] a = slices.get(key);
        if (a == null) {
            return new long[0];
        }
        int n = sliceCounts.get(key);
        long[] out = new long[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * i] = a[3 * i];
            out[2 * i + 1] = a[3 * i + 1];
        }
        return out;
    }

    /** The length of the M's run slice that ended at {@code endNs} (a preemption), -1 when none did. */
    public long sliceLengthEndingAt(long key, long endNs) {
        long[] a = slices.get(key);
        if (a == null) {
            return -1;
        }
        int i = sliceAt(a, sliceCounts.get(key), endNs);
        return i >= 0 && a[3 * i + 1] == endNs ? endNs - a[3 * i] : -1;
    }

    /**
     * The run slices of an M (or thread) that overlap a stretch of time.
     *
     * @param count how many
     * @param goroutines the goroutines among them, the first five in order
     * @param longestNs the longest of them, whole (not cut to the stretch)
     */
    public record SlicesWithin(int count, java.util.List<Long> goroutines, long longestNs) {}

    /** The M's run slices that overlap [fromNs, toNs] on the trace's clock. */
    public SlicesWithin slicesWithin(long key, long fromNs, long toNs) {
        long[] a = slices.get(key);
        if (a == null) {
            return new SlicesWithin(0, List.of(), 0);
        }
        int n = sliceCounts.get(key);
        int first = Math.max(0, sliceAt(a, n, fromNs));
        int count = 0;
        long longest = 0;
        java.util.LinkedHashSet<Long> gs = new java.util.LinkedHashSet<>();
        for (int k = first; k < n && a[3 * k] <= toNs; k++) {
            if (a[3 * k + 1] < fromNs) {
                continue;
            }
            count++;
            longest = Math.max(longest, a[3 * k + 1] - a[3 * k]);
            if (gs.size() < 5) {
                gs.add(a[3 * k + 2]);
            }
        }
        return new SlicesWithin(count, List.copyOf(gs), longest);
    }

    /** The Ms (or threads) that ran goroutines. */
    java.util.Set<Long> slicedMs() {
        return slices.keySet();
    }

    /** A goroutine on an M at a time: running then, or the last to have run there. */
    public record GoroutineOnM(long g, boolean running) {}

    /**
     * The goroutine whose run slice on the M (or thread) holds {@code tsNs}, or else the last one
     * that ran there before it (a goroutine in a syscall keeps its thread after its slice ended);
     * null when none ran there before.
     */
    public GoroutineOnM goroutineAt(long key, long tsNs) {
        long[] a = slices.get(key);
        if (a == null) {
            return null;
        }
        int last = sliceAt(a, sliceCounts.get(key), tsNs);
        return last < 0 ? null : new GoroutineOnM(a[3 * last + 2], tsNs < a[3 * last + 1]);
    }

    /**
     * Whether the M (or thread) ran a goroutine at trace time {@code tsNs}; null when the trace
     * has no run slice of it at all. An M runs one slice at a time, so its slices end in the order
     * they start.
     */
    Boolean running(long key, long tsNs) {
        long[] a = slices.get(key);
        if (a == null) {
            return null;
        }
        int last = sliceAt(a, sliceCounts.get(key), tsNs);
        return last >= 0 && tsNs < a[3 * last + 1];
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
