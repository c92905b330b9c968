package io.preemptscope.model.sim;

import io.preemptscope.model.signal.InterruptClass;
import io.preemptscope.model.signal.InterruptOutcome;
import io.preemptscope.model.signal.RestartCode;
import io.preemptscope.model.signal.SignalHandler;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.sysmon.SysmonSchedule;
import io.preemptscope.model.version.DeepSleepReset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One discrete-event run of a workload: the scheduler (Gs, Ps, Ms, one global run queue), sysmon
 * with retake (§1), preemptone/preemptM (§2), signal delivery and syscall interruption (§3, §5).
 *
 * <p>Simplifications, each chosen so that nothing the checker looks at is invented: there are no
 * local run queues and no runnext (so no time-slice inheritance), GC and STW are absent, the
 * scheduler itself costs no time, and every PC of a burst is an async safe point.
 */
final class Engine {
    private static final String SIGURG = "SIGURG";
    private static final int PID = 1000;
    /** exitsyscall0 → stopm: the user code between the syscall's return and the futex park. */
    private static final long PARK_AFTER_EXITSYSCALL_NS = 1_000;
    /** forcegcperiod/2: the longest deep sleep (§1.4). */
    private static final long DEEP_SLEEP_MAX_NS = 60_000_000_000L;
    /** retake leaves a P in a syscall alone this long when nothing waits for it (§1.6). */
    private static final long SYSCALL_IDLE_RETAKE_NS = 10_000_000L;

    private final Workload w;
    private final boolean sendsSigurg;
    private final Jitter jitter;
    private final Recorder rec = new Recorder();
    private final EventQueue events = new EventQueue();
    private final List<SimG> gs = new ArrayList<>();
    private final List<SimP> ps = new ArrayList<>();
    private final List<SimM> ms = new ArrayList<>();
    private final ArrayDeque<SimG> runq = new ArrayDeque<>();
    private final int sysmonTid = PID + 1;
    private int nextTid = PID + 2;
    /** Ms started for a P that have not scheduled yet: the nmspinning of this model. */
    private int waking;
    private int live;
    private long now;
    private long endNs = -1;
    private SysmonSchedule schedule = SysmonSchedule.start();
    private boolean deepSleeping;
    private int deepGen;

    Engine(Workload w) {
        this.w = w;
        this.sendsSigurg = w.runtimeSendsSigurg();
        this.jitter = new Jitter(w.seed());
    }

    SimResult run() {
        for (int i = 0; i < w.gomaxprocs(); i++) {
            ps.add(new SimP(i));
        }
        for (int i = 0; i < w.goroutines().size(); i++) {
            gs.add(new SimG(i, w.goroutines().get(i).phases()));
        }
        live = gs.size();
        runq.addAll(gs.subList(1, gs.size()));
        SimM main = new SimM(PID);
        ms.add(main);
        main.beginRun(0);
        acquire(main, ps.get(0));
        execute(main, gs.get(0), 0);
        wakep(0);
        sysmonSleep(0);
        while (endNs < 0 && events.hasEventUpTo(w.durationNs())) {
            now = events.nextTime();
            events.pollAction().run();
        }
        if (endNs < 0) {
            endNs = w.durationNs();
        }
        close(endNs);
        return new SimResult(rec.observations(), rec.slices(), sysmonTid, endNs);
    }

    // ---- scheduler -------------------------------------------------------------------------

    private void acquire(SimM m, SimP p) {
        p.status = SimP.Status.RUNNING;
        p.m = m;
        m.p = p;
    }

    /** schedule(): the next G from the run queue, or park the M and idle its P. */
    private void schedule(SimM m, long t) {
        SimG g = runq.poll();
        if (g == null) {
            park(m, t);
            return;
        }
        execute(m, g, t);
        wakep(t);
    }

    /** execute(): a new time slice, so schedtick moves and both preempt flags clear (§1.7). */
    private void execute(SimM m, SimG g, long t) {
        SimP p = m.p;
        p.schedtick++;
        p.preempt = false;
        g.preempt = false;
        resume(m, g, t);
    }

    private void resume(SimM m, SimG g, long t) {
        g.state = SimG.State.RUNNING;
        g.m = m;
        m.g = g;
        g.sliceStart = t;
        continueRunning(g, t);
    }

