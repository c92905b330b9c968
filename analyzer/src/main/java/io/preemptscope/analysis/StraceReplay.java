package io.preemptscope.analysis;

import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.linux.Amd64Syscalls;
import io.preemptscope.model.check.Observation;
import io.preemptscope.model.signal.RestartCode;
import io.preemptscope.model.signal.SignalHandler;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.strace.args.ArgDecoder;
import io.preemptscope.strace.args.ArgSplitter;
import io.preemptscope.strace.args.EpollArgs;
import io.preemptscope.strace.args.FutexArgs;
import io.preemptscope.strace.args.SleepArgs;
import io.preemptscope.strace.args.SyscallArgs;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.StopEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.strace.record.SyscallResult;
import io.preemptscope.util.IntMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns strace events into the model's observations, one event at a time, keeping only
 * per-thread state: when each thread last left the kernel, what interrupted it, what was sent to
 * it. Also feeds the measurements.
 */
final class StraceReplay {
    private static final String SIGURG = "SIGURG";
    private static final String INJECTED = "INJECTED";

    private final Consumer<Observation> sink;
    private final EvidenceRefs refs;
    private final ReplayMetrics metrics;
    private final SysmonFinder sysmon;
    private final IntMap<ThreadState> threads = new IntMap<>();
    /** Syscalls after an interruption whose retry/restart identity is kept; the rules need no more. */
    private static final int KEYED_AFTER_INTERRUPT = 64;
    /** Entries reported after a SIGURG is sent: two already show a lost signal (SignalRules). */
    private static final int ENTRIES_WHILE_PENDING = 8;
    /** Syscalls of any thread after an interruption whose identity is kept (a retry on another M). */
    private static final int KEYED_ANYWHERE_AFTER_INTERRUPT = 256;
    private int keyedAnywhere;
    private boolean goHandlerSeen;
    /** What the capture's timestamps count from (time of day, epoch, relative); null without any. */
    private Timestamp.Clock clockKind;
    private int processPid = -1;
    /** The first thread seen: the traced process's main thread, its pid until getpid says otherwise. */
    private int firstTid = -1;
    private long clock;
    /** sysmon's sleeps so far, plain or deep: one per round of retake. */
    private long sysmonRounds;
    /** The latest time the capture shows: where it ends. */
    private long lastTime = Long.MIN_VALUE;
    /** The report's aggregates, when a report is made; null for analyze. */
    private CaptureSeries series;
    /** What a join with a Go trace reads, when there is a trace; else null. */
    private io.preemptscope.analysis.join.StraceMarks marks;
    /** Whether a run's evidence is its call's exit line (perf) rather than the call's own line (strace). */
    private boolean exitLineStartsRun;
    /** Whether the event being replayed has a timestamp: only timed events can be joined. */
    private boolean timedEvent;

    StraceReplay(Consumer<Observation> sink, EvidenceRefs refs, ReplayMetrics metrics) {
        // a run past forcePreemptNS goes to the rules with its time on a CPU, when the capture shows it
        this.sink = o -> sink.accept(kernel != null && o instanceof Observation.UserRun r ? onCpu(r) : o);
        this.refs = refs;
        this.metrics = metrics;
        this.sysmon = new SysmonFinder(sink);
    }

    /** Also feeds the HTML report's aggregates. */
    void series(CaptureSeries series) {
        this.series = series;
    }

    /** Also keeps what a join with a Go trace reads. */
    void marks(io.preemptscope.analysis.join.StraceMarks marks) {
        this.marks = marks;
    }

    /** The events come from a perf capture: a call's entry and exit are two lines, and a run starts at the exit. */
    void perfCapture(io.preemptscope.analysis.kernel.KernelView view) {
        exitLineStartsRun = true;
        kernel = view;
    }

    private io.preemptscope.analysis.kernel.KernelView kernel;

    private Observation.UserRun onCpu(Observation.UserRun r) {
        io.preemptscope.analysis.kernel.KernelView.LongRun run = kernel.longRun(r.tid(), r.timeNs());
        return run == null || run.endNs() != r.endNs() ? r : r.onCpu(run.onCpuNs());
    }

    int sysmonTid() {
        return sysmon.tid();
    }

    Timestamp.Clock clockKind() {
        return clockKind;
    }

