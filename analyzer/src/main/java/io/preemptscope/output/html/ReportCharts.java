package io.preemptscope.output.html;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Finding;
import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.analysis.series.LogHistogram;
import io.preemptscope.analysis.series.TimeAxis;
import io.preemptscope.model.anomaly.Severity;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, drawn with JFreeChart from the analysis's bounded aggregates only. Each
 * chart is drawn only when the capture has its data; otherwise one line says why not.
 */
final class ReportCharts {
    /** Lanes drawn one per thread in the SIGURG timeline; the rest share one. */
    private static final int TIMELINE_LANES = 12;
    private static final int SYSCALLS_SHOWN = 10;
    private static final double FORCE_PREEMPT_MS = 10;

    private final AnalysisResult result;
    private final AnalysisMetrics metrics;
    private final CaptureSeries series;
    private final List<DrawnCharts.Chart> drawn = new ArrayList<>();
    private final List<ReportPage.Row> absent = new ArrayList<>();

    private ReportCharts(AnalysisResult result, CaptureSeries series) {
        this.result = result;
        this.metrics = result.metrics();
        this.series = series;
    }

    static DrawnCharts draw(AnalysisResult result, CaptureSeries series) {
        ReportCharts c = new ReportCharts(result, series);
        c.latencyHistogram();
        c.latencyCdf();
        c.sigurgTimeline();
        c.sysmonSchedule();
        c.interruptedSyscalls();
        c.deliveryLatency();
        c.pTimeline();
        c.sliceLengths();
        return new DrawnCharts(List.copyOf(c.drawn), List.copyOf(c.absent));
    }

    private boolean fromTrace() {
        return metrics.latencyBasis() != null && metrics.latencyBasis().startsWith("go trace");
    }

    private double deadlineMs() {
        return metrics.calibration().preemptDeadlineMs();
    }

    // ---- 1. preemption latency histogram --------------------------------------------------------

    private void latencyHistogram() {
        // from strace the figure is the run since the last syscall, which is no time slice
        String title = fromTrace() ? "Preempted time slices" : "User-space run at each SIGURG";
        List<String> names = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        String xLabel;
        String caption;
        if (fromTrace()) {
            CaptureSeries.SliceLengths s = series.sliceLengths();
            if (s.async().total() + s.cooperative().total() == 0) {
                absent.add(new ReportPage.Row(title, "the Go trace shows no preempted time slice"));
                return;
            }
            names.add("async (SIGURG)");
            counts.add(s.async().counts());
            names.add("cooperative (stack check)");
            counts.add(s.cooperative().counts());
            xLabel = "length of the preempted time slice (ms, log scale)";
            caption = "How long each time slice ran before a preemption ended it, from the Go trace; bars inside the"
                    + " shaded band are what the model expects of sysmon's 10 ms time slice.";
        } else {
            LogHistogram all = series.latencyBySource(metrics.sysmon().tid()).all();
            if (!metrics.straceMeasured() || metrics.preemptLatencyMs().count() == 0 || all.total() == 0) {
                absent.add(new ReportPage.Row(title, metrics.straceMeasured() && metrics.timed()
                        ? "no SIGURG interrupted user code in this capture (nothing ran long enough to need preempting,"
                                + " or async preemption was off)"
                        : "needs a strace capture with timestamps, or a Go trace"));
                return;
            }
            names.add("async (SIGURG interrupted user code)");
            counts.add(all.counts());
            xLabel = "user-space run of the thread when SIGURG arrived (ms, log scale)";
            caption = "How long the target thread had run user code since its last syscall when each SIGURG"
                    + " arrived. Not a time slice: a slice goes on across fast syscalls, and goroutines switch"
                    + " without one (a syscall capture shows no cooperative preemption); the shaded band, the model's 10 ms"
                    + " time slice up to its deadline, is for scale.";
        }
        int[] range = range(counts, true);
        BucketDataset data = new BucketDataset(names, counts, range[0], range[1]);
        StackedXYBarRenderer renderer = ChartStyle.stackedBars(Palette.ASYNC, Palette.COOPERATIVE);
        LogAxis x = ChartStyle.logMs(xLabel);
        XYPlot plot = new XYPlot(data, x, ChartStyle.count(fromTrace() ? "preemptions" : "SIGURGs"), renderer);
        ChartStyle.band(plot, FORCE_PREEMPT_MS, deadlineMs());
        x.setRange(BucketDataset.edgeMs(range[0]), BucketDataset.edgeMs(range[1] + 1));
        List<List<String>> table = histogramTable(names, counts, fromTrace() ? "preemptions" : "SIGURGs");
        add("latency-histogram", title, caption, String.format(Locale.ROOT,
                "Histogram of preemption latency: %s preemptions, p50 %s ms, max %s ms; model band 10 to %s ms.",
                Format.count(metrics.preemptLatencyMs().count()), Format.ms(metrics.preemptLatencyMs().p50()),
                Format.ms(metrics.preemptLatencyMs().max()), Format.ms(deadlineMs())),
                new JFreeChart(title, null, plot, true), table, null);
    }

