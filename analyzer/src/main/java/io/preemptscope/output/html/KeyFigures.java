package io.preemptscope.output.html;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.model.anomaly.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The key figures: what was measured, and for what this kind of capture cannot show, why not. */
final class KeyFigures {
    private static final String NO_STRACE = "a Go trace records no signals and no syscall results; capture with strace too";
    private static final String NO_TRACE = "needs a Go execution trace";

    private KeyFigures() {}

    static List<ReportPage.Figure> of(AnalysisResult r) {
        AnalysisMetrics m = r.metrics();
        List<ReportPage.Figure> out = new ArrayList<>();
        boolean strace = m.straceMeasured();
        if (strace) {
            String senders = m.sigurgSentBySysmon() == null ? "sysmon thread not found"
                    : String.format(Locale.ROOT, "sysmon %s, GC and stop-the-world %s", Format.count(m.sigurgSentBySysmon()),
                            Format.count(m.sigurgSent() - m.sigurgSentBySysmon()));
            out.add(new ReportPage.Figure("SIGURG sent (tgkill)", Format.count(m.sigurgSent()), senders));
            out.add(new ReportPage.Figure("SIGURG delivered", Format.count(m.sigurgDelivered()), null));
            out.add(new ReportPage.Figure("SIGURG coalesced (sent while one was pending)", Format.count(m.sigurgCoalesced()), null));
        } else {
            out.add(new ReportPage.Figure("SIGURG sent, delivered, coalesced", null, NO_STRACE));
        }
        boolean fromTrace = m.latencyBasis() != null && m.latencyBasis().startsWith("go trace");
        out.add(new ReportPage.Figure(fromTrace ? "async preemptions (Go trace)" : "SIGURGs that interrupted user code",
                Format.count(m.preemptions().async()), null));
        out.add(new ReportPage.Figure("cooperative preemptions", m.preemptions().cooperative() == null ? null
                : Format.count(m.preemptions().cooperative()), m.preemptions().cooperative() == null
                ? "a syscall capture (strace, perf) cannot show them (no signal, no syscall); " + NO_TRACE : null));
        AnalysisMetrics.Latency l = m.preemptLatencyMs();
        out.add(new ReportPage.Figure(strace && !(m.latencyBasis() != null && m.latencyBasis().startsWith("go trace"))
                ? "user-space run at each SIGURG p50 / p90 / p99 / max" : "preempted time slice p50 / p90 / p99 / max",
                l.count() == 0 ? null
                : String.format(Locale.ROOT, "%s / %s / %s / %s ms", Format.ms(l.p50()), Format.ms(l.p90()),
                        Format.ms(l.p99()), Format.ms(l.max())),
                l.count() == 0 ? (strace && !m.timed() ? "the capture has no timestamps"
                        : "no preempted run in this capture") : m.latencyBasis() + ", n=" + Format.count(l.count())));
        out.add(new ReportPage.Figure("model deadline for a time slice", Format.ms(m.calibration().preemptDeadlineMs())
                + " ms", String.format(Locale.ROOT, "10 ms + 2 × (sysmon delay %s µs + slack %s µs)",
                        Format.count(Math.round(m.calibration().sysmonDelayUs())),
                        Format.count(Math.round(m.calibration().slackUs())))));
        out.add(new ReportPage.Figure("Ps retaken from goroutines blocked in syscalls", m.syscallRetakes() == null ? null
                : Format.count(m.syscallRetakes()), m.syscallRetakes() == null ? NO_TRACE : "from the Go trace"));
        if (strace) {
            out.add(new ReportPage.Figure("EINTR reaching the program", Format.count(sum(m.eintr())), byName(m.eintr())));
            out.add(new ReportPage.Figure("syscalls restarted transparently", Format.count(sum(m.restarts())),
                    byName(m.restarts())));
            out.add(sysmonSleeps(m.sysmon()));
        } else {
            out.add(new ReportPage.Figure("EINTR and restarted syscalls", null, NO_STRACE));
            out.add(new ReportPage.Figure("sysmon sleeps", null, NO_STRACE));
        }
        kernel(m.kernel(), out);
        joined(m.join(), out);
        for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            long n = r.findings().stream().filter(f -> f.severity() == s).count();
            out.add(new ReportPage.Figure("findings: " + s.name().toLowerCase(Locale.ROOT), Format.count(n), null));
        }
        return out;
    }

    private static ReportPage.Figure sysmonSleeps(AnalysisMetrics.Sysmon s) {
        if (s.tid() < 0) {
            return new ReportPage.Figure("sysmon sleeps", null, "no sysmon thread found");
        }
        if (s.delays().isEmpty() && s.sleptMs() != null) {
            // perf: nanosleep's request is behind a pointer; the sleeps' real lengths are what it shows
            io.preemptscope.analysis.join.Delays d = s.sleptMs();
            return new ReportPage.Figure("sysmon sleeps", Format.count(d.count()), String.format(Locale.ROOT,
                    "thread %d; as long as they lasted p50 %s / p99 %s ms (the requests are not in a perf capture)",
                    s.tid(), Format.ms(d.p50()), Format.ms(d.p99())));
        }
        return new ReportPage.Figure("sysmon sleeps", Format.count(sum(s.delays())), "thread " + s.tid()
                + (s.overshootP99Us() == null ? "" : String.format(Locale.ROOT, "; overshoot p99 %s µs",
                        Format.count(Math.round(s.overshootP99Us())))));
    }

    /** What only a perf capture shows: the kernel's scheduling and signal generation. */
    private static void kernel(io.preemptscope.analysis.kernel.KernelMetrics k, List<ReportPage.Figure> out) {
        if (k == null) {
            return;
        }
        io.preemptscope.analysis.join.Delays d = k.sigurgGenerateToDeliverMs();
        out.add(new ReportPage.Figure("SIGURG generation to delivery p50 / p90 / p99 / max", d.count() == 0 ? null
                : String.format(Locale.ROOT, "%s / %s / %s / %s ms", Format.ms(d.p50()), Format.ms(d.p90()),
                        Format.ms(d.p99()), Format.ms(d.max())), String.format(Locale.ROOT,
                        "perf: generated while the target was on a CPU %s, off any CPU %s; merged into a pending one %s",
                        Format.count(k.sigurgTargetRunning()), Format.count(k.sigurgTargetOffCpu()),
                        Format.count(k.sigurgAlreadyPending()))));
        if (k.switchesRecorded()) {
            io.preemptscope.analysis.join.Delays off = k.offCpuInLongUserRunsMs();
            out.add(!k.userRunsMeasured() ? new ReportPage.Figure("user runs past 10 ms the kernel switched out", null,
                    "perf: the capture recorded only the preemption calls, so its gaps are no user runs")
                    : new ReportPage.Figure("user runs past 10 ms the kernel switched out",
                    Format.count(k.longUserRunsSwitchedOut()) + " of " + Format.count(k.longUserRuns()),
                    off.count() == 0 ? "perf: no user run past 10 ms" : String.format(Locale.ROOT,
                            "perf: off any CPU per run p99 %s / max %s ms: the kernel's doing, not the Go scheduler's",
                            Format.ms(off.p99()), Format.ms(off.max()))));
            out.add(new ReportPage.Figure("switched out while runnable (kernel preemptions)",
                    Format.count(k.involuntarySwitches()), "perf: and " + Format.count(k.voluntarySwitches())
                            + " switch-outs to block"));
        }
    }

    /** The strace log and the Go trace joined: only when the inputs hold both. */
    private static void joined(io.preemptscope.analysis.join.JoinMetrics j, List<ReportPage.Figure> out) {
        if (j == null) {
            return;
        }
        if (j.clockOffsetNs() == null) {
            out.add(new ReportPage.Figure("strace and Go trace joined", null, "no clock offset lines them up: "
                    + j.agreement()));
            return;
        }
        out.add(new ReportPage.Figure("async preemptions joined to their SIGURG", Format.count(j.joined()) + " of "
                + Format.count(j.asyncPreemptions()), String.format(Locale.ROOT, "the two clocks joined to ± %s ms",
                        Format.ms(j.clockOffsetUncertaintyNs() / 1e6))));
        io.preemptscope.analysis.join.Delays d = j.signalToPreemptMs();
        out.add(new ReportPage.Figure("tgkill to GoPreempt p50 / p90 / p99 / max", d.count() == 0 ? null
                : String.format(Locale.ROOT, "%s / %s / %s / %s ms", Format.ms(d.p50()), Format.ms(d.p90()),
                        Format.ms(d.p99()), Format.ms(d.max())), d.count() == 0 ? "no joined preemption whose tgkill"
                        + " the capture shows" : "signal sent to goroutine off its P, n=" + Format.count(d.count())));
        out.add(new ReportPage.Figure("SIGURGs that preempted nothing", Format.count(j.signalsWithoutPreemption()),
                j.signalsWithoutPreemption() == 0 ? null : "a goroutine running (unsafe point or stack scan) "
                        + j.signalsWithoutPreemptionByState().getOrDefault("goroutineRunning", 0L)
                        + ", none on the thread " + j.signalsWithoutPreemptionByState().getOrDefault("noGoroutine", 0L)));
    }

    private static long sum(Map<String, Long> counts) {
        return counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String byName(Map<String, Long> counts) {
        if (counts == null || counts.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return b.toString();
    }
}
