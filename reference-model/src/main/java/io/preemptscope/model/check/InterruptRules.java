package io.preemptscope.model.check;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.signal.InterruptClass;
import io.preemptscope.model.signal.InterruptOutcome;
import io.preemptscope.model.signal.SignalHandler;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Syscalls interrupted by signals (preemption-model.md §5.5–5.7): the restart table, EINTR that
 * reaches the program, its retry, and restart storms.
 */
final class InterruptRules {
    private static final String SIGURG = "SIGURG";
    /** A direct EINTR and the SIGURG delivery it belongs to are this close on one thread. */
    private static final long EINTR_SIGNAL_WINDOW_NS = 1_000_000L;

    private final CheckerSettings settings;
    private final ViolationSink sink;
    private final Map<String, SignalHandler> handlers = new HashMap<>();
    private final Map<Integer, Observation.SyscallInterrupted> interrupted = new HashMap<>();
    private final Map<Integer, Awaiting> awaitingReturn = new HashMap<>();
    private final Map<Integer, RetryWait> retryWaits = new HashMap<>();
    /** Each is open for one retry window only, so few are at once; the bound keeps storms cheap. */
    private static final int MAX_OPEN_RETRIES = 1_000;
    /** How much longer than the window a retry's line may lag behind (a blocking call prints on return). */
    private static final long RETRY_HORIZON_NS = 1_000_000_000L;
    private final List<OpenRetry> openRetries = new LinkedList<>();
    private final Map<Integer, Observation.SyscallInterrupted> directEintr = new HashMap<>();
    private final Map<Integer, Long> lastSigurg = new HashMap<>();
    private final Map<Integer, RestartChain> chains = new HashMap<>();

