package io.preemptscope.output;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Evidence;
import io.preemptscope.analysis.EvidenceText;
import io.preemptscope.analysis.Finding;
import io.preemptscope.model.anomaly.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis as a summary a person reads: what happened, the figures, then the findings, each
 * with the capture lines it cites.
 */
public final class AnalysisTextWriter {
    /** What stands where a figure needs a strace capture and the inputs are Go traces only. */
    private static final String NOT_IN_A_TRACE = "not in this capture (a Go trace records no signals and no"
            + " syscall results; capture with strace too)";

    private static final int SHOWN_PER_ID = 3;
    private static final int MAX_LINE = 160;

    private AnalysisTextWriter() {}

    /** The evidence whose text the summary shows: that of the first few findings of each id. */
    public static List<Evidence> evidenceShown(AnalysisResult r) {
        List<Evidence> refs = new ArrayList<>();
        FindingGroups.of(r.findings()).values().forEach(byId -> byId.values().forEach(list ->
                list.subList(0, Math.min(SHOWN_PER_ID, list.size())).forEach(f -> refs.addAll(f.evidence()))));
        return refs;
    }


    /** Writes the summary; {@code evidence} holds the text of the lines {@link #evidenceShown} names. */
    public static void write(AnalysisResult r, EvidenceText evidence, PrintWriter out) {
        AnalysisMetrics m = r.metrics();
        out.println("preemptscope analysis of " + String.join(", ", r.inputs()));
        if (r.profile() == null) {
            out.printf(Locale.ROOT, "Go: %s (%s)%n", r.goVersion(), r.goVersionBasis()); // no model applies
        } else {
            out.printf(Locale.ROOT, "Go: %s, model %s%s (%s)%n", r.goVersion(), r.profile(),
                    "unknown".equals(r.asyncPreemption()) ? ", async preemption unknown"
                            : r.asyncpreemptoff() ? ", async preemption off" : "", r.goVersionBasis());
        }
        if (m.threads() > 0) {
            out.printf(Locale.ROOT, "%s: %s; sysmon thread %s%n", m.kernel() != null ? "perf" : "strace", span(m),
                    m.sysmon().tid() < 0 ? "not found" : String.valueOf(m.sysmon().tid()));
        }
        out.println();
        out.println("What happened");
        if (m.straceMeasured()) {
            String senders = m.sigurgSentBySysmon() == null || m.sigurgSent() == 0 ? ""
                    : String.format(Locale.ROOT, " (sysmon %d, GC and stop-the-world %d)", m.sigurgSentBySysmon(),
                            m.sigurgSent() - m.sigurgSentBySysmon());
            out.printf(Locale.ROOT, "  SIGURG sent %d%s, delivered %d, coalesced %d%n",
                    m.sigurgSent(), senders, m.sigurgDelivered(), m.sigurgCoalesced());
        } else {
            out.println("  SIGURG: " + NOT_IN_A_TRACE);
        }
        boolean fromTrace = m.latencyBasis() != null && m.latencyBasis().startsWith("go trace");
        if (fromTrace) {
            out.printf(Locale.ROOT, "  preemptions (Go trace): async %d, cooperative %d%n",
                    m.preemptions().async(), m.preemptions().cooperative());
        } else {
            out.printf(Locale.ROOT, "  preemption signals that interrupted user code: %d%n", m.preemptions().async());
        }
        AnalysisMetrics.Latency l = m.preemptLatencyMs();
        if (fromTrace && l.count() > 0) {
            out.printf(Locale.ROOT, "  length of the time slices a preemption ended (Go trace, ms): %s%n", percentiles(l));
        }
        if (m.sigurgBySender() != null) {
            bySender(m.sigurgBySender(), out);
        } else {
            if (!fromTrace && l.count() > 0) {
                out.printf(Locale.ROOT, "  %s, any sender (ms): %s%n", RUN_BEFORE_SIGURG, percentiles(l));
            }
            if (m.sigurgDeliveryLatencyMs() != null && m.sigurgDeliveryLatencyMs().count() > 0) {
                out.printf(Locale.ROOT, "  SIGURG delivery after the sender's tgkill, any sender (ms): %s%n",
                        percentiles(m.sigurgDeliveryLatencyMs()));
            }
        }
        if (m.longestUserRun() != null) {
            AnalysisMetrics.LongestRun run = m.longestUserRun();
            out.printf(Locale.ROOT, "  longest user-space run without a syscall, sysmon aside: %.1f ms (thread %d, %s)%n",
                    run.ms(), run.tid(), ended(run.endedBy()));
        }
        // one request at a time is the normal case: a streak is worth a line only when there is one
        if (m.sysmonRequestStreak() != null && m.sysmonRequestStreak().requests() > 1) {
            AnalysisMetrics.RequestStreak st = m.sysmonRequestStreak();
            out.printf(Locale.ROOT, "  sysmon asked thread %d on %d consecutive rounds over %.1f ms (it asks again each round"
                    + " while a time slice lasts)%n", st.tid(), st.requests(), st.spanMs());
        }
        if (m.syscallRetakes() != null) {
            out.printf(Locale.ROOT, "  Ps retaken from goroutines blocked in syscalls (Go trace): %d%n", m.syscallRetakes());
        }
        if (m.straceMeasured()) {
            out.println("  EINTR reaching the program: " + counts(m.eintr()));
            out.println("  transparent restarts: " + counts(m.restarts()));
        } else {
            out.println("  EINTR and restarted syscalls: " + NOT_IN_A_TRACE);
        }
        if (!m.sysmon().delays().isEmpty()) {
            out.println("  sysmon sleeps by length (µs): " + counts(m.sysmon().delays()));
        } else if (m.sysmon().sleptMs() != null) {
            // perf sees the sleep, not the request behind nanosleep's pointer
            out.println("  sysmon sleeps as they really lasted (ms): " + JoinTextWriter.percentiles(m.sysmon().sleptMs()));
        }
        out.printf(Locale.ROOT, "  thresholds: sysmon slack %.0f µs, preemption deadline %.2f ms%n",
                m.calibration().slackUs(), m.calibration().preemptDeadlineMs());
        out.println();
        if (m.kernel() != null) {
            KernelTextWriter.write(m.kernel(), out);
            out.println();
        }
        if (m.join() != null) {
            JoinTextWriter.write(m.join(), m.kernel() != null ? "perf" : "strace", out);
            out.println();
        }
        findings(r.findings(), r.findingCounts(), evidence, out);
        out.flush();
    }

