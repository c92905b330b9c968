package io.preemptscope.output.html;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.compare.Run;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The comparison page's charts, both sides on each: latency distribution functions with the
 * model's band, SIGURG per second of run time, and interrupted syscalls by name. Drawn from what
 * each side's analysis carries (its latency samples and metrics), not from capture series.
 */
final class CompareCharts {
    private static final double FORCE_PREEMPT_MS = 10;
    private static final double SMALLEST_MS = 1e-3;
    private static final int SYSCALLS_SHOWN = 10;
    /** The baseline a lighter shade of the candidate's colour: same meaning, told apart. */
    private static final Color BASELINE = Palette.OTHER;
    private static final Color CANDIDATE = Palette.ASYNC;

    private final List<Run> baseline;
    private final List<Run> candidate;
    private final List<DrawnCharts.Chart> drawn = new ArrayList<>();
    private final List<ReportPage.Row> absent = new ArrayList<>();

    private CompareCharts(List<Run> baseline, List<Run> candidate) {
        this.baseline = baseline;
        this.candidate = candidate;
    }

    static DrawnCharts draw(List<Run> baseline, List<Run> candidate) {
        CompareCharts c = new CompareCharts(baseline, candidate);
        c.latencyCdf();
        c.sigurgRate();
        c.interruptedSyscalls();
        return new DrawnCharts(List.copyOf(c.drawn), List.copyOf(c.absent));
    }

    /** Whether a side's latencies are Go trace time slices rather than strace's runs at each SIGURG. */
    static boolean fromTrace(List<Run> runs) {
        return !runs.isEmpty() && runs.stream().allMatch(r -> {
            String basis = r.result().metrics().latencyBasis();
            return basis != null && basis.startsWith("go trace");
        });
    }

    private static double deadlineMs(List<Run> runs) {
        return runs.stream().mapToDouble(r -> r.result().metrics().calibration().preemptDeadlineMs()).max().orElse(0);
    }

    private static boolean strace(List<Run> runs) {
        return !runs.isEmpty() && runs.stream().allMatch(r -> r.result().metrics().straceMeasured());
    }

    private static double seconds(List<Run> runs) {
        return runs.stream().mapToDouble(r -> r.result().metrics().durationMs()).sum() / 1000;
    }

    // ---- 1. latency distribution functions ------------------------------------------------------

    private static double[] samples(List<Run> runs) {
        return runs.stream().flatMapToDouble(r -> Arrays.stream(r.result().latencySamples().preemption().millis()))
                .sorted().toArray();
    }

    private static long measured(List<Run> runs) {
        return runs.stream().mapToLong(r -> r.result().latencySamples().preemption().count()).sum();
    }

    private static String what(List<Run> runs) {
        return fromTrace(runs) ? "preempted time slice length" : "user-space run at each SIGURG";
    }

