package io.preemptscope.output.html;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.WriterOutput;
import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Evidence;
import io.preemptscope.analysis.EvidenceText;
import io.preemptscope.analysis.Finding;
import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.output.FindingGroups;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis as one self-contained HTML page: a verdict, the capture, the key figures, the
 * charts (PNG, embedded), the findings and the threads. Rendered by a precompiled jte template
 * that escapes every value by context; nothing here builds HTML.
 */
public final class HtmlReport {
    /** Instances of one id shown in full; more are collapsed into a count plus the first few. */
    static final int SHOWN_IN_FULL = 20;
    static final int SHOWN_WHEN_COLLAPSED = 5;
    private static final int THREADS_SHOWN = 15;
    /** Every chart the report can draw, by the id it has in the page and as a PNG file name. */
    public static final List<String> CHART_IDS = List.of("latency-histogram", "latency-cdf", "sigurg-timeline",
            "sysmon-schedule", "interrupted-syscalls", "delivery-latency", "p-timeline", "slice-lengths");

    private final ReportPage page;
    private final Map<String, byte[]> pngs;

    private HtmlReport(ReportPage page, Map<String, byte[]> pngs) {
        this.page = page;
        this.pngs = pngs;
    }

    /** The evidence lines the report quotes, to be read with {@link EvidenceText#read} before {@link #build}. */
    public static List<Evidence> evidenceShown(AnalysisResult r) {
        List<Evidence> refs = new ArrayList<>();
        FindingGroups.of(r.findings()).values().forEach(byId -> byId.values().forEach(list ->
                shown(list, list.size()).forEach(f -> refs.addAll(f.evidence()))));
        return refs;
    }

    public static HtmlReport build(AnalysisResult result, CaptureSeries series, EvidenceText evidence,
            CaptureFacts facts, String generator) {
        DrawnCharts charts = ReportCharts.draw(result, series);
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        List<ReportPage.Chart> shown = new ArrayList<>();
        for (DrawnCharts.Chart d : charts.drawn()) {
            pngs.put(d.id(), d.png());
            shown.add(new ReportPage.Chart(d.id(), d.title(), d.caption(), d.alt(),
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(d.png()), d.width(), d.height(),
                    d.table(), d.tableNote()));
        }
        String name = facts.inputs().isEmpty() ? "capture" : baseName(facts.inputs().get(0).name());
        ReportPage page = new ReportPage("preemptscope report: " + name, Verdicts.of(result),
                CaptureSection.rows(result, facts), CaptureSection.inputs(facts), KeyFigures.of(result),
                shown, charts.absent(), findings(result, evidence), threads(result, series), generator);
        return new HtmlReport(page, pngs);
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 || slash == path.length() - 1 ? path : path.substring(slash + 1);
    }

    public ReportPage page() {
        return page;
    }

    /** Each chart's PNG by its id (latency-histogram, sigurg-timeline, ...), in page order. */
    public Map<String, byte[]> pngs() {
        return pngs;
    }

    public void write(PrintWriter out) {
        JtereportGenerated.render(new OwaspHtmlTemplateOutput(new WriterOutput(out)), null, page);
        out.flush();
    }

    // ---- findings ----------------------------------------------------------------------------


    private static List<Finding> shown(List<Finding> list, long total) {
        return total > SHOWN_IN_FULL ? list.subList(0, Math.min(SHOWN_WHEN_COLLAPSED, list.size())) : list;
    }