    InterruptRules(CheckerSettings settings, ViolationSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    void installed(Observation.HandlerInstalled h) {
        SignalHandler before = handlers.put(h.signal(), h.handler());
        SignalHandler now = h.handler();
        boolean wasGoStyle = before != null && before.runsCode() && before.saRestart() && before.saOnstack();
        if (wasGoStyle && now.runsCode() && (!now.saRestart() || !now.saOnstack())) {
            sink.add(AnomalyId.HANDLER_FLAGS_VIOLATION, () -> new Violation(AnomalyId.HANDLER_FLAGS_VIOLATION,
                    AnomalyId.HANDLER_FLAGS_VIOLATION.severity(), h.tid(), h.timeNs(), List.of(h.ref()),
                    "the " + h.signal() + " handler was replaced by one without "
                            + (now.saRestart() ? "SA_ONSTACK" : "SA_RESTART")
                            + (now.saRestart() ? "" : ": interrupted syscalls now fail with EINTR (golang/go#20400)")));
        }
    }

    void interrupted(Observation.SyscallInterrupted i) {
        InterruptClass cls = InterruptClass.of(i.syscall(), i.timeout());
        if (i.code() != null) {
            interrupted.put(i.tid(), i);
            return;
        }
        if (cls == InterruptClass.RESTARTABLE && sigurgRestarts()) {
            Long last = lastSigurg.get(i.tid());
            if (last != null && i.timeNs() - last <= EINTR_SIGNAL_WINDOW_NS) {
                eintrDespiteRestart(i);
            } else {
                directEintr.put(i.tid(), i);
            }
        }
        awaitRetry(i, cls);
    }

    void delivered(Observation.SignalDelivered d) {
        if (!SIGURG.equals(d.signal())) {
            return;
        }
        lastSigurg.put(d.tid(), d.timeNs());
        Observation.SyscallInterrupted direct = directEintr.remove(d.tid());
        if (direct != null && d.timeNs() - direct.timeNs() <= EINTR_SIGNAL_WINDOW_NS) {
            eintrDespiteRestart(direct);
        }
        Observation.SyscallInterrupted i = interrupted.remove(d.tid());
        if (i != null) {
            SignalHandler h = handlers.getOrDefault(SIGURG, SignalHandler.GO_RUNTIME);
            InterruptOutcome expected = i.code().outcome(h.runsCode(), h.saRestart());
            awaitingReturn.put(d.tid(), new Awaiting(i, expected));
        }
    }

    void returned(Observation.SignalReturned r) {
        Awaiting a = awaitingReturn.remove(r.tid());
        if (a == null) {
            return;
        }
        Observation.SyscallInterrupted i = a.interrupted;
        if (a.expected == InterruptOutcome.RESTARTED && r.eintr()) {
            sink.add(AnomalyId.RESTART_MISMATCH, () -> new Violation(AnomalyId.RESTART_MISMATCH,
                    Severity.ERROR, r.tid(), r.timeNs(),
                    List.of(r.ref(), i.ref()),
                    i.syscall() + " left " + i.code() + " and the SIGURG handler has SA_RESTART, so the kernel should"
                            + " have restarted it, yet the program got EINTR: the handler's flags changed"));
        } else if (a.expected == InterruptOutcome.EINTR && r.restoredSyscall()) {
            sink.add(AnomalyId.RESTART_MISMATCH, () -> new Violation(AnomalyId.RESTART_MISMATCH,
                    Severity.ERROR, r.tid(), r.timeNs(),
                    List.of(r.ref(), i.ref()),
                    i.syscall() + " left " + i.code() + ", which gives EINTR once a handler ran, yet it was restarted"));
        }
        if (a.expected == InterruptOutcome.EINTR || r.eintr()) {
            sink.add(AnomalyId.ALWAYS_EINTR_INTERRUPTED, () -> new Violation(AnomalyId.ALWAYS_EINTR_INTERRUPTED,
                    Severity.INFO, r.tid(), r.timeNs(),
                    List.of(i.ref(), r.ref()),
                    i.syscall() + " was interrupted (" + i.code() + ") and returns EINTR to its caller"
                            + (runtimeInternal(i.syscall()) ? "; the Go runtime ignores it there" : "")));
            awaitRetry(i, InterruptClass.of(i.syscall(), i.timeout()));
        } else if (a.expected == InterruptOutcome.RESTARTED) {
            RestartChain chain = chains.get(r.tid());
            if (chain != null && chain.key.equals(i.key())) {
                chain.count++;
            } else {
                chain = new RestartChain(i, 1);
                chains.put(r.tid(), chain);
            }
            if (chain.count == settings.restartStormCount()) {
                RestartChain storm = chain;
                sink.add(AnomalyId.RESTART_STORM, () -> new Violation(AnomalyId.RESTART_STORM,
                        Severity.WARNING, r.tid(),
                        storm.first.timeNs(), List.of(storm.first.ref(), r.ref()),
                        i.syscall() + " on thread " + r.tid() + " was interrupted and restarted "
                                + storm.count + " times in a row by SIGURG"));
            }
        }
    }

    void entered(Observation.SyscallEntered e) {
        RestartChain chain = chains.get(e.tid());
        if (chain != null && !chain.key.equals(e.key()) && !e.syscall().equals("rt_sigreturn")) {
            chains.remove(e.tid());
        }
        if (!openRetries.isEmpty() && !e.syscall().equals("rt_sigreturn")) {
            retriedAnywhere(e);
        }
        RetryWait w = retryWaits.get(e.tid());
        if (w == null || e.syscall().equals("rt_sigreturn")) {
            return;
        }
        if (e.key().equals(w.interrupted.key())) {
            retryWaits.remove(e.tid());
            return;
        }
        if (e.timeNs() > w.interrupted.timeNs() + settings.retryWindowNs()) {
            retryWaits.remove(e.tid());
            notRetried(w, e.ref(), "no epoll wait on the same descriptor followed within "
                    + settings.retryWindowNs() / 1_000_000 + " ms");
        }
    }

    /**
     * A goroutine retries on whichever M runs it next: its thread may park and another thread make
     * the same call. strace prints a call once it returns, so a retry that blocks (a read waiting
     * for data) can show up long after later calls: the window is judged on entry times, and an
     * EINTR is given up on only after {@link #RETRY_HORIZON_NS} more, or when the capture ends.
     */
    private void retriedAnywhere(Observation.SyscallEntered e) {
        for (Iterator<OpenRetry> it = openRetries.iterator(); it.hasNext(); ) {
            OpenRetry open = it.next();
            Observation.SyscallInterrupted i = open.awaited.interrupted();
            long after = e.timeNs() - i.timeNs();
            if (e.key().equals(i.key()) && after >= 0 && after <= settings.retryWindowNs()) {
                it.remove();
            } else if (after > settings.retryWindowNs() + RETRY_HORIZON_NS) {
                it.remove();
                giveUp(open, e.ref());
            } else if (e.tid() == i.tid() && open.nextSyscall == null) {
                open.nextRef = e.ref();
                open.nextSyscall = e.syscall();
            }
        }
    }

    private void giveUp(OpenRetry open, long fallbackRef) {
        notRetried(open.awaited, open.nextRef >= 0 ? open.nextRef : fallbackRef, "the same call followed on no thread"
                + " within " + settings.retryWindowNs() / 1_000_000 + " ms"
                + (open.nextSyscall == null ? "" : " (this thread's next syscall was " + open.nextSyscall + ")"));
    }

    void finish() {
        // a capture that ends right after an EINTR says nothing about the retry
        retryWaits.clear();
        // the thread went on to another call, and no thread retried before the capture ended
        for (OpenRetry open : openRetries) {
            if (open.nextSyscall != null) {
                giveUp(open, open.nextRef);
            }
        }
        openRetries.clear();
    }

    private void awaitRetry(Observation.SyscallInterrupted i, InterruptClass cls) {
        if (runtimeInternal(i.syscall())) {
            return;
        }
        RetryWait w = new RetryWait(i, cls);
        if (cls == InterruptClass.NEVER_RESTARTED && i.syscall().startsWith("epoll")) {
            if (i.timeout()) {
                // netpoll(delay) returns on EINTR from a timed wait by design: its caller recomputes
                // the delay from the timers (runtime/netpoll_epoll.go, go1.14 on). Only a blocking
                // (-1) or polling (0) wait is retried in place.
                return;
            }
            retryWaits.put(i.tid(), w);
        } else if (openRetries.size() < MAX_OPEN_RETRIES) {
            openRetries.add(new OpenRetry(w));
        }
    }

    private void notRetried(RetryWait w, long evidence, String what) {
        Observation.SyscallInterrupted i = w.interrupted;
        boolean epoll = i.syscall().startsWith("epoll");
        AnomalyId id = epoll ? AnomalyId.EPOLL_EINTR_NOT_RETRIED : AnomalyId.EINTR_NOT_RETRIED;
        sink.add(id, () -> new Violation(id, id.severity(), i.tid(), i.timeNs(), List.of(i.ref(), evidence),
                i.syscall() + " on thread " + i.tid() + " failed with EINTR and was not retried: " + what));
    }

    private void eintrDespiteRestart(Observation.SyscallInterrupted i) {
        if (i.injected()) {
            // strace --inject made the call fail: the kernel and SA_RESTART had no part in it
            sink.add(AnomalyId.EINTR_DESPITE_SA_RESTART, () -> new Violation(AnomalyId.EINTR_DESPITE_SA_RESTART,
                    Severity.INFO, i.tid(), i.timeNs(), List.of(i.ref()), i.syscall() + " failed with an EINTR that"
                            + " strace injected (--inject), not the kernel: no signal interrupted it, so SA_RESTART"
                            + " could not apply; whether the program retried it is checked as for a real EINTR"));
            return;
        }
        boolean stdlibRetries = settings.profile().stdlibRetriesPollEintr();
        sink.add(AnomalyId.EINTR_DESPITE_SA_RESTART, () -> new Violation(AnomalyId.EINTR_DESPITE_SA_RESTART,
                stdlibRetries ? Severity.WARNING : Severity.ERROR, i.tid(), i.timeNs(), List.of(i.ref()),
                i.syscall() + " returned EINTR itself next to a SIGURG although the handler has SA_RESTART:"
                        + " the filesystem or driver does not restart"
                        + (stdlibRetries ? "" : ", and " + settings.profile().label() + "'s standard library does not retry")));
    }

    private boolean sigurgRestarts() {
        return handlers.getOrDefault(SIGURG, SignalHandler.GO_RUNTIME).saRestart();
    }

    /** The runtime's own sleeps ignore EINTR by design (§5.7): futexsleep, usleep. */
    private static boolean runtimeInternal(String syscall) {
        return syscall.equals("futex") || syscall.equals("nanosleep") || syscall.equals("clock_nanosleep");
    }

    private record Awaiting(Observation.SyscallInterrupted interrupted, InterruptOutcome expected) {}

    private record RetryWait(Observation.SyscallInterrupted interrupted, InterruptClass cls) {}

    /** An EINTR still within the window in which some thread may retry it. */
    private static final class OpenRetry {
        final RetryWait awaited;
        /** The thread's own next call: the evidence when nothing retried. */
        long nextRef = -1;
        String nextSyscall;

        OpenRetry(RetryWait awaited) {
            this.awaited = awaited;
        }
    }

    private static final class RestartChain {
        final String key;
        final Observation.SyscallInterrupted first;
        int count;

        RestartChain(Observation.SyscallInterrupted first, int count) {
            this.key = first.key();
            this.first = first;
            this.count = count;
        }
    }
}
