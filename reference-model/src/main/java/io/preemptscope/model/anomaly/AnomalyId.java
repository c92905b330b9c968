package io.preemptscope.model.anomaly;

import java.util.List;
import java.util.Locale;

/**
 * The anomaly catalogue of preemption-model.md §7: stable ids, the rule each one breaks and where
 * the rule is written down. Ids never change once published; the JSON output uses them.
 *
 * <p>{@link #citation()} points into the internal research document; {@link #sources()} and
 * {@link #modelDoc()} point to what users can open: the Go source at a release tag, the Linux man
 * pages, and the project's docs/model.md, which has one section per id.
 *
 * <p>Not here on purpose, because strace and a v1 Go trace cannot show them soundly:
 * <ul>
 *   <li>SIGURG_SUPPRESSED_M (§7 B10) needs to know that a SIGURG was consumed without
 *       doSigPreempt and which P the thread held afterwards: strace shows neither, and go1.13–1.21
 *       traces name the runtime's m.id, not the kernel TID strace shows, so there is no exact
 *       join.</li>
 *   <li>SYSCALL_RETAKE_MISSED and EARLY_RETAKE (§7 A7): a v1 trace writes nothing when a syscall
 *       returns with its P still held, so the syscall's length is unknown exactly when the retake
 *       was missed; and GoSysBlock right after GoSysCall is also written by entersyscallblock and
 *       by a stop-the-world, so an early one is not a retake.</li>
 * </ul>
 */