    // ---- 2. latency CDF per source ----------------------------------------------------------

    private void latencyCdf() {
        String title = "User-space run at each SIGURG, by who asked";
        if (fromTrace() || !metrics.straceMeasured()) {
            absent.add(new ReportPage.Row(title, "who sent a preemption request shows only in strace (the sending"
                    + " thread of each tgkill); " + (fromTrace() ? "this report's latencies come from the Go trace"
                    : "this capture has no strace log")));
            return;
        }
        CaptureSeries.LatencyBySource by = series.latencyBySource(metrics.sysmon().tid());
        Map<String, LogHistogram> sources = new LinkedHashMap<>();
        sources.put("sysmon (retake, 10 ms time slice)", by.sysmon());
        sources.put("GC and stop-the-world (other senders)", by.others());
        sources.put("sender not in the capture", by.unknown());
        sources.values().removeIf(h -> h.total() == 0);
        if (sources.isEmpty()) {
            absent.add(new ReportPage.Row(title, "no SIGURG interrupted user code in this capture"));
            return;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        List<long[]> counts = new ArrayList<>();
        sources.values().forEach(h -> counts.add(h.counts()));
        int[] range = range(counts, true);
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run up to (ms)"));
        header.addAll(sources.keySet().stream().map(k -> k + ", % of its SIGURGs").toList());
        table.add(header);
        for (Map.Entry<String, LogHistogram> e : sources.entrySet()) {
            XYSeries s = new XYSeries(e.getKey() + " (n=" + Format.count(e.getValue().total()) + ")", true, false);
            long seen = 0;
            s.add(BucketDataset.edgeMs(range[0]), 0);
            for (int b = range[0]; b <= range[1]; b++) {
                seen += e.getValue().count(b);
                s.add(BucketDataset.edgeMs(b + 1), 100.0 * seen / e.getValue().total());
            }
            data.addSeries(s);
        }
        for (int b = range[0]; b <= range[1]; b++) {
            List<String> row = new ArrayList<>(List.of(Format.ms(BucketDataset.edgeMs(b + 1))));
            for (LogHistogram h : sources.values()) {
                long seen = 0;
                for (int i = 0; i <= b; i++) {
                    seen += h.count(i);
                }
                row.add(String.format(Locale.ROOT, "%.1f", 100.0 * seen / h.total()));
            }
            table.add(row);
        }
        XYStepRenderer renderer = new XYStepRenderer();
        Color[] colours = {Palette.ASYNC, Palette.INK, Palette.OTHER};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colours[i]);
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        LogAxis x = ChartStyle.logMs("user-space run of the thread when SIGURG arrived (ms, log scale)");
        NumberAxis y = new NumberAxis("SIGURGs that arrived by then (%)");
        y.setRange(0, 100);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        ChartStyle.band(plot, FORCE_PREEMPT_MS, deadlineMs());
        x.setRange(BucketDataset.edgeMs(range[0]), BucketDataset.edgeMs(range[1] + 1));
        add("latency-cdf", title, "The share of SIGURGs that arrived within a given run, by sender: sysmon's are"
                + " retake's 10 ms time slice and should rise inside the band; GC and stop-the-world ask sooner.",
                "Cumulative distribution of preemption latency for " + String.join(", ", sources.keySet()) + ".",
                new JFreeChart(title, null, plot, true), table, null);
    }

    // ---- 3. SIGURG timeline -----------------------------------------------------------------