    private void continueRunning(SimG g, long t) {
        while (true) {
            Phase ph = g.current();
            if (ph == null) {
                exit(g, t);
                return;
            }
            if (ph instanceof Phase.Burst b) {
                boolean fresh = g.remaining < 0;
                if (fresh) {
                    g.remaining = b.ns();
                }
                g.runStart = t;
                int stint = ++g.stint;
                events.at(t + g.remaining, EventQueue.GOROUTINES, () -> burstEnds(g, stint));
                // A pending request stops code with calls at its next prologue; entering a new
                // burst is itself a call, so even call-free code stops there.
                if (g.preempt && (fresh || !b.callFree())) {
                    events.at(t + jitter.cooperativeNs(), EventQueue.GOROUTINES, () -> cooperativeStop(g, stint));
                }
                return;
            } else if (ph instanceof Phase.Syscall s) {
                enterSyscall(g, s, t);
                return;
            } else if (ph instanceof Phase.Sleep s) {
                sleep(g, s, t);
                return;
            }
        }
    }

    private void burstEnds(SimG g, int stint) {
        if (g.stint != stint || g.state != SimG.State.RUNNING) {
            return;
        }
        g.remaining = -1;
        g.phase++;
        continueRunning(g, now);
    }

    private void cooperativeStop(SimG g, int stint) {
        if (g.stint != stint || g.state != SimG.State.RUNNING || !g.preempt) {
            return;
        }
        account(g, now);
        stop(g, SliceEnd.PREEMPTED_COOPERATIVE, now);
    }

    /** Charges the CPU time since the G last (re)started to its burst and cancels its pending events. */
    private void account(SimG g, long t) {
        if (g.current() instanceof Phase.Burst && g.remaining >= 0) {
            g.remaining -= t - g.runStart;
            g.runStart = t;
        }
        g.stint++;
    }

    private void endSlice(SimG g, SliceEnd why, long t) {
        SimM m = g.m;
        rec.slice(new Slice(g.id, m.p.id, m.tid, m.p.schedtick, g.sliceStart, t, why));
    }

    /** gopreempt_m: the G goes to the global run queue and its M schedules (§3.2). */
    private void stop(SimG g, SliceEnd why, long t) {
        endSlice(g, why, t);
        SimM m = g.m;
        g.state = SimG.State.RUNNABLE;
        g.stint++;
        g.m = null;
        m.g = null;
        runq.add(g);
        schedule(m, t);
    }

    private void exit(SimG g, long t) {
        endSlice(g, SliceEnd.EXIT, t);
        SimM m = g.m;
        g.state = SimG.State.DONE;
        g.m = null;
        m.g = null;
        if (--live == 0) {
            endNs = t;
            return;
        }
        schedule(m, t);
    }

    private void sleep(SimG g, Phase.Sleep s, long t) {
        endSlice(g, SliceEnd.BLOCKED, t);
        SimM m = g.m;
        g.state = SimG.State.SLEEPING;
        g.phase++;
        g.remaining = -1;
        g.stint++;
        g.m = null;
        m.g = null;
        g.timerAt = t + s.ns();
        events.at(g.timerAt, EventQueue.GOROUTINES, () -> timerFires(g));
        schedule(m, t);
    }

    private void timerFires(SimG g) {
        g.timerAt = -1;
        g.state = SimG.State.RUNNABLE;
        runq.add(g);
        wakep(now);
    }

    /** stopm: the M sleeps on its note (a futex wait) and its P goes idle. */
    private void park(SimM m, long t) {
        SimP p = m.p;
        p.status = SimP.Status.IDLE;
        p.m = null;
        p.preempt = false;
        m.p = null;
        m.endRun(t, rec);
        enterPark(m, t);
    }

    private void enterPark(SimM m, long t) {
        m.state = SimM.State.PARKED;
        m.waitSyscall = "futex";
        m.waitKey = "futex(&m" + m.tid + ".park";
        rec.entered(t, m.tid, m.waitSyscall, m.waitKey);
        m.waitEnd = Long.MAX_VALUE;
        m.waitGen++;
        m.waitAction = null;
    }

