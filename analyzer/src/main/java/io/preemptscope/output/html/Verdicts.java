package io.preemptscope.output.html;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Finding;
import io.preemptscope.model.anomaly.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The report's first sentence, from the findings and metrics alone, with a tone for its colour. */
final class Verdicts {
    private Verdicts() {}

    static ReportPage.Verdict of(AnalysisResult r) {
        AnalysisMetrics m = r.metrics();
        if (r.profile() == null) {
            return new ReportPage.Verdict("No Go runtime found: there is no Go preemption to judge in this capture",
                    "neutral", r.goVersionBasis());
        }
        Finding worst = r.findings().stream().filter(f -> f.severity() != Severity.INFO)
                .max(Comparator.comparing(Finding::severity)).orElse(null);
        if (worst != null) {
            Finding lead = r.findings().stream()
                    .filter(f -> f.severity() == worst.severity() && f.id().equals(leadId(r.findings(), worst.severity())))
                    .findFirst().orElse(worst);
            long others = r.findings().stream().filter(f -> f.severity() != Severity.INFO).count() - 1;
            String text = FindingAdvice.of(lead.id()).title() + ": " + firstSentence(lead.message())
                    + (lead.id().equals("COOP_STARVATION") ? " (" + apoNote(r) + ")" : "");
            String detail = others <= 0 ? null : String.format(Locale.ROOT, "%s more warning%s or error%s below.",
                    Format.count(others), others == 1 ? "" : "s", others == 1 ? "" : "s");
            return new ReportPage.Verdict(text, worst.severity() == Severity.ERROR ? "error" : "warning", detail);
        }
        AnalysisMetrics.Latency l = m.preemptLatencyMs();
        boolean fromTrace = m.latencyBasis() != null && m.latencyBasis().startsWith("go trace");
        double deadline = m.calibration().preemptDeadlineMs();
        if (l.count() > 0 && l.max() != null) {
            String what = fromTrace
                    ? String.format(Locale.ROOT, "%s async and %s cooperative preemptions in the Go trace",
                            Format.count(m.preemptions().async()), Format.count(m.preemptions().cooperative()))
                    : Format.count(m.sigurgSent() == null ? 0 : m.sigurgSent()) + " SIGURG" + (m.sigurgSent() != null
                            && m.sigurgSent() == 1 ? "" : "s");
            // from strace the run before a SIGURG is no time slice: say only what the capture shows
            AnalysisMetrics.LongestRun longest = m.longestUserRun();
            String within = !fromTrace ? (longest != null && longest.ms() >= 0
                    ? String.format(Locale.ROOT, "each interrupted user code, and no thread ran past the model's"
                            + " deadline of %s ms without a syscall (longest %s ms)", Format.ms(deadline),
                            Format.ms(longest.ms()))
                    : "each interrupted user code, and no finding")
                    : l.max() <= deadline
                    ? String.format(Locale.ROOT, "every preempted time slice ended within the model's deadline of %s ms"
                            + " (longest %s ms)", Format.ms(deadline), Format.ms(l.max()))
                    : String.format(Locale.ROOT, "p99 %s ms against the model's deadline of %s ms", Format.ms(l.p99()),
                            Format.ms(deadline));
            String head = m.preemptions().async() > 0 ? "Async preemption worked" : "Preemption worked";
            return new ReportPage.Verdict(head + ": " + what + ", " + within, "ok", null);
        }
        if (m.sigurgSent() != null && m.sigurgSent() > 0) {
            return new ReportPage.Verdict(String.format(Locale.ROOT, "Async preemption on: %s SIGURGs sent and no"
                    + " warning; no preempted run could be timed in this capture", Format.count(m.sigurgSent())), "ok",
                    null);
        }
        return new ReportPage.Verdict("No warnings: nothing in this capture ran long enough to need preempting"
                + ("unknown".equals(r.asyncPreemption()) ? ", so whether async preemption was on cannot be told" : ""),
                "ok", null);
    }

    /** Among the findings of the worst severity, starvation leads (the hang), else the most frequent id. */
    private static String leadId(List<Finding> findings, Severity severity) {
        if (findings.stream().anyMatch(f -> f.severity() == severity && f.id().equals("COOP_STARVATION"))) {
            return "COOP_STARVATION";
        }
        return findings.stream().filter(f -> f.severity() == severity)
                .collect(java.util.stream.Collectors.groupingBy(Finding::id, java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String apoNote(AnalysisResult r) {
        return r.asyncpreemptoff() ? "Go 1.13 behaviour: async preemption was off" : "async preemption did not stop it";
    }

    /** The message up to its first sentence end (". " or ": a hang"). */
    static String firstSentence(String message) {
        int end = message.indexOf(". ");
        String s = end < 0 ? message : message.substring(0, end);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
