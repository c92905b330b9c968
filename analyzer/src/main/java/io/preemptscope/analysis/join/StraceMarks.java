package io.preemptscope.analysis.join;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a strace capture shows that a Go trace of the same run also shows: SIGURG deliveries and the
 * tgkills that sent them, syscall entries, and the threads the process cloned. Times are the
 * capture's nanoseconds, on its own clock.
 *
 * <p>Memory is bounded whatever the capture's size. Deliveries and sends are kept up to
 * {@link #MAX_SIGNALS} each (past that, a capture is a signal storm and the join says how many it
 * missed). Syscall entries only place the clock and the threads, so past {@link #MAX_SYSCALLS}
 * every other one is dropped and the sampling halves again whenever the store fills: what is kept
 * stays spread over the whole capture.
 */
public final class StraceMarks {
    static final int MAX_SIGNALS = 1 << 20;
    static final int MAX_SYSCALLS = 1 << 20;

    /** A SIGURG delivery; {@code ref} is the analysis's packed file:line. */
    /** @param runNs how long the thread had run user code when the signal came, -1 when it was not in user code */
    public record Delivery(int tid, long atNs, long ref, long runNs) {}

    /** A tgkill(SIGURG) that succeeded. */
    public record Send(int sender, int target, long atNs, long ref) {}

    /** A thread the process cloned (CLONE_THREAD), in the order strace shows the clones return. */
    public record Clone(long atNs, int parent, int child) {}

    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Send> sends = new ArrayList<>();
    private final List<Clone> clones = new ArrayList<>();
    /** rt_sigreturn entries by thread: a SIGURG handler's end, the tightest bound on a preemption's time. */
    private final Map<Integer, List<Long>> sigreturns = new HashMap<>();
    private int sigreturnCount;
    private long droppedSignals;
    private int[] syscallTid = new int[1024];
    private long[] syscallNs = new long[1024];
    private short[] syscallName = new short[1024];
    private int syscalls;
    /** Keep one entry in this many. */
    private int stride = 1;
    private long sinceKept;
    private final Map<String, Short> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int firstTid = -1;
    private long firstNs = Long.MAX_VALUE;
    private long lastNs = Long.MIN_VALUE;

    public void seen(int tid, long atNs) {
        if (firstTid < 0) {
            firstTid = tid;
        }
        firstNs = Math.min(firstNs, atNs);
        lastNs = Math.max(lastNs, atNs);
    }

    public void syscall(int tid, long entryNs, String name) {
        if (name.equals("rt_sigreturn") && sigreturnCount < MAX_SIGNALS) {
            sigreturns.computeIfAbsent(tid, t -> new ArrayList<>()).add(entryNs);
            sigreturnCount++;
        }
        if (++sinceKept < stride) {
            return;
        }
        sinceKept = 0;
        if (syscalls == MAX_SYSCALLS) {
            halve();
        }
        if (syscalls == syscallNs.length) {
            int n = Math.min(MAX_SYSCALLS, syscalls * 2);
            syscallTid = Arrays.copyOf(syscallTid, n);
            syscallNs = Arrays.copyOf(syscallNs, n);
            syscallName = Arrays.copyOf(syscallName, n);
        }
        syscallTid[syscalls] = tid;
        syscallNs[syscalls] = entryNs;
        syscallName[syscalls] = nameId(name);
        syscalls++;
    }

    private void halve() {
        int kept = 0;
        for (int i = 0; i < syscalls; i += 2) {
            syscallTid[kept] = syscallTid[i];
            syscallNs[kept] = syscallNs[i];
            syscallName[kept] = syscallName[i];
            kept++;
        }
        syscalls = kept;
        stride *= 2;
    }

    private short nameId(String name) {
        Short id = nameIds.get(name);
        if (id == null) {
            // more distinct names than a short holds do not exist (the x86-64 table has under 500)
            id = (short) Math.min(names.size(), Short.MAX_VALUE);
            nameIds.put(name, id);
            names.add(name);
        }
        return id;
    }

    public void delivered(int tid, long atNs, long ref, long runNs) {
        if (deliveries.size() < MAX_SIGNALS) {
            deliveries.add(new Delivery(tid, atNs, ref, runNs));
        } else {
            droppedSignals++;
        }
    }

    public void sent(int sender, int target, long atNs, long ref) {
        if (sends.size() < MAX_SIGNALS) {
            sends.add(new Send(sender, target, atNs, ref));
        } else {
            droppedSignals++;
        }
    }

    public void cloned(long atNs, int parent, int child) {
        if (clones.size() < MAX_SIGNALS) {
            clones.add(new Clone(atNs, parent, child));
        }
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    List<Send> sends() {
        return sends;
    }

    /** The thread's rt_sigreturn entries, in the order strace printed them (time order). */
    List<Long> sigreturns(int tid) {
        return sigreturns.getOrDefault(tid, List.of());
    }

    /** Every thread's rt_sigreturn entries: by thread. */
    Map<Integer, List<Long>> allSigreturns() {
        return sigreturns;
    }

    List<Clone> clones() {
        return clones;
    }

    long droppedSignals() {
        return droppedSignals;
    }

    int syscallCount() {
        return syscalls;
    }

    int syscallTid(int i) {
        return syscallTid[i];
    }

    long syscallNs(int i) {
        return syscallNs[i];
    }

    String syscallName(int i) {
        return names.get(syscallName[i]);
    }

    /** The thread strace saw first: the traced program's main thread, Go's m0. */
    int firstTid() {
        return firstTid;
    }

    long firstNs() {
        return firstNs;
    }

    long lastNs() {
        return lastNs;
    }

    boolean timed() {
        return firstNs != Long.MAX_VALUE;
    }
}