    /** wakep: one M at a time is started for an idle P while work waits. */
    private void wakep(long t) {
        if (runq.isEmpty() || waking > 0) {
            return;
        }
        SimP idle = firstIdleP();
        if (idle != null) {
            startM(idle, t);
        }
    }

    /** startm: a parked M (futex wake) or a new thread (clone) runs the P. */
    private void startM(SimP p, long t) {
        SimM m = null;
        for (SimM candidate : ms) {
            if (candidate.state == SimM.State.PARKED && candidate.p == null && candidate.waitAction == null) {
                m = candidate;
                break;
            }
        }
        if (m == null) {
            m = new SimM(nextTid++);
            m.state = SimM.State.PARKED;
            ms.add(m);
        }
        acquire(m, p);
        waking++;
        SimM started = m;
        setWaitEnd(m, t + jitter.wakeNs(), () -> mStarts(started));
    }

    private void mStarts(SimM m) {
        waking--;
        m.state = SimM.State.USER;
        m.waitSyscall = null;
        m.waitAction = null;
        m.beginRun(now);
        schedule(m, now);
    }

    private void handoffp(SimP p, long t) {
        if (!runq.isEmpty()) {
            startM(p, t);
        } else {
            p.status = SimP.Status.IDLE;
            p.m = null;
        }
    }

    private SimP firstIdleP() {
        for (SimP p : ps) {
            if (p.status == SimP.Status.IDLE) {
                return p;
            }
        }
        return null;
    }

    private int idlePs() {
        int n = 0;
        for (SimP p : ps) {
            if (p.status == SimP.Status.IDLE) {
                n++;
            }
        }
        return n;
    }

    // ---- syscalls ------------------------------------------------------------------------

    /** entersyscall: the M keeps the G, the P is left in a syscall state without an M (§1.6). */
    private void enterSyscall(SimG g, Phase.Syscall s, long t) {
        endSlice(g, SliceEnd.SYSCALL, t);
        SimM m = g.m;
        SimP p = m.p;
        m.endRun(t, rec);
        rec.entered(t, m.tid, s.name(), s.key());
        m.state = SimM.State.SYSCALL;
        m.waitSyscall = s.name();
        m.waitKey = s.key();
        g.state = SimG.State.SYSCALL;
        g.stint++;
        p.status = SimP.Status.SYSCALL;
        p.m = null;
        m.oldP = p;
        m.p = null;
        setWaitEnd(m, t + s.ns(), () -> exitSyscall(m, g));
    }

    /** exitsyscall: the old P if sysmon left it, else an idle P, else the run queue and stopm. */
    private void exitSyscall(SimM m, SimG g) {
        long t = now;
        g.phase++;
        g.remaining = -1;
        m.waitSyscall = null;
        m.waitAction = null;
        m.state = SimM.State.USER;
        m.beginRun(t);
        SimP old = m.oldP;
        m.oldP = null;
        if (old.status == SimP.Status.SYSCALL) {
            acquire(m, old);
            old.syscalltick++;
            resume(m, g, t);
        } else {
            wakeSysmonFromSyscall(t);
            SimP idle = firstIdleP();
            if (idle != null) {
                acquire(m, idle);
                resume(m, g, t);
            } else {
                g.state = SimG.State.RUNNABLE;
                g.m = null;
                m.g = null;
                runq.add(g);
                long parkAt = t + PARK_AFTER_EXITSYSCALL_NS;
                m.endRun(parkAt, rec);
                enterPark(m, parkAt);
            }
        }
        if (m.deferredSigurg) {
            m.deferredSigurg = false;
            events.at(t + PARK_AFTER_EXITSYSCALL_NS + 1, EventQueue.GOROUTINES, () -> deliver(m));
        }
    }

    private void setWaitEnd(SimM m, long at, Runnable action) {
        m.waitEnd = at;
        m.waitAction = action;
        int gen = ++m.waitGen;
        events.at(at, EventQueue.GOROUTINES, () -> {
            if (m.waitGen == gen) {
                action.run();
            }
        });
    }

    /** An interrupted wait cannot end before its restart or retry was issued. */
    private void postponeWait(SimM m, long notBefore) {
        if (m.waitAction != null && m.waitEnd < notBefore) {
            setWaitEnd(m, notBefore, m.waitAction);
        }
    }

