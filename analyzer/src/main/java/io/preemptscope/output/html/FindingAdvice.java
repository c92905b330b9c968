package io.preemptscope.output.html;

import io.preemptscope.model.anomaly.Severity;
import java.util.Map;

/**
 * For each finding id, in plain words: its name, what it means for the program, and what to do
 * about it. The rule itself and its sources come with each finding from the model.
 */
record FindingAdvice(String title, String meaning, String action) {
    private static final FindingAdvice UNKNOWN = new FindingAdvice(null,
            "The model expected something else here; the rule below says what.",
            "Read the evidence lines and the rule's source.");

    /** Latency and starvation ids that a capture may show only as an observation, at info. */
    private static final java.util.Set<String> OBSERVED_ONLY_AT_INFO =
            java.util.Set.of("PREEMPT_LATENCY_EXCEEDED", "COOP_STARVATION", "STW_STRAGGLER");

    /**
     * As {@link #of(String)}, for a finding of this severity: at info, a latency or starvation id
     * is what the capture saw without showing a fault (its message says what else explains it), so
     * the advice for the fault would contradict it.
     */
    static FindingAdvice of(String id, Severity severity) {
        FindingAdvice a = of(id);
        if (severity != Severity.INFO || !OBSERVED_ONLY_AT_INFO.contains(id)) {
            return a;
        }
        return new FindingAdvice(a.title() + " (not shown to be a fault)",
                "The capture shows the time but not its cause: the message says what else explains it (goroutines"
                        + " taking turns, a thread off the CPU, the tracer).",
                "Nothing on this evidence. A Go trace of the same run (capture --gotrace) shows the time slices"
                        + " themselves.");
    }

    static FindingAdvice of(String id) {
        FindingAdvice a = ADVICE.getOrDefault(id, UNKNOWN);
        return a.title == null ? new FindingAdvice(id.replace('_', ' ').toLowerCase(java.util.Locale.ROOT),
                a.meaning, a.action) : a;
    }