    private static List<ReportPage.FindingGroup> findings(AnalysisResult r, EvidenceText text) {
        Map<Severity, Map<String, List<Finding>>> groups = FindingGroups.of(r.findings());
        Map<String, Long> severitiesPerId = new HashMap<>();
        groups.values().forEach(byId -> byId.keySet().forEach(id -> severitiesPerId.merge(id, 1L, Long::sum)));
        List<ReportPage.FindingGroup> out = new ArrayList<>();
        groups.forEach((severity, byId) -> {
            List<ReportPage.FindingCard> cards = new ArrayList<>();
            byId.forEach((id, list) -> {
                long total = severitiesPerId.get(id) > 1 ? list.size() : r.findingCounts().getOrDefault(id, (long) list.size());
                Finding first = list.get(0);
                FindingAdvice advice = FindingAdvice.of(id, severity);
                List<ReportPage.Instance> instances = new ArrayList<>();
                for (Finding f : shown(list, total)) {
                    List<ReportPage.EvidenceLine> lines = f.evidence().stream()
                            .map(e -> new ReportPage.EvidenceLine(e.toString(), text.of(e))).toList();
                    String at = f.at() != null && f.at().text() != null ? f.at().text()
                            : f.ts().toPlainString() + " (event count, no timestamps)";
                    instances.add(new ReportPage.Instance(at, f.tid() >= 0 ? "thread " + f.tid() : null, f.message(), lines));
                }
                String note = null;
                if (total > instances.size()) {
                    note = String.format(Locale.ROOT, "%s in all; the first %d are shown%s.", Format.count(total),
                            instances.size(), total > list.size() ? " (analyze --format json lists the first "
                                    + Format.count(list.size()) + ")" : " (analyze --format json lists them all)");
                }
                String rule = first.rule().endsWith(")") && first.rule().contains(" (")
                        ? first.rule().substring(0, first.rule().lastIndexOf(" (")) : first.rule();
                cards.add(new ReportPage.FindingCard(id, advice.title(), total, first.message(), advice.meaning(),
                        advice.action(), rule, first.ruleDoc(),
                        first.sources().stream().map(s -> new ReportPage.Link(s.title(), s.url())).toList(),
                        instances, note));
            });
            String name = switch (severity) {
                case ERROR -> "Errors";
                case WARNING -> "Warnings";
                case INFO -> "Information";
            };
            out.add(new ReportPage.FindingGroup(name, severity.name().toLowerCase(Locale.ROOT), cards));
        });
        return out;
    }

    // ---- threads -------------------------------------------------------------------------------

    private static ReportPage.ThreadTable threads(AnalysisResult r, CaptureSeries series) {
        AnalysisMetrics m = r.metrics();
        if (!m.straceMeasured()) {
            return null;
        }
        List<CaptureSeries.ThreadFigures> all = series.threads();
        List<ReportPage.ThreadRow> rows = new ArrayList<>();
        for (CaptureSeries.ThreadFigures t : all.subList(0, Math.min(THREADS_SHOWN, all.size()))) {
            rows.add(new ReportPage.ThreadRow(String.valueOf(t.tid()), role(t, m, series),
                    Format.count(t.sigurgReceived()), m.timed() ? Format.duration(t.userNs()) : "–",
                    m.timed() ? Format.duration(t.longestRunNs()) : "–", Format.count(t.eintr())));
        }
        long others = all.size() - rows.size();
        CaptureSeries.ThreadFigures rest = series.otherThreads();
        if (others > 0 || rest.sigurgReceived() + rest.userNs() + rest.eintr() > 0) {
            long sig = rest.sigurgReceived();
            long user = rest.userNs();
            long longest = rest.longestRunNs();
            long eintr = rest.eintr();
            for (CaptureSeries.ThreadFigures t : all.subList(rows.size(), all.size())) {
                sig += t.sigurgReceived();
                user += t.userNs();
                longest = Math.max(longest, t.longestRunNs());
                eintr += t.eintr();
            }
            rows.add(new ReportPage.ThreadRow("others", Format.count(others) + " threads", Format.count(sig),
                    m.timed() ? Format.duration(user) : "–", m.timed() ? Format.duration(longest) : "–",
                    Format.count(eintr)));
        }
        String note = (!m.timed() ? "The capture has no timestamps, so no times; "
                : m.kernel() != null ? "Time in user code is the time between a thread's syscalls, on a CPU or not"
                        + " (the key figures give perf's time off the CPU); "
                : "Time in user code is the time between a thread's syscalls (strace cannot tell time off the CPU from"
                        + " user code); ")
                + "threads with the most SIGURGs first, then the most user time.";
        return new ReportPage.ThreadTable(rows, note);
    }

    private static String role(CaptureSeries.ThreadFigures t, AnalysisMetrics m, CaptureSeries series) {
        List<String> roles = new ArrayList<>();
        if (t.tid() == m.sysmon().tid()) {
            roles.add("sysmon");
        }
        if (t.tid() == series.firstTid()) {
            String program = series.program();
            roles.add(program == null ? "main" : "main (" + program.substring(program.lastIndexOf('/') + 1) + ")");
        }
        if (t.tid() != m.sysmon().tid() && t.sigurgSent() > 0) {
            roles.add("GC/STW signal sender");
        }
        if (t.longestRunNs() >= 10_000_000L && t.tid() != m.sysmon().tid()) {
            // not "spinner": strace cannot tell one looping goroutine from several taking turns
            roles.add("ran ≥ 10 ms without a syscall");
        }
        return roles.isEmpty() ? "–" : String.join(", ", roles);
    }
}