    // ---- preemption and signals ----------------------------------------------------------

    /** preemptone (§2.1): no M or no G → nothing; else poison the G, and on go1.14+ signal its M. */
    private void preemptone(SimP p, long t) {
        SimM m = p.m;
        if (p.status != SimP.Status.RUNNING || m == null || m.g == null) {
            return;
        }
        SimG g = m.g;
        boolean wasRequested = g.preempt;
        g.preempt = true;
        if (!wasRequested && m.state == SimM.State.USER && !g.inCallFreeBurst()) {
            int stint = g.stint;
            events.at(t + jitter.cooperativeNs(), EventQueue.GOROUTINES, () -> cooperativeStop(g, stint));
        }
        if (sendsSigurg) {
            p.preempt = true;
            preemptM(m, t);
        }
    }

    /** preemptM (§2.2): tgkill(SIGURG), guarded by m.signalPending where the profile has it. */
    private void preemptM(SimM m, long t) {
        if (w.profile().signalPendingGuard() && m.signalPending) {
            return;
        }
        m.signalPending = true;
        rec.sent(t, sysmonTid, m.tid);
        m.countSigurg();
        if (!m.signals.post(SIGURG)) {
            return; // the kernel merges it with the pending one (§5.2)
        }
        events.at(t + jitter.deliveryNs(), EventQueue.GOROUTINES, () -> deliver(m));
    }

    private void deliver(SimM m) {
        long t = now;
        if (t < m.busyUntil) {
            events.at(m.busyUntil, EventQueue.GOROUTINES, () -> deliver(m));
            return;
        }
        switch (m.state) {
            case HANDLER -> m.deferredSigurg = true; // sa_mask blocks everything until rt_sigreturn
            case USER -> deliverInUser(m, t);
            case SYSCALL, PARKED -> deliverInKernel(m, t);
        }
    }

    /** The signal interrupts user code: doSigPreempt, and async preemption if wanted (§3.2). */
    private void deliverInUser(SimM m, long t) {
        m.signals.deliver(SIGURG, true);
        m.signalPending = false;
        m.endRun(t, rec);
        rec.delivered(t, m.tid);
        SimG g = m.g;
        boolean async = false;
        if (g != null) {
            account(g, t);
            // wantAsyncPreempt; every PC of a burst counts as an async safe point here
            async = sendsSigurg && (g.preempt || (m.p != null && m.p.preempt));
        }
        m.state = SimM.State.HANDLER;
        boolean preemptIt = async;
        events.at(t + jitter.handlerNs(), EventQueue.GOROUTINES, () -> sigreturn(m, g, preemptIt));
    }

    private void sigreturn(SimM m, SimG g, boolean async) {
        long t = now;
        m.signals.handlerReturned();
        rec.returned(t, m.tid, false, false);
        m.state = SimM.State.USER;
        m.beginRun(t);
        if (g != null && m.g == g) {
            if (async) {
                stop(g, SliceEnd.PREEMPTED_ASYNC, t);
            } else {
                continueRunning(g, t);
            }
        }
        if (m.deferredSigurg) {
            m.deferredSigurg = false;
            events.at(t, EventQueue.GOROUTINES, () -> deliver(m));
        }
    }

    /**
     * The signal hits a thread blocked in the kernel (the tgkill/entersyscall race, §7 B16): the
     * wait leaves its restart code, the handler runs, and the kernel restarts the call or the
     * caller retries after EINTR (§5.5–5.7).
     */
    private void deliverInKernel(SimM m, long t) {
        InterruptClass cls = m.waitSyscall == null ? InterruptClass.OTHER : InterruptClass.of(m.waitSyscall, false);
        if (cls == InterruptClass.OTHER) {
            m.deferredSigurg = true; // not an interruptible sleep: delivered on the way out
            return;
        }
        m.signals.deliver(SIGURG, true);
        m.signals.handlerReturned();
        m.signalPending = false;
        RestartCode code = cls.code();
        rec.interrupted(t, m.tid, m.waitSyscall, m.waitKey, code, false);
        rec.delivered(t, m.tid);
        InterruptOutcome outcome = code == null ? InterruptOutcome.EINTR
                : code.outcome(true, SignalHandler.GO_RUNTIME.saRestart());
        long back = t + jitter.handlerNs();
        rec.returned(back, m.tid, outcome == InterruptOutcome.EINTR, outcome == InterruptOutcome.RESTARTED);
        long reissue = back;
        if (outcome == InterruptOutcome.EINTR) {
            reissue = back + jitter.retryNs();
            rec.userRun(m.tid, back, reissue, 0);
        }
        rec.entered(reissue, m.tid, m.waitSyscall, m.waitKey);
        m.busyUntil = reissue + 1;
        postponeWait(m, reissue + 1);
    }

