/**
 * A deterministic simulator of the model: given a {@link io.preemptscope.model.sim.Workload} it
 * produces the {@link io.preemptscope.model.check.Observation}s a capture would show and the
 * goroutine {@link io.preemptscope.model.sim.Slice}s an execution trace would show.
 *
 * <p>Modelled: sysmon's sleep schedule, deep sleep and its per-version reset (§1.2–1.4), retake's
 * time-slice and syscall rules (§1.6), preemptone/preemptM with m.signalPending (§2.1–2.2),
 * delivery, doSigPreempt and async preemption (§3.2), the cooperative path (§4.2), and syscalls
 * interrupted by the tgkill/entersyscall race with the §5.5 restart table. Not modelled: local run
 * queues and runnext, GC/STW/suspendG, netpoll, unsafe points, CPU contention. In this timing a
 * SIGURG is delivered within 10 µs, before sysmon's next round (≥ 20 µs), so the signalPending
 * guard is implemented but never has to suppress a send.
 */
package io.preemptscope.model.sim;
