package io.preemptscope.output.html;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.WriterOutput;
import io.preemptscope.compare.CheckResult;
import io.preemptscope.compare.CheckSetResult;
import io.preemptscope.compare.Comparison;
import io.preemptscope.compare.FindingChange;
import io.preemptscope.compare.Run;
import io.preemptscope.compare.SideSummary;
import io.preemptscope.compare.Statistic;
import io.preemptscope.compare.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A comparison as one self-contained HTML page, baseline beside candidate: the verdict, each
 * side's capture, the check tables, what changed in the findings, and charts of both sides.
 * Rendered by the precompiled jte template {@code compare.jte}, which escapes every value.
 */
public final class CompareReport {
    private final ComparePage page;

    private CompareReport(ComparePage page) {
        this.page = page;
    }

    /**
     * @param strict whether an inconclusive check fails, as {@code --strict} says
     */
    public static CompareReport build(Comparison c, List<Run> baseline, List<Run> candidate, boolean strict,
            String generator) {
        DrawnCharts charts = CompareCharts.draw(baseline, candidate);
        List<ReportPage.Chart> shown = new ArrayList<>();
        for (DrawnCharts.Chart d : charts.drawn()) {
            shown.add(new ReportPage.Chart(d.id(), d.title(), d.caption(), d.alt(),
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(d.png()), d.width(), d.height(),
                    d.table(), d.tableNote()));
        }
        String title = "preemptscope compare: " + names(c.baseline()) + " → " + names(c.candidate());
        String word = word(c, strict);
        return new CompareReport(new ComparePage(title, verdict(c, strict, word), word,
                sides(c, baseline, candidate), checkTables(c), changes(c), c.notes(), shown, charts.absent(),
                generator));
    }

    public ComparePage page() {
        return page;
    }

    public void write(PrintWriter out) {
        JtecompareGenerated.render(new OwaspHtmlTemplateOutput(new WriterOutput(out)), null, page);
        out.flush();
    }

    // ---- verdict ------------------------------------------------------------------------------

    /** "fail" when a check failed (or, with --strict, was inconclusive); "inconclusive" when none passed; else "pass". */
    static String word(Comparison c, boolean strict) {
        if (c.failed(strict)) {
            return "fail";
        }
        long passed = count(c, Verdict.PASS);
        return passed == 0 && count(c, Verdict.INCONCLUSIVE) > 0 ? "inconclusive" : "pass";
    }

    private static long count(Comparison c, Verdict v) {
        return c.checkSets().stream().mapToLong(s -> s.count(v)).sum();
    }

    private static ReportPage.Verdict verdict(Comparison c, boolean strict, String word) {
        long total = c.checkSets().stream().mapToLong(s -> s.checks().size()).sum();
        long passed = count(c, Verdict.PASS);
        long failed = count(c, Verdict.FAIL);
        long inconclusive = count(c, Verdict.INCONCLUSIVE);
        String sets = String.join(", ", c.checkSets().stream().map(CheckSetResult::name).toList());
        String text;
        String tone;
        switch (word) {
            case "fail" -> {
                List<String> names = new ArrayList<>();
                c.checkSets().forEach(s -> s.checks().stream().filter(r -> r.verdict() == Verdict.FAIL
                        || (strict && r.verdict() == Verdict.INCONCLUSIVE)).forEach(r -> names.add(r.name())));
                text = String.format(Locale.ROOT, "fail: the candidate failed %d of %d checks (%s) against the baseline.",
                        names.size(), total, String.join(", ", names));
                tone = "error";
            }
            case "inconclusive" -> {
                text = String.format(Locale.ROOT, "inconclusive: none of the %d checks could be decided on these"
                        + " captures; nothing failed, and nothing was shown to pass.", total);
                tone = "warning";
            }
            default -> {
                text = String.format(Locale.ROOT, "pass: the candidate passed %d of %d checks against the baseline%s.",
                        passed, total, inconclusive > 0 ? ", and failed none" : "");
                tone = "ok";
            }
        }
        String detail = String.format(Locale.ROOT, "Check sets: %s. %d passed, %d failed, %d inconclusive%s.", sets,
                passed, failed, inconclusive, inconclusive > 0 && !strict
                        ? " (an inconclusive check is not a failure without --strict)" : "");
        return new ReportPage.Verdict(text, tone, detail);
    }

    // ---- the sides ----------------------------------------------------------------------------

    private static String names(SideSummary s) {
        List<String> base = s.runs().stream().map(CompareReport::baseName).toList();
        return base.size() > 2 ? base.get(0) + " and " + (base.size() - 1) + " more runs" : String.join(", ", base);
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 || slash == path.length() - 1 ? path : path.substring(slash + 1);
    }