    private void sigurgTimeline() {
        String title = "SIGURG timeline";
        List<CaptureSeries.SignalLane> lanes = series.signalLanes();
        TimeAxis axis = series.straceAxis();
        if (!metrics.straceMeasured() || !metrics.timed() || lanes.isEmpty()) {
            absent.add(new ReportPage.Row(title, !metrics.straceMeasured() ? "a Go trace records no signals; capture"
                    + " with strace too" : !metrics.timed() ? "the strace capture has no timestamps"
                    : "no SIGURG was sent or delivered in this capture"));
            return;
        }
        lanes = new ArrayList<>(lanes);
        lanes.sort(Comparator.comparingLong(CaptureSeries.SignalLane::total).reversed());
        List<CaptureSeries.SignalLane> shown = new ArrayList<>(lanes.subList(0, Math.min(TIMELINE_LANES, lanes.size())));
        long[] otherSent = new long[TimeAxis.BUCKETS];
        long[] otherDelivered = new long[TimeAxis.BUCKETS];
        int otherThreads = 0;
        for (CaptureSeries.SignalLane l : lanes.subList(shown.size(), lanes.size())) {
            for (int i = 0; i < TimeAxis.BUCKETS; i++) {
                otherSent[i] += l.sent()[i];
                otherDelivered[i] += l.delivered()[i];
            }
            otherThreads += l.tid() == CaptureSeries.OTHERS ? 0 : 1;
        }
        if (lanes.size() > shown.size()) {
            shown.add(new CaptureSeries.SignalLane(CaptureSeries.OTHERS, otherSent, otherDelivered));
        }
        String[] labels = new String[shown.size()];
        Map<Integer, Integer> laneOf = new LinkedHashMap<>();
        for (int i = 0; i < shown.size(); i++) {
            int tid = shown.get(i).tid();
            labels[i] = tid == CaptureSeries.OTHERS ? "other threads" : "thread " + tid + role(tid);
            laneOf.put(tid, i);
        }
        double width = axis.widthNs() / 1e9;
        XYSeries sent = new XYSeries("SIGURG sent to the thread (tgkill)", false, true);
        XYSeries delivered = new XYSeries("SIGURG delivered", false, true);
        XYSeries warnings = new XYSeries("warning finding", false, true);
        XYSeries errors = new XYSeries("error finding", false, true);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("from (s)", "to (s)", "thread", "SIGURG sent to it", "delivered"));
        for (int i = 0; i < shown.size(); i++) {
            CaptureSeries.SignalLane l = shown.get(i);
            for (int b = 0; b < axis.used(); b++) {
                if (l.sent()[b] > 0) {
                    sent.add((b + 0.5) * width, i + 0.18);
                }
                if (l.delivered()[b] > 0) {
                    delivered.add((b + 0.5) * width, i - 0.18);
                }
                if (l.sent()[b] + l.delivered()[b] > 0) {
                    table.add(List.of(Format.seconds(b * width), Format.seconds((b + 1) * width), labels[i],
                            Format.count(l.sent()[b]), Format.count(l.delivered()[b])));
                }
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(sent);
        data.addSeries(delivered);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, Palette.SENT);
        renderer.setSeriesShape(0, triangle(5));
        renderer.setSeriesPaint(1, Palette.ASYNC);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        SymbolAxis y = new SymbolAxis(null, labels);
        y.setGridBandsVisible(false);
        y.setInverted(true);
        NumberAxis x = new NumberAxis("time since the capture's first event (s)");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        int findingsOutsideLanes = 0;
        for (Finding f : result.findings()) {
            if (f.at() == null || f.at().offset() == null || f.severity() == Severity.INFO) {
                continue;
            }
            double at = f.at().offset().doubleValue();
            Integer lane = laneOf.get(f.tid());
            if (lane != null) {
                (f.severity() == Severity.ERROR ? errors : warnings).add(at, (double) lane);
            } else if (findingsOutsideLanes++ < 50) {
                ValueMarker m = new ValueMarker(at, f.severity() == Severity.ERROR ? Palette.ERROR : Palette.WARNING,
                        new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                                1f, new float[] {4f, 3f}, 0f));
                plot.addDomainMarker(m);
            }
        }
        if (warnings.getItemCount() + errors.getItemCount() > 0 || findingsOutsideLanes > 0) {
            XYSeriesCollection marks = new XYSeriesCollection();
            marks.addSeries(warnings);
            marks.addSeries(errors);
            XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
            markRenderer.setSeriesPaint(0, Palette.WARNING);
            markRenderer.setSeriesPaint(1, Palette.ERROR);
            markRenderer.setSeriesShape(0, diamond(7));
            markRenderer.setSeriesShape(1, diamond(7));
            plot.setDataset(1, marks);
            plot.setRenderer(1, markRenderer);
        }
        x.setRange(0, Math.max(width, axis.used() * width));
        int height = Math.max(260, 120 + 34 * shown.size());
        add("sigurg-timeline", title, "One lane per thread that was sent or received SIGURG (the "
                + Math.min(TIMELINE_LANES, lanes.size()) + " busiest" + (otherThreads > 0 ? ", the other " + otherThreads
                + " together" : "") + "): a triangle where SIGURGs were sent to it, a circle where they arrived, a"
                + " diamond (or dashed line) where a warning or error was found; each mark covers "
                + Format.duration(axis.widthNs()) + ".",
                String.format(Locale.ROOT, "Timeline of SIGURG sends and deliveries for %d threads over %s s, with %d"
                        + " findings marked.", shown.size(), Format.seconds(axis.used() * width),
                        warnings.getItemCount() + errors.getItemCount() + findingsOutsideLanes),
                new JFreeChart(title, null, plot, true), table, null, ChartStyle.WIDTH, height);
    }

    private String role(int tid) {
        if (tid == metrics.sysmon().tid()) {
            return " (sysmon)";
        }
        return tid == series.firstTid() ? " (main)" : "";
    }

    // ---- 4. sysmon sleep schedule -------------------------------------------------------------

    private void sysmonSchedule() {
        String title = "sysmon's sleeps over time";
        CaptureSeries.SysmonSeries s = series.sysmon();
        TimeAxis axis = series.straceAxis();
        long sleeps = 0;
        for (long n : s.sleeps()) {
            sleeps += n;
        }
        if (!metrics.straceMeasured() || !metrics.timed() || sleeps == 0) {
            absent.add(new ReportPage.Row(title, !metrics.straceMeasured() ? "sysmon's nanosleeps show only in strace"
                    : !metrics.timed() ? "the strace capture has no timestamps"
                    : "no sysmon thread was found (no nanosleep with its 20 µs fingerprint)"));
            return;
        }
        double width = axis.widthNs() / 1e9;
        // a perf capture shows nanosleep's request as an address: then only the real lengths are drawn
        boolean requests = false;
        for (int b = 0; b < axis.used(); b++) {
            requests |= s.sleeps()[b] > 0 && s.requestedNs()[b] > 0;
        }
        XYSeries requested = new XYSeries("requested delay (longest in the interval)", false, true);
        XYSeries observed = new XYSeries("observed sleep (longest in the interval)", false, true);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("from (s)", "to (s)", "sleeps", "longest requested (µs)", "longest observed (µs)"));
        for (int b = 0; b < axis.used(); b++) {
            if (s.sleeps()[b] == 0) {
                continue;
            }
            double t = (b + 0.5) * width;
            if (requests) {
                requested.add(t, Math.max(1, s.requestedNs()[b] / 1e3));
            }
            if (s.observedNs()[b] > 0) {
                observed.add(t, Math.max(1, s.observedNs()[b] / 1e3));
            }
            table.add(List.of(Format.seconds(b * width), Format.seconds((b + 1) * width), Format.count(s.sleeps()[b]),
                    requests ? Format.count(s.requestedNs()[b] / 1000) : "not in the capture", s.observedNs()[b] > 0 ? Format.count(s.observedNs()[b] / 1000) : "–"));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        if (requests) {
            data.addSeries(requested);
        }
        data.addSeries(observed);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int o = requests ? 1 : 0;
        if (requests) {
            renderer.setSeriesPaint(0, Palette.ASYNC);
            renderer.setSeriesStroke(0, ChartStyle.line());
            renderer.setSeriesShape(0, new Rectangle2D.Double(-2.5, -2.5, 5, 5));
        }
        renderer.setSeriesPaint(o, Palette.INK);
        renderer.setSeriesStroke(o, new java.awt.BasicStroke(1.2f));
        renderer.setSeriesShape(o, triangle(3));
        LogAxis y = new LogAxis("sleep (µs, log scale)");
        y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0",
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
        y.setSmallestValue(1);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0), false, true);
        // from 10 µs (below sysmon's 20 µs start) to above its 10 ms cap: the decades stay labelled
        // even when a capture shows only sleeps near the cap
        double highest = Math.max(requested.getItemCount() == 0 ? 0 : requested.getMaxY(),
                observed.getItemCount() == 0 ? 0 : observed.getMaxY());
        y.setRange(10, Math.max(20_000, highest * 1.5));
        NumberAxis x = new NumberAxis("time since the capture's first event (s)");
        x.setRange(0, Math.max(width, axis.used() * width));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        ValueMarker cap = new ValueMarker(10_000, Palette.OTHER, new java.awt.BasicStroke(1f));
        cap.setLabel("10 ms cap");
        cap.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        cap.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(cap);
        add("sysmon-schedule", title, requests
                ? "sysmon starts at 20 µs and doubles to its 10 ms cap while nothing is retaken; an observed sleep far"
                        + " above the requested one means sysmon was starved of CPU (or strace slowed it)."
                : "sysmon starts at 20 µs and doubles to its 10 ms cap while nothing is retaken. A perf capture shows"
                        + " how long each sleep lasted, not what it asked for: a sleep far above 10 ms means sysmon was"
                        + " starved of CPU.",
                String.format(Locale.ROOT, requests ? "sysmon's requested and observed sleeps over %s s, %s sleeps."
                        : "sysmon's observed sleeps over %s s, %s sleeps.",
                        Format.seconds(axis.used() * width), Format.count(sleeps)),
                new JFreeChart(title, null, plot, true), table, null);
    }

    // ---- 5. interrupted syscalls ------------------------------------------------------------

    private static final String RESTARTED = "restarted transparently";
    private static final String RETRIED = "EINTR, retried";
    private static final String NOT_RETRIED = "EINTR, not retried";
    private static final String NO_RETRY_OWED = "EINTR, no retry owed";
    private static final List<String> NOT_RETRIED_IDS = List.of("EINTR_NOT_RETRIED", "EPOLL_EINTR_NOT_RETRIED");

    /**
     * Per syscall: restarted by the kernel, EINTR the program retried, EINTR not retried (the
     * EINTR_NOT_RETRIED and EPOLL_EINTR_NOT_RETRIED findings, which name the call) and EINTR owed
     * no retry (the runtime's own waits, netpoll's timed epoll waits). Retried is what is left.
     */
    private void interruptedSyscalls() {
        String title = "Interrupted syscalls";
        if (!metrics.straceMeasured()) {
            absent.add(new ReportPage.Row(title, "a Go trace records no syscall results; capture with strace too"));
            return;
        }
        Map<String, CaptureSeries.SyscallEintr> eintr = series.eintrBySyscall();
        Map<String, Long> notRetried = new LinkedHashMap<>();
        long unattributed = 0;
        for (String id : NOT_RETRIED_IDS) {
            long kept = 0;
            for (Finding f : result.findings()) {
                if (!f.id().equals(id)) {
                    continue;
                }
                kept++;
                String name = syscallOf(f.message());
                if (name != null && metrics.eintr().containsKey(name)) {
                    notRetried.merge(name, 1L, Long::sum);
                } else {
                    unattributed++;
                }
            }
            unattributed += Math.max(0, result.findingCounts().getOrDefault(id, 0L) - kept);
        }
        // restarted, retried, not retried, no retry owed
        Map<String, long[]> byName = new LinkedHashMap<>();
        metrics.restarts().forEach((name, n) -> byName.computeIfAbsent(name, k -> new long[4])[0] += n);
        metrics.eintr().forEach((name, n) -> {
            long[] c = byName.computeIfAbsent(name, k -> new long[4]);
            CaptureSeries.SyscallEintr e = eintr.get(name);
            long owed = e == null ? 0 : Math.min(n, e.noRetryOwed());
            long not = Math.min(n - owed, notRetried.getOrDefault(name, 0L));
            c[1] += n - owed - not;
            c[2] += not;
            c[3] += owed;
        });
        if (byName.isEmpty()) {
            absent.add(new ReportPage.Row(title, "no syscall was interrupted by a signal in this capture"));
            return;
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> sum(e.getValue()))
                .reversed().thenComparing(Map.Entry::getKey));
        List<String> kinds = List.of(RESTARTED, RETRIED, NOT_RETRIED, NO_RETRY_OWED);
        long[] totals = new long[4];
        sorted.forEach(e -> {
            for (int k = 0; k < 4; k++) {
                totals[k] += e.getValue()[k];
            }
        });
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("syscall"));
        header.addAll(kinds);
        table.add(header);
        long[] others = new long[4];
        int otherNames = 0;
        for (int i = 0; i < sorted.size(); i++) {
            String name = sorted.get(i).getKey();
            long[] n = sorted.get(i).getValue();
            List<String> row = new ArrayList<>(List.of(name));
            for (long v : n) {
                row.add(Format.count(v));
            }
            table.add(row);
            if (i < SYSCALLS_SHOWN) {
                addBars(data, kinds, totals, n, name);
            } else {
                for (int k = 0; k < 4; k++) {
                    others[k] += n[k];
                }
                otherNames++;
            }
        }
        if (otherNames > 0) {
            addBars(data, kinds, totals, others, otherNames + " others");
        }
        CategoryPlot plot = new CategoryPlot(data, new org.jfree.chart.axis.CategoryAxis("syscall"),
                ChartStyle.count("interrupted calls"), new StackedBarRenderer());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        Map<String, Color> colours = Map.of(RESTARTED, Palette.OK, RETRIED, Palette.SENT, NOT_RETRIED, Palette.WARNING,
                NO_RETRY_OWED, Palette.OTHER);
        for (int r = 0; r < data.getRowCount(); r++) {
            renderer.setSeriesPaint(r, colours.get((String) data.getRowKey(r)));
        }
        // the count axis under the bars, like every other chart's, and bars thick enough to read
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.getDomainAxis().setCategoryMargin(0.3);
        renderer.setMaximumBarWidth(0.3);
        int height = Math.max(220, 130 + 36 * data.getColumnCount());
        String caption = "Syscalls a signal interrupted, by name: restarted by the kernel without the program noticing"
                + " (ERESTARTSYS with Go's SA_RESTART); EINTR the program retried; EINTR it did not retry (the"
                + " EINTR findings below); and EINTR owed no retry (the runtime's own futex and nanosleep waits,"
                + " netpoll's epoll waits with a timeout). In all: " + Format.count(totals[0]) + " restarted, "
                + Format.count(totals[1]) + " EINTR retried, " + Format.count(totals[2]) + " not retried, "
                + Format.count(totals[3]) + " owed no retry.";
        if (unattributed > 0) {
            caption += " " + Format.count(unattributed) + " more EINTRs not retried were counted past the findings"
                    + " kept and cannot be told apart by syscall: they are counted as retried here.";
        }
        String note = "Retried is every other EINTR, including any right before the capture ended, which the model"
                + " does not judge.";
        add("interrupted-syscalls", title, caption,
                "Stacked bars of interrupted syscalls for " + sorted.size() + " syscall names: "
                        + Format.count(totals[0]) + " restarted, " + Format.count(totals[1]) + " EINTR retried, "
                        + Format.count(totals[2]) + " EINTR not retried, " + Format.count(totals[3])
                        + " EINTR owed no retry.",
                new JFreeChart(title, null, plot, true), table, note, ChartStyle.WIDTH, height);
    }

    /** Only the kinds the capture has, so the legend lists no empty category. */
    private static void addBars(DefaultCategoryDataset data, List<String> kinds, long[] totals, long[] n, String name) {
        for (int k = 0; k < kinds.size(); k++) {
            if (totals[k] > 0) {
                data.addValue(n[k], kinds.get(k), name);
            }
        }
    }

    private static long sum(long[] n) {
        long s = 0;
        for (long v : n) {
            s += v;
        }
        return s;
    }

    /** The syscall a not-retried finding is about: its message starts "NAME on thread TID failed with EINTR". */
    static String syscallOf(String message) {
        int sp = message == null ? -1 : message.indexOf(" on thread ");
        if (sp <= 0) {
            return null;
        }
        String name = message.substring(0, sp);
        return name.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c)) ? name : null;
    }

    // ---- 6. signal delivery latency ----------------------------------------------------------

    private void deliveryLatency() {
        String title = "Signal delivery latency";
        LogHistogram h = series.deliveryLatency();
        if (!metrics.straceMeasured() || !metrics.timed() || h.total() == 0) {
            absent.add(new ReportPage.Row(title, !metrics.straceMeasured() ? "a Go trace records no signals"
                    : !metrics.timed() ? "the strace capture has no timestamps"
                    : "no SIGURG sent with tgkill was seen arriving in this capture"));
            return;
        }
        List<long[]> counts = List.of(h.counts());
        List<String> names = List.of("SIGURG: tgkill to delivery");
        int[] range = range(counts, false);
        BucketDataset data = new BucketDataset(names, counts, range[0], range[1]);
        StackedXYBarRenderer renderer = ChartStyle.stackedBars(Palette.SENT);
        LogAxis x = ChartStyle.logMs("time from tgkill to delivery (ms, log scale)");
        XYPlot plot = new XYPlot(data, x, ChartStyle.count("signals"), renderer);
        x.setRange(BucketDataset.edgeMs(range[0]), BucketDataset.edgeMs(range[1] + 1));
        add("delivery-latency", title, "Time from the runtime's tgkill to the SIGURG's arrival on its thread: the"
                + " target runs the handler on its next return to user space; long tails mean it was descheduled, held"
                + " by strace, or in a long kernel path.", "Histogram of " + Format.count(h.total()) + " SIGURG delivery latencies.",
                new JFreeChart(title, null, plot, true), histogramTable(names, counts, "signals"), null);
    }

    // ---- 7. per-P run slices from a Go trace -------------------------------------------------

    private void pTimeline() {
        String title = "Time slices per P (Go trace)";
        List<CaptureSeries.PLane> lanes = series.pLanes();
        TimeAxis axis = series.traceAxis();
        if (lanes.isEmpty()) {
            absent.add(new ReportPage.Row(title, "needs a Go execution trace (capture --gotrace, or runtime/trace)"));
            return;
        }
        double width = axis.widthNs() / 1e9;
        int used = Math.max(1, axis.used());
        DefaultXYZDataset busy = new DefaultXYZDataset();
        XYSeries async = new XYSeries("async preemption", false, true);
        XYSeries coop = new XYSeries("cooperative preemption", false, true);
        String[] labels = new String[lanes.size()];
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("from (s)", "to (s)", "P", "busy (%)", "async preemptions", "cooperative preemptions"));
        for (int i = 0; i < lanes.size(); i++) {
            CaptureSeries.PLane l = lanes.get(i);
            labels[i] = l.p() == CaptureSeries.OTHERS ? "other Ps" : "P" + l.p();
            double[] x = new double[used];
            double[] y = new double[used];
            double[] z = new double[used];
            for (int b = 0; b < used; b++) {
                x[b] = (b + 0.5) * width;
                y[b] = i;
                z[b] = Math.min(1.0, l.busyNs()[b] / (double) axis.widthNs());
                if (l.async()[b] > 0) {
                    async.add(x[b], i - 0.2);
                }
                if (l.cooperative()[b] > 0) {
                    coop.add(x[b], i + 0.2);
                }
                if (l.busyNs()[b] + l.async()[b] + l.cooperative()[b] > 0) {
                    table.add(List.of(Format.seconds(b * width), Format.seconds((b + 1) * width), labels[i],
                            String.format(Locale.ROOT, "%.0f", z[b] * 100), Format.count(l.async()[b]),
                            Format.count(l.cooperative()[b])));
                }
            }
            busy.addSeries(labels[i], new double[][] {x, y, z});
        }
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth(width);
        blocks.setBlockHeight(0.7);
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int step = 1; step <= 10; step++) {
            int shade = 235 - step * 15;
            scale.add(step / 10.0 - 0.1 + 1e-9, new Color(shade, shade, shade));
        }
        blocks.setPaintScale(scale);
        SymbolAxis y = new SymbolAxis(null, labels);
        y.setGridBandsVisible(false);
        NumberAxis x = new NumberAxis("time since the trace's first event (s)");
        x.setRange(0, used * width);
        XYPlot plot = new XYPlot(busy, x, y, blocks);
        XYSeriesCollection marks = new XYSeriesCollection();
        marks.addSeries(async);
        marks.addSeries(coop);
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        markRenderer.setSeriesPaint(0, Palette.ASYNC);
        markRenderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        markRenderer.setSeriesPaint(1, Palette.COOPERATIVE);
        markRenderer.setSeriesShape(1, diamond(5));
        plot.setDataset(1, marks);
        plot.setRenderer(1, markRenderer);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("P busy running goroutines (darker = busier)", null, null, null,
                new Rectangle2D.Double(-5, -5, 10, 10), new Color(100, 100, 100)));
        legend.add(new LegendItem("async preemption", null, null, null, new Ellipse2D.Double(-4, -4, 8, 8), Palette.ASYNC));
        legend.add(new LegendItem("cooperative preemption", null, null, null, diamond(5), Palette.COOPERATIVE));
        plot.setFixedLegendItems(legend);
        int height = Math.max(240, 120 + 36 * lanes.size());
        add("p-timeline", title, "One lane per P: grey shows how much of each " + Format.duration(axis.widthNs())
                + " interval the P ran goroutines, marks where a time slice ended by preemption (async: SIGURG;"
                + " cooperative: at a function's stack check).",
                String.format(Locale.ROOT, "Per-P timeline of %d Ps over %s s with %d async and %d cooperative"
                        + " preemption intervals marked.", lanes.size(), Format.seconds(used * width), async.getItemCount(),
                        coop.getItemCount()),
                new JFreeChart(title, null, plot, true), table, null, ChartStyle.WIDTH, height);
    }

    // ---- 8. slice lengths ---------------------------------------------------------------------

    private void sliceLengths() {
        String title = "Time slice lengths (Go trace)";
        CaptureSeries.SliceLengths s = series.sliceLengths();
        if (s.total() == 0) {
            absent.add(new ReportPage.Row(title, "needs a Go execution trace (capture --gotrace, or runtime/trace)"));
            return;
        }
        List<String> names = List.of("ended by async preemption", "ended by cooperative preemption",
                "ended otherwise (blocked, syscall, yield, exit)");
        List<long[]> counts = List.of(s.async().counts(), s.cooperative().counts(), s.other().counts());
        int[] range = range(counts, true);
        BucketDataset data = new BucketDataset(names, counts, range[0], range[1]);
        StackedXYBarRenderer renderer = ChartStyle.stackedBars(Palette.ASYNC, Palette.COOPERATIVE, Palette.OTHER);
        LogAxis x = ChartStyle.logMs("time slice length (ms, log scale)");
        XYPlot plot = new XYPlot(data, x, ChartStyle.count("time slices"), renderer);
        ChartStyle.band(plot, FORCE_PREEMPT_MS, deadlineMs());
        x.setRange(BucketDataset.edgeMs(range[0]), BucketDataset.edgeMs(range[1] + 1));
        add("slice-lengths", title, "Every time slice in the Go trace by length and by how it ended; only slices"
                + " that reach 10 ms should end in preemption by sysmon, inside the shaded band.",
                "Histogram of " + Format.count(s.total()) + " time slice lengths from the Go trace.",
                new JFreeChart(title, null, plot, true), histogramTable(names, counts, "slices"), null);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The buckets to draw: those with data, one either side, and the model's band when asked. */
    private int[] range(List<long[]> counts, boolean withBand) {
        int lo = LogHistogram.BUCKETS;
        int hi = -1;
        for (long[] c : counts) {
            for (int i = 0; i < c.length; i++) {
                if (c[i] > 0) {
                    lo = Math.min(lo, i);
                    hi = Math.max(hi, i);
                }
            }
        }
        if (withBand) {
            lo = Math.min(lo, bucketOfMs(FORCE_PREEMPT_MS));
            hi = Math.max(hi, bucketOfMs(deadlineMs()));
        }
        return new int[] {Math.max(0, lo - 1), Math.min(LogHistogram.BUCKETS - 1, hi + 1)};
    }

    private static int bucketOfMs(double ms) {
        int b = 0;
        while (b < LogHistogram.BUCKETS - 1 && LogHistogram.lowerEdgeNs(b + 1) <= ms * 1e6) {
            b++;
        }
        return b;
    }

    private static List<List<String>> histogramTable(List<String> names, List<long[]> counts, String unit) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("from (ms)", "to (ms)"));
        names.forEach(n -> header.add(n + ", " + unit));
        table.add(header);
        for (int b = 0; b < LogHistogram.BUCKETS; b++) {
            long any = 0;
            for (long[] c : counts) {
                any += c[b];
            }
            if (any == 0) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(Format.ms(BucketDataset.edgeMs(b)),
                    Format.ms(BucketDataset.edgeMs(b + 1))));
            for (long[] c : counts) {
                row.add(Format.count(c[b]));
            }
            table.add(row);
        }
        return table;
    }

    private void add(String id, String title, String caption, String alt, JFreeChart chart, List<List<String>> table,
            String note) {
        add(id, title, caption, alt, chart, table, note, ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    private void add(String id, String title, String caption, String alt, JFreeChart chart, List<List<String>> table,
            String note, int width, int height) {
        drawn.add(ChartStyle.draw(id, title, caption, alt, chart, table, note, width, height));
    }

    private static Shape triangle(double r) {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, r);
        p.lineTo(-r, r);
        p.closePath();
        return p;
    }

    private static Shape diamond(double r) {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }
}