    /** What only a Go runtime leaves in a capture: sysmon's sleep pattern, or Go's SIGURG handler. */
    boolean goRuntimeSeen() {
        return sysmon.tid() >= 0 || goHandlerSeen;
    }

    void accept(StraceEvent event) {
        long ref = refs.line(event.source().file(), event.source().line());
        long at = time(event);
        lastTime = Math.max(lastTime, at);
        if (clockKind == null && event.ts().present()) {
            clockKind = event.ts().clock();
        }
        metrics.seen(event.tid(), at, event.ts().present());
        timedEvent = marks != null && event.ts().present();
        if (timedEvent) {
            marks.seen(event.tid(), at);
        }
        if (series != null) {
            series.straceEvent(event.tid(), at, event.ts().present());
        }
        if (firstTid < 0) {
            firstTid = event.tid();
        }
        if (event instanceof SyscallEvent call) {
            syscall(call, ref, at);
        } else if (event instanceof SignalEvent signal) {
            signal(signal, ref, at);
        } else if (event instanceof StopEvent) {
            stopped(event.tid(), at);
        } else if (event instanceof ExitEvent || event instanceof KillEvent) {
            if (event instanceof KillEvent kill) {
                stillRunning(event.tid(), at, "it was killed by " + kill.signal(), RunEnd.KILLED);
            }
            forget(event.tid());
            sink.accept(new Observation.ThreadExited(at, ref, event.tid()));
        }
    }

    /**
     * The capture ends: a thread still in user code ran at least until then. A thread stuck in a
     * loop until strace stopped is exactly the hang the rules must see.
     */
    void finish() {
        List<Integer> running = new ArrayList<>();
        threads.forEach((t, tid) -> {
            if (inUserCode(t)) {
                running.add(tid);
            }
        });
        running.sort(null);
        running.forEach(tid -> stillRunning(tid, lastTime, "the capture ended", RunEnd.CAPTURE_END));
        threads.forEach(this::measured);
    }

    private void stillRunning(int tid, long at, String cutShortBy, RunEnd end) {
        ThreadState t = threads.get(tid);
        if (t != null && inUserCode(t)) {
            t.ran(at - t.lastExit, end);
            if (at - t.lastExit > SysmonConstants.FORCE_PREEMPT_NS) {
                sink.accept(new Observation.UserRun(t.lastExit, t.lastExitRef, tid, at, t.sigurgSentSince, cutShortBy));
                t.lastExit = Long.MIN_VALUE;
            }
        }
    }

    private void forget(int tid) {
        ThreadState t = threads.get(tid);
        if (t != null) {
            measured(t, tid);
            threads.remove(tid);
        }
    }

    /** A thread leaves the replay: what it showed goes to the measurements. */
    private void measured(ThreadState t, int tid) {
        if (t.earlyDelivery != Long.MIN_VALUE) {
            metrics.sigurgDelivered(SigurgBySender.UNSEEN, sysmon.tid(), t.earlyDeliveryRun, -1);
            t.earlyDelivery = Long.MIN_VALUE;
        }
        streakEnded(t, tid);
        // sysmon runs no user code: its gaps are SYSMON_STALL's to judge
        if (tid != sysmon.tid()) {
            metrics.userRun(tid, t.longestRun, t.longestRunEnd);
        }
    }

    /**
     * A group-stop (SIGSTOP, SIGTSTP, a debugger): the thread runs nothing until it is continued,
     * which strace shows only for the thread that receives SIGCONT. Its user run, if any, ends
     * here, and none is measured again until its next syscall returns: a stopped process is not
     * running.
     */
    private void stopped(int tid, long at) {
        ThreadState t = threads.get(tid);
        if (t == null) {
            return;
        }
        if (inUserCode(t)) {
            t.ran(at - t.lastExit, RunEnd.STOP);
            if (at - t.lastExit > SysmonConstants.FORCE_PREEMPT_NS) {
                sink.accept(new Observation.UserRun(t.lastExit, t.lastExitRef, tid, at, t.sigurgSentSince));
            }
        }
        t.lastExit = Long.MIN_VALUE;
    }

    private static boolean inUserCode(ThreadState t) {
        return t.interrupted == null && t.lastExit != Long.MIN_VALUE;
    }