    private static void findings(List<Finding> findings, Map<String, Long> counts, EvidenceText text,
            PrintWriter out) {
        if (findings.isEmpty()) {
            out.println("Findings: none");
            return;
        }
        Map<Severity, Map<String, List<Finding>>> groups = FindingGroups.of(findings);
        Map<String, Long> severitiesPerId = new HashMap<>();
        groups.values().forEach(byId -> byId.keySet().forEach(id -> severitiesPerId.merge(id, 1L, Long::sum)));
        for (Map.Entry<Severity, Map<String, List<Finding>>> group : groups.entrySet()) {
            Severity s = group.getKey();
            Map<String, List<Finding>> byId = group.getValue();
            out.println(s.name() + (s == Severity.INFO ? "" : "S"));
            byId.forEach((id, list) -> {
                // an id whose findings differ in severity is counted per severity, from what was kept
                long total = severitiesPerId.get(id) > 1 ? list.size() : counts.getOrDefault(id, (long) list.size());
                Finding first = list.get(0);
                out.printf(Locale.ROOT, "  %s (%d)  rule: %s%n", id, total, first.rule());
                if (!first.sources().isEmpty()) {
                    out.println("    source: " + first.sources().get(0).url());
                }
                for (Finding f : list.subList(0, Math.min(SHOWN_PER_ID, list.size()))) {
                    String at = f.at().text() != null ? f.at().text() : f.ts().toPlainString() + " (event count, no timestamps)";
                    out.printf(Locale.ROOT, "    at %s: %s%n", at, f.message());
                    for (Evidence e : f.evidence()) {
                        String line = text.of(e);
                        out.println("      " + e + "  " + (line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line));
                    }
                }
                if (total > SHOWN_PER_ID) {
                    out.printf(Locale.ROOT, "    ... and %d more (%s)%n", total - SHOWN_PER_ID,
                            total > list.size() ? "the first " + list.size() + " are in --format json" : "all are in --format json");
                }
            });
        }
    }

    private static final String RUN_BEFORE_SIGURG = "user-space run since the thread's last syscall when SIGURG"
            + " arrived, not a time slice";

    /** Each figure for sysmon's requests apart from the GC's and stop-the-world's, which ask regardless of time. */
    private static void bySender(AnalysisMetrics.SigurgSenders s, PrintWriter out) {
        Map<String, AnalysisMetrics.SigurgSender> rows = new LinkedHashMap<>();
        rows.put("from sysmon", s.sysmon());
        rows.put("from GC and stop-the-world", s.others());
        if (s.unseen().delivered() > 0) {
            rows.put("tgkill not in the capture", s.unseen());
        }
        if (rows.values().stream().allMatch(r -> r.delivered() == 0)) {
            return;
        }
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        // a capture that filters syscalls measures deliveries but no runs
        if (rows.values().stream().anyMatch(r -> r.userRunBeforeDeliveryMs().count() > 0)) {
            out.printf(Locale.ROOT, "  %s (ms):%n", RUN_BEFORE_SIGURG);
            rows.forEach((who, r) -> out.printf(Locale.ROOT, "    %-" + width + "s  %s%n", who,
                    percentiles(r.userRunBeforeDeliveryMs())));
        }
        out.println("  SIGURG delivery after the sender's tgkill (ms):");
        rows.forEach((who, r) -> {
            if (r.deliveryLatencyMs() != null) {
                out.printf(Locale.ROOT, "    %-" + width + "s  %s%n", who, percentiles(r.deliveryLatencyMs()));
            }
        });
    }

    private static String percentiles(AnalysisMetrics.Latency l) {
        if (l.count() == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  (n=%d)", l.p50(), l.p90(), l.p99(),
                l.max(), l.count());
    }

    private static String ended(String endedBy) {
        return switch (endedBy) {
            case "syscall" -> "ended by a syscall";
            case "SIGURG" -> "ended by SIGURG";
            case "signal" -> "ended by another signal";
            case "stop" -> "ended by a group-stop";
            case "killed" -> "still running when the process was killed";
            default -> "still running when the capture ended";
        };
    }

    /** The threads and the time they cover, or why no time can be measured. */
    private static String span(AnalysisMetrics m) {
        String threads = m.threads() == 1 ? "1 thread" : String.format(Locale.ROOT, "%d threads", m.threads());
        if (!m.timed()) {
            return threads + "; no timestamps: durations and latencies cannot be measured";
        }
        if (m.durationMs() == 0) {
            return threads + "; a single point in time: durations and latencies cannot be measured";
        }
        return String.format(Locale.ROOT, "%s over %.1f ms", threads, m.durationMs());
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return b.toString();
    }
}