public enum AnomalyId {
    PREEMPT_LATENCY_EXCEEDED(Severity.WARNING, "§7 A1; §1.6, §1.9, §3.2",
            "a time slice must be preempted within forcePreemptNS + 2·(sysmon delay + slack)"),
    COOP_STARVATION(Severity.WARNING, "§7 A2; §4.2",
            "without async preemption only a function prologue can stop a goroutine, so a call-free loop holds its P"),
    STW_STRAGGLER(Severity.WARNING, "§7 A3; §2.1",
            "a stop of the world asks every running P to stop, again every 100 µs; more than 1 ms from the request until"
                    + " the last P stopped (the work done while stopped not counted) means a straggler held its P"),
    GC_SUSPEND_SPIN(Severity.WARNING, "§7 A4; §3.4",
            "suspendG yields every 5 µs and signals a thread again only after its previous SIGURG was handled"),
    SYSMON_STALL(Severity.WARNING, "§7 A5; §1.2",
            "sysmon runs no Go code and returns to nanosleep within its delay; a long gap means it was starved of CPU"),
    SYSMON_SCHEDULE_VIOLATION(Severity.WARNING, "§7 A5; §1.2",
            "sysmon sleeps 20 µs for 51 rounds, then doubles up to 10 ms, and restarts at 20 µs"),
    SIGURG_DELIVERED_NO_PREEMPT(Severity.WARNING, "§7 A6; §1.6, §3.3",
            "sysmon repeats preemptone on every round while a P's time slice lasts; a slice that outlives"
                    + " the deadline under SIGURG after SIGURG never reached an async safe point"),
    SIGURG_COALESCED(Severity.WARNING, "§7 B8; §5.2, §2.2",
            "a standard signal already pending is not queued again; from go1.14.1 preemptM sends only while m.signalPending is 0"),
    SIGURG_LOST(Severity.WARNING, "§7 B9; §3.1",
            "SIGURG is never blocked on Go threads, so a pending one is delivered on the next return to user space"),
    SIGURG_STORM(Severity.WARNING, "§7 B11",
            "more than 1,000 SIGURG/s to one thread, or 10,000/s to the process, sustained for 100 ms"),
    SIGURG_UNDER_ASYNCPREEMPTOFF(Severity.ERROR, "§7 B12; §2.4",
            "with GODEBUG=asyncpreemptoff=1 the runtime sends no tgkill(SIGURG)"),
    SIGURG_IN_GO113(Severity.WARNING, "§7 B13; §2.1",
            "go1.13 has no preemptM: its threads never send SIGURG"),
    EXTERNAL_SIGURG(Severity.INFO, "§7 B14; §3.2",
            "a SIGURG not sent by the process itself with tgkill is not runtime preemption"),
    SIGURG_FORWARDED(Severity.WARNING, "§7 B15; §3.2",
            "runtime SIGURGs reach signal.Notify; a signal proxy that forwards them sends preemption noise to another process"),
    SIGURG_TO_SYSCALL_THREAD(Severity.INFO, "§7 B16; §1.6, §2.1",
            "the runtime signals only Ms running Go code; a syscall is interrupted only by the tgkill/entersyscall race"),
    SIGNAL_DELIVERY_LATENCY(Severity.INFO, "§7 B17",
            "a signal sent with tgkill is delivered when the target next runs"),
    EINTR_DESPITE_SA_RESTART(Severity.ERROR, "§7 C18; §5.5",
            "with SA_RESTART the kernel restarts an ERESTARTSYS syscall; a direct -EINTR comes from the filesystem or driver"),
    EINTR_NOT_RETRIED(Severity.WARNING, "§7 C19; §5.7",
            "EINTR that reaches the program must be retried by the caller"),
    EPOLL_EINTR_NOT_RETRIED(Severity.WARNING, "§7 C20; §5.5, §5.7",
            "epoll_wait never restarts, so the caller must loop on EINTR"),
    ALWAYS_EINTR_INTERRUPTED(Severity.INFO, "§7 C21; §5.5",
            "nanosleep, futex with timeout, poll, select and epoll always return EINTR when a handler runs"),
    RESTART_MISMATCH(Severity.ERROR, "§7 C22; §5.5",
            "ERESTARTSYS with an SA_RESTART handler restarts; ERESTARTNOHAND and ERESTART_RESTARTBLOCK give EINTR"),
    HANDLER_FLAGS_VIOLATION(Severity.WARNING, "§7 C23; §3.1",
            "Go installs its handlers with SA_ONSTACK|SA_RESTART; a handler without them breaks Go's assumptions"),
    RESTART_STORM(Severity.WARNING, "§7 C24",
            "one logical syscall restarted again and again by preemption signals"),
    PREEMPT_LIVELOCK_1_14_0(Severity.ERROR, "§7 D25; §2.2",
            "go1.14.0 sends a SIGURG for every preemption request, even with one pending: the golang/go#37741 livelock"),
    MLOCK_SIGSTACK_FAILURE(Severity.ERROR, "§7 D26; §6 (golang/go#35777, #37436)",
            "go1.14–1.15 mlock the signal stack's top page on kernels with the AVX bug; ENOMEM leaves it unprotected"),
    STW_HANG_PREEMPT_DISABLED(Severity.ERROR, "§7 D27; §6 (golang/go#38931)",
            "go1.14.0–1.14.3 can stop the world forever when the straggler is preempted with preemption disabled");

    private final Severity severity;
    private final String citation;
    private final String rule;

    AnomalyId(Severity severity, String citation, String rule) {
        this.severity = severity;
        this.citation = citation;
        this.rule = rule;
    }

    /** The severity the catalogue gives; a finding may raise or lower it with reason. */
    public Severity severity() {
        return severity;
    }

    /** Where in ../shared/docs/preemption-model.md the rule is stated and cited. */
    public String citation() {
        return "preemption-model.md " + citation;
    }

    public String rule() {
        return rule;
    }

    /**
     * Where a user can check the rule: the Go source at the release tag where the behaviour is
     * (file and function) and the Linux man pages; never empty.
     */
    public List<Source> sources() {
        return AnomalySources.of(this);
    }

    /** The section of the project's docs/model.md that explains this rule, as a relative link. */
    public String modelDoc() {
        return "docs/model.md#" + name().toLowerCase(Locale.ROOT);
    }
}