    private void syscall(SyscallEvent call, long ref, long entry) {
        int tid = call.tid();
        ThreadState t = thread(tid);
        long exit = exitTime(call, entry);
        SyscallResult result = call.result();
        String name = call.name();
        learnPid(call);

        long ran = t.lastExit == Long.MIN_VALUE ? -1 : entry - t.lastExit;
        if (series != null && ran >= 0 && !name.equals("rt_sigreturn")) {
            series.userRun(tid, ran);
        }
        // the model judges runs only past forcePreemptNS: shorter ones, nearly all, are not sent;
        // the name is compared only for the few runs that matter, not on every syscall
        if ((ran > t.longestRun || ran > SysmonConstants.FORCE_PREEMPT_NS) && !name.equals("rt_sigreturn")) {
            t.ran(ran, RunEnd.SYSCALL);
            if (ran > SysmonConstants.FORCE_PREEMPT_NS) {
                sink.accept(new Observation.UserRun(t.lastExit, t.lastExitRef, tid, entry, t.sigurgSentSince));
            }
        }
        t.sigurgSentSince = 0;
        // entries matter to the rules only near an interruption or while a SIGURG is pending
        // a goroutine retries on whichever thread runs it next: right after an EINTR, every thread's calls count
        boolean nearInterrupt = t.syscallsSinceInterrupt < KEYED_AFTER_INTERRUPT || keyedAnywhere > 0;
        if (keyedAnywhere > 0) {
            keyedAnywhere--;
        }
        if (!name.equals("rt_sigreturn") && (nearInterrupt || t.entriesWhileSigurgPending > 0)) {
            String key = nearInterrupt ? key(name, call.args()) : name;
            if (t.entriesWhileSigurgPending > 0) {
                t.entriesWhileSigurgPending--;
            }
            sink.accept(new Observation.SyscallEntered(entry, ref, tid, name, key));
        }
        t.syscallsSinceInterrupt++;
        if (timedEvent) {
            joinMarks(call, entry);
        }
        if (t.stopLoopNote != null && !STOP_LOOP_CALLS.contains(name)) {
            t.stopLoopNote = null;
        }

        switch (name) {
            case "tgkill", "tkill" -> sent(call, ref, entry);
            case "kill" -> sentOut(call, ref, entry);
            case "rt_sigaction" -> installed(call, ref, entry);
            case "rt_sigreturn" -> returned(call, ref, exit, t);
            case "nanosleep" -> slept(call, ref, entry, exit);
            case "futex" -> {
                long timedWaitOnZero = FutexArgs.timedWaitOnZeroNs(call.args());
                deepSleep(call, ref, exit, timedWaitOnZero);
                noteSleep(call, ref, entry, exit, timedWaitOnZero);
            }
            case "sched_yield" -> sink.accept(new Observation.Yielded(entry, ref, tid));
            case "mlock" -> mlock(call, ref, entry);
            case "execve" -> {
                if (series != null && result != null && "0".equals(result.value())
                        && ArgDecoder.decode(name, call.args()) instanceof SyscallArgs.Exec exec && exec.path() != null) {
                    series.executed(tid, exec.path());
                }
            }
            default -> { }
        }

        if (result != null && !name.equals("rt_sigreturn")) {
            RestartCode code = RestartCode.named(result.errno());
            boolean eintr = "EINTR".equals(result.errno());
            if (code != null || eintr) {
                boolean timed = name.equals("futex") ? FutexArgs.hasTimeout(call.args())
                        : name.startsWith("epoll_") && EpollArgs.timeoutMs(name, call.args()) > 0;
                // strace --inject's faults: the thread is back in user code, no signal pending
                boolean injected = result.notes().contains(INJECTED);
                sink.accept(new Observation.SyscallInterrupted(exit, ref, tid, name, key(name, call.args()), code,
                        timed, injected));
                t.syscallsSinceInterrupt = 0;
                keyedAnywhere = KEYED_ANYWHERE_AFTER_INTERRUPT;
                t.interrupted = injected ? null : name;
                t.interruptedCode = injected ? null : code;
                t.interruptedTimed = timed;
                if (eintr) {
                    metrics.eintr(name);
                    if (series != null) {
                        series.eintr(tid, name, noRetryOwed(name, timed));
                    }
                }
            } else {
                t.interrupted = null;
            }
        }
        if (call.status() == SyscallEvent.Status.COMPLETE && result != null) {
            t.lastExit = exit;
            // strace's resumed line only continues the call's; perf's sys_exit is the event that ends it
            t.lastExitRef = exitLineStartsRun && call.exitLine() > 0 ? refs.line(call.source().file(), call.exitLine())
                    : ref;
        } else {
            t.lastExit = Long.MIN_VALUE;
        }
    }