    private void latencyCdf() {
        boolean bTrace = fromTrace(baseline);
        boolean cTrace = fromTrace(candidate);
        String title = bTrace && cTrace ? "Preempted time slice length, baseline and candidate"
                : !bTrace && !cTrace ? "User-space run at each SIGURG, baseline and candidate"
                : "Preemption latency, baseline and candidate";
        double[] b = samples(baseline);
        double[] c = samples(candidate);
        if (b.length == 0 && c.length == 0) {
            absent.add(new ReportPage.Row(title, "neither side measured a preemption latency (no SIGURG interrupted"
                    + " user code, and no preempted time slice in a Go trace)"));
            return;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colours = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (b.length > 0) {
            data.addSeries(cdf("baseline: " + what(baseline) + " (n=" + Format.count(b.length) + ")", b));
            colours.add(BASELINE);
        } else {
            missing.add("the baseline measured none");
        }
        if (c.length > 0) {
            data.addSeries(cdf("candidate: " + what(candidate) + " (n=" + Format.count(c.length) + ")", c));
            colours.add(CANDIDATE);
        } else {
            missing.add("the candidate measured none");
        }
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < colours.size(); i++) {
            renderer.setSeriesPaint(i, colours.get(i));
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        String xLabel = bTrace && cTrace ? "length of the preempted time slice (ms, log scale)"
                : !bTrace && !cTrace ? "user-space run of the thread when SIGURG arrived (ms, log scale)"
                : "baseline: " + what(baseline) + "; candidate: " + what(candidate) + " (ms, log scale)";
        LogAxis x = ChartStyle.logMs(xLabel);
        NumberAxis y = new NumberAxis("share of the side's values up to x (%)");
        y.setRange(0, 100);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        double deadline = Math.max(deadlineMs(baseline), deadlineMs(candidate));
        ChartStyle.band(plot, FORCE_PREEMPT_MS, deadline);
        double lo = Math.min(FORCE_PREEMPT_MS, Math.min(min(b), min(c)));
        double hi = Math.max(deadline, Math.max(max(b), max(c)));
        // at least 1 to 100 ms, so the axis has a tick either side of the band
        x.setRange(Math.max(SMALLEST_MS, Math.min(0.7, lo / 2)), Math.max(150, hi * 2));

        List<List<String>> table = new ArrayList<>();
        table.add(List.of("statistic", "baseline (ms)", "candidate (ms)"));
        table.add(List.of("values measured", Format.count(measured(baseline)), Format.count(measured(candidate))));
        table.add(List.of("values sampled (drawn)", Format.count(b.length), Format.count(c.length)));
        for (int p : new int[] {10, 25, 50, 75, 90, 99, 100}) {
            table.add(List.of(p == 100 ? "max" : "p" + p, percentile(b, p), percentile(c, p)));
        }
        String caption = (bTrace && cTrace
                ? "How long each preempted time slice ran, from each side's Go trace"
                : !bTrace && !cTrace
                ? "How long the target thread had run user code since its last syscall when each SIGURG arrived"
                        + " (not a time slice: a syscall capture shows no cooperative preemption)"
                : "Baseline: " + what(baseline) + "; candidate: " + what(candidate) + " (different measures)")
                + "; a curve further left is quicker. The shaded band is the model's 10 ms time slice up to its"
                + " deadline." + (missing.isEmpty() ? "" : " Only one curve: " + String.join(", ", missing) + ".");
        add("compare-latency-cdf", title, caption, String.format(Locale.ROOT,
                "Cumulative distributions of preemption latency: baseline %s values, median %s ms; candidate %s"
                        + " values, median %s ms; model band 10 to %s ms.", Format.count(b.length),
                percentile(b, 50), Format.count(c.length), percentile(c, 50), Format.ms(deadline)),
                new JFreeChart(title, null, plot, true), table, "Percentiles of the sampled values (nearest rank);"
                        + " each run keeps a bounded, fixed-seed sample of its latencies.", ChartStyle.WIDTH,
                ChartStyle.HEIGHT);
    }

    private static XYSeries cdf(String name, double[] sorted) {
        XYSeries s = new XYSeries(name, true, true);
        s.add(Math.max(SMALLEST_MS, sorted[0]) / 1.5, 0);
        for (int i = 0; i < sorted.length; i++) {
            // one point per distinct value, at the share up to and including it
            if (i + 1 < sorted.length && sorted[i + 1] == sorted[i]) {
                continue;
            }
            s.addOrUpdate(Math.max(SMALLEST_MS, sorted[i]), 100.0 * (i + 1) / sorted.length);
        }
        return s;
    }

    private static double min(double[] sorted) {
        return sorted.length == 0 ? Double.POSITIVE_INFINITY : Math.max(SMALLEST_MS, sorted[0]);
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    private static String percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return "–";
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Format.ms(sorted[Math.max(0, rank - 1)]);
    }

    // ---- 2. SIGURG per second ------------------------------------------------------------------

    private void sigurgRate() {
        String title = "SIGURG per second of run time";
        boolean bs = strace(baseline) && seconds(baseline) > 0;
        boolean cs = strace(candidate) && seconds(candidate) > 0;
        if (!bs && !cs) {
            absent.add(new ReportPage.Row(title, "neither side has a timed strace capture (a Go trace records no"
                    + " signals)"));
            return;
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("side", "SIGURG sent", "SIGURG delivered", "run time (s)", "sent per second",
                "delivered per second"));
        List<String> alt = new ArrayList<>();
        for (Map.Entry<String, List<Run>> side : sides().entrySet()) {
            List<Run> runs = side.getValue();
            if (!(strace(runs) && seconds(runs) > 0)) {
                table.add(List.of(side.getKey(), "–", "–", "–", "not measured", "not measured"));
                continue;
            }
            long sent = runs.stream().mapToLong(r -> nz(r.result().metrics().sigurgSent())).sum();
            long delivered = runs.stream().mapToLong(r -> nz(r.result().metrics().sigurgDelivered())).sum();
            double s = seconds(runs);
            data.addValue(sent / s, "sent (tgkill)", side.getKey());
            data.addValue(delivered / s, "delivered", side.getKey());
            table.add(List.of(side.getKey(), Format.count(sent), Format.count(delivered), Format.seconds(s),
                    rate(sent / s), rate(delivered / s)));
            alt.add(String.format(Locale.ROOT, "%s %s sent per second", side.getKey(), rate(sent / s)));
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Palette.SENT);
        renderer.setSeriesPaint(1, Palette.ASYNC);
        renderer.setMaximumBarWidth(0.18);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("#,##0.#", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        NumberAxis y = new NumberAxis("SIGURG per second of run time");
        y.setUpperMargin(0.15);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("side"), y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        add("compare-sigurg-rate", title, "How often the runtime asked for a preemption (tgkill SIGURG) and how"
                + " often a SIGURG arrived, per second of each side's strace run time; a Go 1.13-like side, or"
                + " one with async preemption off, sends none.", "Bar chart of SIGURG per second: "
                + String.join("; ", alt) + ".", new JFreeChart(title, null, plot, true), table,
                bs && cs ? null : "One side has no timed strace capture: a Go trace records no signals.",
                ChartStyle.WIDTH, 320);
    }

    private static long nz(Long n) {
        return n == null ? 0 : n;
    }

    private static String rate(double perSecond) {
        return perSecond >= 10 ? String.format(Locale.ROOT, "%,.1f", perSecond)
                : String.format(Locale.ROOT, "%.2f", perSecond);
    }

    private Map<String, List<Run>> sides() {
        Map<String, List<Run>> sides = new LinkedHashMap<>();
        sides.put("baseline", baseline);
        sides.put("candidate", candidate);
        return sides;
    }

    // ---- 3. interrupted syscalls ---------------------------------------------------------------

    private void interruptedSyscalls() {
        String title = "Interrupted syscalls, baseline and candidate";
        if (!strace(baseline) && !strace(candidate)) {
            absent.add(new ReportPage.Row(title, "neither side has a strace capture: a Go trace records no syscall"
                    + " results"));
            return;
        }
        // name -> baseline restarted, baseline EINTR, candidate restarted, candidate EINTR
        Map<String, long[]> byName = new LinkedHashMap<>();
        collect(byName, baseline, 0);
        collect(byName, candidate, 2);
        if (byName.isEmpty()) {
            absent.add(new ReportPage.Row(title, "no syscall was interrupted by a signal on either side"));
            return;
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> Arrays.stream(e.getValue()).sum())
                .reversed().thenComparing(Map.Entry::getKey));
        String[] series = {"baseline: restarted", "baseline: EINTR", "candidate: restarted", "candidate: EINTR"};
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("syscall", "baseline restarted", "baseline EINTR", "candidate restarted", "candidate EINTR"));
        long[] others = new long[4];
        int otherNames = 0;
        for (int i = 0; i < sorted.size(); i++) {
            String name = sorted.get(i).getKey();
            long[] n = sorted.get(i).getValue();
            table.add(List.of(name, Format.count(n[0]), Format.count(n[1]), Format.count(n[2]), Format.count(n[3])));
            if (i < SYSCALLS_SHOWN) {
                for (int s = 0; s < 4; s++) {
                    data.addValue(n[s], series[s], name);
                }
            } else {
                for (int s = 0; s < 4; s++) {
                    others[s] += n[s];
                }
                otherNames++;
            }
        }
        if (otherNames > 0) {
            for (int s = 0; s < 4; s++) {
                data.addValue(others[s], series[s], otherNames + " others");
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        // restarted green, EINTR vermillion; the baseline in a lighter shade of each
        renderer.setSeriesPaint(0, lighter(Palette.OK));
        renderer.setSeriesPaint(1, lighter(Palette.ERROR));
        renderer.setSeriesPaint(2, Palette.OK);
        renderer.setSeriesPaint(3, Palette.ERROR);
        renderer.setMaximumBarWidth(0.06);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("syscall"), ChartStyle.count("interrupted calls"),
                renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        int height = Math.max(260, 140 + 44 * data.getColumnCount());
        String note = strace(baseline) && strace(candidate) ? null
                : (strace(baseline) ? "The candidate" : "The baseline") + " has no strace capture: its bars are absent,"
                        + " not zero.";
        add("compare-interrupted-syscalls", title, String.format(Locale.ROOT, "Syscalls a signal interrupted, by name:"
                + " restarted by the kernel without the program noticing, or failing with EINTR, which the program"
                + " must retry. Counts over each side's whole run (baseline %s s, candidate %s s of strace time).",
                Format.seconds(seconds(baseline)), Format.seconds(seconds(candidate))),
                "Grouped bars of interrupted syscalls, restarted and EINTR, baseline and candidate, for "
                        + sorted.size() + " syscall names.", new JFreeChart(title, null, plot, true), table, note,
                ChartStyle.WIDTH, height);
    }

    private static void collect(Map<String, long[]> byName, List<Run> runs, int offset) {
        for (Run r : runs) {
            AnalysisMetrics m = r.result().metrics();
            if (!m.straceMeasured()) {
                continue;
            }
            if (m.restarts() != null) {
                m.restarts().forEach((name, n) -> byName.computeIfAbsent(name, k -> new long[4])[offset] += n);
            }
            if (m.eintr() != null) {
                m.eintr().forEach((name, n) -> byName.computeIfAbsent(name, k -> new long[4])[offset + 1] += n);
            }
        }
    }

    private static Color lighter(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
    }

    private void add(String id, String title, String caption, String alt, JFreeChart chart, List<List<String>> table,
            String note, int width, int height) {
        drawn.add(ChartStyle.draw(id, title, caption, alt, chart, table, note, width, height));
    }
}