    // ---- sysmon --------------------------------------------------------------------------

    private void sysmonSleep(long t) {
        long delay = schedule.delayNs();
        long actual = delay + jitter.timerSlackNs();
        rec.slept(t, sysmonTid, delay, actual);
        events.at(t + actual, EventQueue.SYSMON, this::sysmonWakes);
    }

    private void sysmonWakes() {
        if (idlePs() == ps.size()) {
            deepSleep(now);
        } else {
            round(now);
        }
    }

    /** Every P idle: sleep on sysmonnote until the next timer, a syscall exit or 60 s (§1.4). */
    private void deepSleep(long t) {
        long next = nextTimer();
        DeepSleepReset rule = w.profile().deepSleepReset();
        if (rule != DeepSleepReset.ALWAYS && next <= t) {
            if (rule == DeepSleepReset.ALWAYS_EVEN_WITHOUT_SLEEP) {
                schedule = schedule.reset();
            }
            round(t);
            return;
        }
        long wake = Math.min(next, t + DEEP_SLEEP_MAX_NS);
        deepSleeping = true;
        int gen = ++deepGen;
        events.at(wake, EventQueue.SYSMON, () -> {
            if (deepGen == gen) {
                deepWake(false);
            }
        });
    }

    private void wakeSysmonFromSyscall(long t) {
        if (deepSleeping) {
            int gen = ++deepGen;
            events.at(t, EventQueue.SYSMON, () -> {
                if (deepGen == gen) {
                    deepWake(true);
                }
            });
        }
    }

    private void deepWake(boolean syscallWake) {
        deepSleeping = false;
        deepGen++;
        if (w.profile().deepSleepReset() != DeepSleepReset.ONLY_ON_SYSCALL_WAKE || syscallWake) {
            schedule = schedule.reset();
        }
        round(now);
    }

    private long nextTimer() {
        long next = Long.MAX_VALUE;
        for (SimG g : gs) {
            if (g.timerAt >= 0) {
                next = Math.min(next, g.timerAt);
            }
        }
        return next;
    }

    private void round(long t) {
        int retook = retake(t);
        schedule = schedule.next(retook > 0);
        sysmonSleep(t);
    }

    /** retake (§1.6): time-slice preemption, then syscall retake; returns the Ps retaken from syscalls. */
    private int retake(long t) {
        int n = 0;
        for (SimP p : ps) {
            boolean sysretake = false;
            if (p.status == SimP.Status.RUNNING || p.status == SimP.Status.SYSCALL) {
                if (p.seenSchedtick != p.schedtick) {
                    p.seenSchedtick = p.schedtick;
                    p.schedwhen = t;
                } else if (p.schedwhen + SysmonConstants.FORCE_PREEMPT_NS <= t) {
                    preemptone(p, t);
                    sysretake = true;
                }
            }
            if (p.status != SimP.Status.SYSCALL) {
                continue;
            }
            if (!sysretake && p.seenSyscalltick != p.syscalltick) {
                p.seenSyscalltick = p.syscalltick;
                p.syscallwhen = t;
                continue;
            }
            if (runq.isEmpty() && idlePs() + waking > 0 && p.syscallwhen + SYSCALL_IDLE_RETAKE_NS > t) {
                continue;
            }
            p.syscalltick++;
            n++;
            handoffp(p, t);
        }
        return n;
    }

    // ---- end -----------------------------------------------------------------------------

    private void close(long t) {
        for (SimM m : ms) {
            if (m.g != null && m.g.state == SimG.State.RUNNING && m.p != null) {
                endSlice(m.g, SliceEnd.END, t);
            }
            if (m.state == SimM.State.USER) {
                m.endRun(t, rec);
            }
        }
    }
}