    private void joinMarks(SyscallEvent call, long entry) {
        marks.syscall(call.tid(), entry, call.name());
        if ((call.name().equals("clone") || call.name().equals("clone3")) && call.result() != null
                && call.args().contains("CLONE_THREAD")) {
            try {
                int child = Integer.parseInt(call.result().value());
                if (child > 0) {
                    marks.cloned(entry, call.tid(), child);
                }
            } catch (NumberFormatException notATid) {
                // "?" or an error: no thread was made
            }
        }
    }

    private void signal(SignalEvent s, long ref, long at) {
        ThreadState t = thread(s.tid());
        boolean fromProcess = "SI_TKILL".equals(s.siCode()) && (processPid < 0 || s.siPid() == processPid);
        boolean userCode = t.interrupted == null && t.lastExit != Long.MIN_VALUE;
        if (SIGURG.equals(s.signal())) {
            if (timedEvent) {
                marks.delivered(s.tid(), at, ref, userCode && at >= t.lastExit ? at - t.lastExit : -1);
            }
            t.entriesWhileSigurgPending = 0;
            metrics.delivered(fromProcess);
            if (series != null) {
                series.sigurgDelivered(s.tid(), at, userCode && at >= t.lastExit ? at - t.lastExit : -1);
                if (userCode && at >= t.lastExit) {
                    series.userRun(s.tid(), at - t.lastExit);
                }
            }
            long ran = -1;
            if (userCode && at >= t.lastExit) {
                ran = at - t.lastExit;
                t.ran(ran, RunEnd.SIGURG);
                metrics.preemptionAttempt(ran);
                sink.accept(new Observation.UserRun(t.lastExit, t.lastExitRef, s.tid(), at, t.sigurgSentSince));
            }
            sigurgDelivered(t, at, ran, fromProcess);
        } else if (userCode && at >= t.lastExit) {
            t.ran(at - t.lastExit, RunEnd.SIGNAL);
            if (at - t.lastExit > SysmonConstants.FORCE_PREEMPT_NS) {
                // the run lasted at least until the signal, which may be the one that ends the program
                sink.accept(new Observation.UserRun(t.lastExit, t.lastExitRef, s.tid(), at, t.sigurgSentSince,
                        "it received " + s.signal()));
            }
        }
        sink.accept(new Observation.SignalDelivered(at, ref, s.tid(), s.signal(), fromProcess));
        // the handler runs now; the next user-space stretch starts when rt_sigreturn returns
        t.lastExit = Long.MIN_VALUE;
        t.sigurgSentSince = 0;
        t.inHandlerFor = t.interrupted;
        t.inHandlerCode = t.interruptedCode;
        t.inHandlerTimed = t.interruptedTimed;
        t.interrupted = null;
    }

    private void sent(SyscallEvent call, long ref, long entry) {
        if (!(ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.SignalSend send)
                || call.result() == null || !"0".equals(call.result().value())) {
            return;
        }
        if (processPid < 0 && send.tgid() > 0) {
            processPid = send.tgid();
        }
        if (SIGURG.equals(send.signal())) {
            if (timedEvent) {
                marks.sent(call.tid(), send.tid(), entry, ref);
            }
            metrics.countSent(call.tid());
            if (series != null) {
                series.sigurgSent(call.tid(), send.tid(), entry);
            }
            ThreadState target = thread(send.tid());
            target.sigurgSentSince++;
            target.entriesWhileSigurgPending = ENTRIES_WHILE_PENDING;
            sigurgSent(target, call.tid(), entry);
            if (call.tid() == sysmon.tid()) {
                requested(target, send.tid(), entry);
            }
        }
        sink.accept(new Observation.SignalSent(entry, ref, call.tid(), send.tid(), send.signal()));
        if (send.tgid() > 0 && send.tgid() != processPid) {
            sink.accept(new Observation.SignalSentOut(entry, ref, call.tid(), send.tgid(), send.signal()));
        }
    }