    private static List<ComparePage.SideRow> sides(Comparison c, List<Run> baseline, List<Run> candidate) {
        SideSummary b = c.baseline();
        SideSummary k = c.candidate();
        List<ComparePage.SideRow> rows = new ArrayList<>();
        rows.add(new ComparePage.SideRow(b.runs().size() == 1 && k.runs().size() == 1 ? "run" : "runs",
                String.join("\n", b.runs()), String.join("\n", k.runs())));
        String bi = inputs(baseline);
        String ki = inputs(candidate);
        if (!bi.equals(String.join("\n", b.runs())) || !ki.equals(String.join("\n", k.runs()))) {
            rows.add(new ComparePage.SideRow("inputs", bi, ki));
        }
        rows.add(new ComparePage.SideRow("Go version", b.goVersion(), k.goVersion()));
        rows.add(new ComparePage.SideRow("async preemption", b.asyncPreemption(), k.asyncPreemption()));
        rows.add(new ComparePage.SideRow("basis", b.basis(), k.basis()));
        rows.add(new ComparePage.SideRow("strace run time", runTime(baseline), runTime(candidate)));
        rows.add(new ComparePage.SideRow("latencies from", basis(baseline), basis(candidate)));
        rows.add(new ComparePage.SideRow("hung", hung(baseline), hung(candidate)));
        if (!b.variation().isEmpty() || !k.variation().isEmpty()) {
            rows.add(new ComparePage.SideRow("across runs", String.join("\n", b.variation()),
                    String.join("\n", k.variation())));
        }
        return rows;
    }

    private static String inputs(List<Run> runs) {
        Set<String> all = new LinkedHashSet<>();
        runs.forEach(r -> all.addAll(r.result().inputs()));
        return String.join("\n", all);
    }

    private static String runTime(List<Run> runs) {
        if (runs.isEmpty() || !runs.stream().allMatch(r -> r.result().metrics().straceMeasured())) {
            return "– (no strace capture)";
        }
        double s = runs.stream().mapToDouble(r -> r.result().metrics().durationMs()).sum() / 1000;
        return Format.seconds(s) + " s";
    }

    private static String basis(List<Run> runs) {
        return CompareCharts.fromTrace(runs) ? "Go trace: preempted time slice lengths"
                : "strace: the user-space run at each SIGURG";
    }

    private static String hung(List<Run> runs) {
        long n = runs.stream().filter(Run::hung).count();
        return n == 0 ? "no" : runs.size() == 1 ? "yes: capture.json says the run was stopped"
                : n + " of " + runs.size() + " runs";
    }

    // ---- checks and findings ----------------------------------------------------------------

    private static List<ComparePage.CheckTable> checkTables(Comparison c) {
        List<ComparePage.CheckTable> out = new ArrayList<>();
        for (CheckSetResult set : c.checkSets()) {
            List<ComparePage.CheckRow> rows = new ArrayList<>();
            for (CheckResult r : set.checks()) {
                String tone = switch (r.verdict()) {
                    case PASS -> "ok";
                    case FAIL -> "error";
                    case INCONCLUSIVE -> "warning";
                };
                rows.add(new ComparePage.CheckRow(r.name(), r.baseline(), r.candidate(), r.change(), r.verdict().label(),
                        tone, sentence(r)));
            }
            out.add(new ComparePage.CheckTable(set.name(), String.format(Locale.ROOT,
                    "%d passed, %d failed, %d inconclusive", set.count(Verdict.PASS), set.count(Verdict.FAIL),
                    set.count(Verdict.INCONCLUSIVE)), rows));
        }
        return out;
    }

    private static String sentence(CheckResult r) {
        Statistic s = r.statistic();
        if (s == null) {
            return r.sentence();
        }
        return String.format(Locale.ROOT, "%s (%s: p = %s, %s %.2f; %d baseline and %d candidate samples)",
                r.sentence(), s.test(), pValue(s.pValue()), s.effectName(), s.effect(), s.baselineN(), s.candidateN());
    }

    private static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static List<ComparePage.ChangeRow> changes(Comparison c) {
        List<ComparePage.ChangeRow> rows = new ArrayList<>();
        for (FindingChange f : c.findingChanges()) {
            boolean worse = f.change().equals("new") || f.change().equals("more");
            boolean serious = !f.severity().equalsIgnoreCase("info");
            String tone = !worse ? "ok" : serious ? (f.severity().equalsIgnoreCase("error") ? "error" : "warning")
                    : "neutral";
            rows.add(new ComparePage.ChangeRow(f.id(), f.severity().toLowerCase(Locale.ROOT),
                    Format.count(f.baseline()), Format.count(f.candidate()), f.change(), tone));
        }
        return rows;
    }
}