    private static final Map<String, FindingAdvice> ADVICE = Map.ofEntries(
            Map.entry("PREEMPT_LATENCY_EXCEEDED", new FindingAdvice("Preemption came late",
                    "A goroutine kept its P longer than the runtime's deadline, so others waiting for that P were"
                            + " delayed. From strace alone this is an upper bound: time off the CPU counts as user code.",
                    "Capture a Go trace of the same run (capture --gotrace) to see the slice itself; on a busy"
                            + " machine, compare with an idle one.")),
            Map.entry("COOP_STARVATION", new FindingAdvice("Goroutine starvation",
                    "Without async preemption only a function call can stop a goroutine: a loop without calls"
                            + " holds its P, and every goroutine waiting for that P starves (Go 1.13 behaviour).",
                    "Upgrade past Go 1.14.0 and drop GODEBUG=asyncpreemptoff=1; if neither is possible, add a"
                            + " function call or runtime.Gosched() to the hot loop.")),
            Map.entry("STW_STRAGGLER", new FindingAdvice("Stop-the-world or a safe-point wait held up by a straggler",
                    "A stop-the-world (GC) asks every P to stop every 100 µs; one did not stop for over 1 ms, so"
                            + " every goroutine waited.",
                    "Look for tight loops in code that runs during GC; upgrade past Go 1.14.3 if the release is older.")),
            Map.entry("GC_SUSPEND_SPIN", new FindingAdvice("GC spun waiting to suspend a goroutine",
                    "The garbage collector wanted one goroutine stopped to scan its stack and kept yielding and"
                            + " signalling; the goroutine sat where it cannot be preempted.",
                    "Look for long non-preemptible sections (assembly, nosplit code, cgo) on that thread.")),
            Map.entry("SYSMON_STALL", new FindingAdvice("sysmon stalled",
                    "sysmon, the thread that preempts, slept much longer than it asked: it was starved of CPU, so"
                            + " preemption came late too.",
                    "Check CPU limits (cgroups, taskset) and load on the machine; strace itself slows threads down.")),
            Map.entry("SYSMON_SCHEDULE_VIOLATION", new FindingAdvice("sysmon broke its schedule",
                    "sysmon's sleeps did not follow the runtime's 20 µs-doubling-to-10 ms schedule.",
                    "Check the Go version the report assumed; a patched runtime or a different release explains it.")),
            Map.entry("SIGURG_DELIVERED_NO_PREEMPT", new FindingAdvice("SIGURGs arrived but did not preempt",
                    "Preemption signals were delivered again and again, yet the goroutine kept running: it never"
                            + " reached an async safe point (assembly, runtime code, nosplit functions).",
                    "Add a call or runtime.Gosched() to the loop, or move the work out of assembly.")),
            Map.entry("SIGURG_COALESCED", new FindingAdvice("SIGURGs coalesced",
                    "A SIGURG was sent while one was already pending for that thread; Linux keeps one, so the"
                            + " second did nothing.",
                    "Usually harmless; many in a row point at a thread that does not run its signal handler.")),
            Map.entry("SIGURG_LOST", new FindingAdvice("SIGURG never delivered",
                    "A preemption signal was sent and the thread went on making syscalls without receiving it.",
                    "Check for code that blocks SIGURG (signal masks in cgo or C libraries).")),
            Map.entry("SIGURG_STORM", new FindingAdvice("SIGURG storm",
                    "More than 1,000 preemption signals a second to one thread: each interrupts a syscall or"
                            + " user code and costs a kernel round trip.",
                    "Look at GC pressure (suspendG) and long non-preemptible sections; upgrade past Go 1.14.0.")),
            Map.entry("SIGURG_UNDER_ASYNCPREEMPTOFF", new FindingAdvice("SIGURG sent with async preemption off",
                    "With GODEBUG=asyncpreemptoff=1 the runtime sends no preemption signals, yet the capture shows some.",
                    "Check the GODEBUG the program really ran with, and whether another process sends SIGURG.")),
            Map.entry("SIGURG_IN_GO113", new FindingAdvice("SIGURG from a Go 1.13 program",
                    "Go 1.13 never sends preemption signals; the Go version assumed is probably wrong.",
                    "Pass the right --go-version, or check who sends the signal.")),
            Map.entry("EXTERNAL_SIGURG", new FindingAdvice("SIGURG from outside",
                    "A SIGURG came from another process, not the runtime: it is not preemption, but Go treats it"
                            + " as a preemption request anyway.",
                    "Find the sender (si_pid in the evidence); SIGURG is also sent for TCP urgent data.")),
            Map.entry("SIGURG_FORWARDED", new FindingAdvice("SIGURG forwarded to another process",
                    "The program relays runtime preemption signals (signal.Notify with all signals) to another"
                            + " process, which receives preemption noise.",
                    "Exclude SIGURG from what the program forwards.")),
            Map.entry("SIGURG_TO_SYSCALL_THREAD", new FindingAdvice("SIGURG reached a thread in a syscall",
                    "A preemption signal interrupted a syscall: a race between tgkill and the goroutine entering"
                            + " the kernel. The kernel restarts or fails the call as the next findings show.",
                    "Nothing, unless EINTR reaches the program (see the EINTR findings).")),
            Map.entry("SIGNAL_DELIVERY_LATENCY", new FindingAdvice("Signal delivered late",
                    "A signal sent with tgkill arrived long after: the target was descheduled, held by strace, or"
                            + " in a long kernel path (a page fault).",
                    "Compare with a capture on an idle machine; strace's own overhead delays delivery, and a capture"
                            + " with --backend perf shows where the target was.")),
            Map.entry("EINTR_DESPITE_SA_RESTART", new FindingAdvice("EINTR despite SA_RESTART",
                    "The kernel should have restarted this call transparently; a file system or driver returned"
                            + " EINTR directly (FUSE, NFS, some devices).",
                    "Retry EINTR around this call (Go 1.15+ does in os and internal/poll).")),
            Map.entry("EINTR_NOT_RETRIED", new FindingAdvice("EINTR reached the program and was not retried",
                    "A preemption signal interrupted a syscall, the program saw EINTR and did not try again: the"
                            + " operation failed because of the runtime's own signal.",
                    "Retry EINTR in a loop around the call; upgrade past Go 1.14 (os retries from 1.15/1.16).")),
            Map.entry("EPOLL_EINTR_NOT_RETRIED", new FindingAdvice("epoll_wait EINTR not retried",
                    "epoll_wait is never restarted; the caller got EINTR and did not loop.",
                    "Loop on EINTR around epoll_wait.")),
            Map.entry("ALWAYS_EINTR_INTERRUPTED", new FindingAdvice("A sleeping call was interrupted",
                    "nanosleep, futex with timeout, poll, select and epoll always return EINTR when a signal handler"
                            + " runs; the runtime handles this itself.",
                    "Nothing, unless your own code makes these calls without retrying.")),
            Map.entry("RESTART_MISMATCH", new FindingAdvice("Restart did not follow the kernel's rules",
                    "The kernel's restart code and what the program saw disagree with signal(7).",
                    "Check the handler flags (SA_RESTART) installed for the signal; a C library may have changed them.")),
            Map.entry("HANDLER_FLAGS_VIOLATION", new FindingAdvice("Signal handler without Go's flags",
                    "A handler was installed without SA_ONSTACK|SA_RESTART, which Go relies on.",
                    "Find the code (cgo, a C library) that installs it, and keep Go's flags.")),
            Map.entry("RESTART_STORM", new FindingAdvice("One syscall restarted again and again",
                    "Preemption signals kept interrupting the same call, which the kernel restarted each time.",
                    "Upgrade past Go 1.14.0; look for a goroutine preempted in a loop next to a slow syscall.")),
            Map.entry("PREEMPT_LIVELOCK_1_14_0", new FindingAdvice("Go 1.14.0 preemption livelock",
                    "Go 1.14.0 sends a signal for every preemption request even while one is pending"
                            + " (golang/go#37741).",
                    "Upgrade past Go 1.14.0.")),
            Map.entry("MLOCK_SIGSTACK_FAILURE", new FindingAdvice("mlock of the signal stack failed",
                    "Go 1.14–1.15 lock the signal stack on kernels with the AVX bug; ENOMEM leaves it unprotected"
                            + " (golang/go#35777).",
                    "Raise RLIMIT_MEMLOCK, upgrade the kernel, or upgrade Go past 1.15.")),
            Map.entry("STW_HANG_PREEMPT_DISABLED", new FindingAdvice("Stop-the-world hang",
                    "Go 1.14.0–1.14.3 can stop the world forever when the straggler is preempted with preemption"
                            + " disabled (golang/go#38931).",
                    "Upgrade past Go 1.14.3.")));
}