    /**
     * A SIGURG delivery, matched to the first send to this thread still pending (the kernel merged
     * any later one into it). strace prints a tgkill that was still in flight after the delivery it
     * caused, so a delivery without a pending send waits for the next send to its thread.
     *
     * @param ran the user run the delivery ended, -1 when it interrupted no user code
     */
    private void sigurgDelivered(ThreadState t, long at, long ran, boolean fromProcess) {
        if (t.sigurgPendingSince != Long.MIN_VALUE) {
            metrics.sigurgDelivered(t.sigurgPendingFrom, sysmon.tid(), ran, at - t.sigurgPendingSince);
            t.sigurgPendingSince = Long.MIN_VALUE;
            return;
        }
        if (t.earlyDelivery != Long.MIN_VALUE) {
            metrics.sigurgDelivered(SigurgBySender.UNSEEN, sysmon.tid(), t.earlyDeliveryRun, -1);
            t.earlyDelivery = Long.MIN_VALUE;
        }
        if (fromProcess) {
            t.earlyDelivery = at;
            t.earlyDeliveryRun = ran;
        } else {
            metrics.sigurgDelivered(SigurgBySender.UNSEEN, sysmon.tid(), ran, -1);
        }
    }

    private void sigurgSent(ThreadState target, int sender, long entry) {
        if (target.earlyDelivery != Long.MIN_VALUE) {
            long early = target.earlyDelivery;
            target.earlyDelivery = Long.MIN_VALUE;
            // a tgkill still in flight when the delivery was printed entered the kernel before it
            if (entry <= early) {
                metrics.sigurgDelivered(sender, sysmon.tid(), target.earlyDeliveryRun, early - entry);
                return;
            }
            metrics.sigurgDelivered(SigurgBySender.UNSEEN, sysmon.tid(), target.earlyDeliveryRun, -1);
        }
        if (target.sigurgPendingSince == Long.MIN_VALUE) {
            target.sigurgPendingSince = entry;
            target.sigurgPendingFrom = sender;
        }
    }

    /**
     * A preemption request from sysmon. retake asks again on every round while the same time slice
     * lasts, so requests to one thread on consecutive rounds are what SIGURG_DELIVERED_NO_PREEMPT
     * reads a slice from (RepreemptRules); the longest such streak is measured with the same
     * rounds.
     */
    private void requested(ThreadState target, int tid, long entry) {
        if (target.streakRequests > 0 && sysmonRounds - target.streakRound == 1) {
            target.streakRequests++;
            target.streakLast = entry;
        } else {
            streakEnded(target, tid);
            target.streakRequests = 1;
            target.streakFirst = entry;
            target.streakLast = entry;
        }
        target.streakRound = sysmonRounds;
    }

    private void streakEnded(ThreadState t, int tid) {
        if (t.streakRequests > 0) {
            metrics.sysmonStreak(tid, t.streakRequests, t.streakLast - t.streakFirst);
            t.streakRequests = 0;
        }
    }

    /** kill(pid, sig) to a process other than this one; kill(0 or -pgid) names a group, not a process. */
    private void sentOut(SyscallEvent call, long ref, long entry) {
        if (!(ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.SignalSend send)
                || call.result() == null || !"0".equals(call.result().value())) {
            return;
        }
        int own = processPid > 0 ? processPid : firstTid;
        if (send.tid() > 0 && send.tid() != own) {
            sink.accept(new Observation.SignalSentOut(entry, ref, call.tid(), send.tid(), send.signal()));
        }
    }

    /** notetsleep: FUTEX_WAIT on value 0 with a timeout (stop-the-world waits in 100 µs steps). */
    /** How far past its 100 µs a timed-out stop-loop wait may end: timer slack and a wakeup, under load. */
    private static final long SHORT_WAIT_SLACK_NS = 1_000_000L;

    private void noteSleep(SyscallEvent call, long ref, long entry, long exit, long timeout) {
        if (call.result() != null && timeout >= 0) {
            String note = FutexArgs.address(call.args());
            boolean timedOut = "ETIMEDOUT".equals(call.result().errno());
            ThreadState t = thread(call.tid());
            if (timeout == ArgDecoder.UNREAD_TIMESPEC && (note.equals(t.stopLoopNote) || timedOut
                    && exit - entry >= Observation.NoteSleep.LOOP_STEP_NS
                    && exit - entry < Observation.NoteSleep.LOOP_STEP_NS + SHORT_WAIT_SLACK_NS)) {
                // perf sees the timeout's address only. A wait that timed out this soon asked for no more than
                // it lasted, and the runtime's only notetsleep that short is the stop loops' 100 µs step; the
                // loop's next waits on its note are its steps too, the one that is woken ending it
                timeout = Observation.NoteSleep.LOOP_STEP_NS;
            }
            sink.accept(new Observation.NoteSleep(entry, ref, call.tid(), note, timeout, exit, timedOut,
                    note.equals(t.stopLoopNote)));
            t.stopLoopNote = timedOut ? note : null;
        } else {
            thread(call.tid()).stopLoopNote = null;
        }
    }

    private void mlock(SyscallEvent call, long ref, long entry) {
        if (call.result() != null && call.result().errno() != null
                && ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.MemoryLock lock) {
            sink.accept(new Observation.MemoryLockFailed(entry, ref, call.tid(), lock.length(), call.result().errno()));
        }
    }

    private void installed(SyscallEvent call, long ref, long entry) {
        if (ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.SigAction a && a.handler() != null
                && call.result() != null && "0".equals(call.result().value())) {
            sink.accept(new Observation.HandlerInstalled(entry, ref, call.tid(), a.signal(),
                    new SignalHandler(a.handler(), a.restart(), a.onStack())));
            // the Go runtime's initsig installs its one handler for SIGURG with these flags
            goHandlerSeen |= SIGURG.equals(a.signal()) && a.restart() && a.onStack();
        }
    }

    private void returned(SyscallEvent call, long ref, long exit, ThreadState t) {
        SyscallResult result = call.result();
        boolean eintr = result != null && "EINTR".equals(result.errno());
        String interrupted = t.inHandlerFor;
        boolean restored = interrupted != null && result != null
                && String.valueOf(Amd64Syscalls.number(interrupted)).equals(result.value());
        if (interrupted != null) {
            // an EINTR the call returned itself was counted there; rt_sigreturn only restores it
            if (eintr && t.inHandlerCode != null) {
                metrics.eintr(interrupted);
                if (series != null) {
                    series.eintr(call.tid(), interrupted, noRetryOwed(interrupted, t.inHandlerTimed));
                }
            } else if (t.inHandlerCode == RestartCode.ERESTARTSYS || t.inHandlerCode == RestartCode.ERESTARTNOINTR) {
                metrics.restart(interrupted);
                if (series != null) {
                    series.restart(call.tid());
                }
            }
        }
        sink.accept(new Observation.SignalReturned(exit, ref, call.tid(), eintr, restored));
        t.inHandlerFor = null;
        t.inHandlerCode = null;
    }

    private void slept(SyscallEvent call, long ref, long entry, long exit) {
        if (!sysmon.mayBeSysmon(call.tid())) {
            return;
        }
        long requested = SleepArgs.requestNs(call.args());
        long actual = exit >= entry ? exit - entry : -1;
        // perf shows the request's address only: then the sleep's real length is all there is
        boolean unread = requested < 0 && SleepArgs.requestUnread(call.args());
        if (unread ? actual < 0 || call.result() == null || !"0".equals(call.result().value()) : requested <= 0) {
            return;
        }
        Observation.SysmonSlept s = new Observation.SysmonSlept(entry, ref, call.tid(),
                unread ? Observation.SysmonSlept.UNKNOWN : requested, actual);
        for (Observation.SysmonSlept known : sysmon.sleep(s)) {
            metrics.sysmonSleep(known.requestedNs(), known.actualNs());
            if (series != null) {
                series.sysmonSleep(known.timeNs(), known.requestedNs(), known.actualNs());
            }
            sysmonRounds++;
        }
    }

    /** sysmon's notetsleep on sched.sysmonnote: FUTEX_WAIT with value 0 and a timeout. */
    private void deepSleep(SyscallEvent call, long ref, long exit, long timeout) {
        if (call.tid() == sysmon.tid() && call.result() != null && timeout >= 0) {
            boolean woken = !"ETIMEDOUT".equals(call.result().errno());
            sink.accept(new Observation.SysmonDeepSlept(exit, ref, call.tid(), woken));
            sysmonRounds++;
        }
    }

    private void learnPid(SyscallEvent call) {
        if (call.name().equals("getpid")) {
            metrics.getpid();
        }
        if (processPid < 0 && call.name().equals("getpid") && call.result() != null) {
            try {
                processPid = Integer.parseInt(call.result().value());
            } catch (NumberFormatException ignored) {
                // "?" or a decoration: the pid stays unknown until tgkill names it
            }
        }
    }

    /**
     * An EINTR the model owes no retry (InterruptRules.awaitRetry): the runtime's own futex and
     * nanosleep waits ignore it by design, and netpoll's timed epoll waits return on it to recompute
     * their delay. Only the report's chart tells these apart; the findings judge the rest.
     */
    private static boolean noRetryOwed(String syscall, boolean timed) {
        return switch (syscall) {
            case "futex", "nanosleep", "clock_nanosleep" -> true;
            case "epoll_wait", "epoll_pwait", "epoll_pwait2" -> timed;
            default -> false;
        };
    }

    /** Name and first argument: what identifies "the same call again" for retries and restarts. */
    private static String key(String name, String args) {
        String first = ArgSplitter.first(args);
        return first == null ? name : name + "(" + first;
    }

    /** Captures without timestamps keep their order on a clock of 1 ns per event. */
    private long time(StraceEvent event) {
        clock++;
        return event.ts().present() ? event.ts().nanos() : clock;
    }

    private static long exitTime(SyscallEvent call, long entry) {
        if (call.exit().present() && call.split()) {
            return call.exit().nanos();
        }
        if (call.durationNanos() >= 0) {
            return entry + call.durationNanos();
        }
        // Without -T a completed sleep's end is not printed; it slept at least what it asked for,
        // so the user run after it is at most the entry-to-entry gap less the request.
        if (call.name().equals("nanosleep") && call.result() != null && "0".equals(call.result().value())) {
            long requested = SleepArgs.requestNs(call.args());
            if (requested > 0) {
                return entry + requested;
            }
        }
        return entry;
    }

    private ThreadState thread(int tid) {
        ThreadState t = threads.get(tid);
        if (t == null) {
            t = new ThreadState();
            threads.put(tid, t);
        }
        return t;
    }

    private static final class ThreadState {
        int syscallsSinceInterrupt = KEYED_AFTER_INTERRUPT;
        int entriesWhileSigurgPending;
        long lastExit = Long.MIN_VALUE;
        long lastExitRef;
        int sigurgSentSince;
        String interrupted;
        RestartCode interruptedCode;
        String inHandlerFor;
        RestartCode inHandlerCode;
        /** The interrupted call had a timeout (futex, epoll wait): see {@link #noRetryOwed}. */
        boolean interruptedTimed;
        boolean inHandlerTimed;
        /** The note of a stop loop the thread is in: its last syscall of note was a timeout there. */
        String stopLoopNote;
        /**
         * The first SIGURG sent to this thread and not yet delivered: its tgkill's entry and sender.
         * It stays pending until a delivery, however late: the kernel holds one instance until the
         * thread unblocks it.
         */
        long sigurgPendingSince = Long.MIN_VALUE;
        int sigurgPendingFrom;
        /** A SIGURG delivery seen before any send to it, and the user run it ended (-1 for none). */
        long earlyDelivery = Long.MIN_VALUE;
        long earlyDeliveryRun;
        long longestRun = -1;
        RunEnd longestRunEnd;
        /** sysmon's requests to this thread on consecutive rounds: how many, the first's and last's entry, the last's round. */
        int streakRequests;
        long streakFirst;
        long streakLast;
        long streakRound;

        void ran(long ns, RunEnd end) {
            if (ns > longestRun) {
                longestRun = ns;
                longestRunEnd = end;
            }
        }
    }

    /** What a stop-the-world loop calls between its note sleeps (preemptall's getpid and tgkill). */
    private static final java.util.Set<String> STOP_LOOP_CALLS = java.util.Set.of("futex", "getpid", "tgkill",
            "tkill", "rt_sigreturn");
}
