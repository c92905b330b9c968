package io.preemptscope.output.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** The look every chart shares: white, light grid, legend at the bottom, the same fonts; and PNG encoding. */
final class ChartStyle {
    static final int WIDTH = 880;
    static final int HEIGHT = 380;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static {
        // charts are drawn off screen, on machines without a display
        System.setProperty("java.awt.headless", "true");
    }

    private ChartStyle() {}

    static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getTitle().setFont(TITLE);
        chart.getTitle().setPaint(Palette.INK);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(LABEL);
            legend.setFrame(BlockBorder.NONE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Palette.GRID);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Palette.GRID);
            xy.setRangeGridlinePaint(Palette.GRID);
            axes(xy.getDomainAxis(), xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(Palette.GRID);
            cat.getDomainAxis().setLabelFont(LABEL);
            cat.getDomainAxis().setTickLabelFont(TICK);
            axes(cat.getRangeAxis());
        }
        return chart;
    }

    private static void axes(ValueAxis... axes) {
        for (ValueAxis a : axes) {
            if (a != null) {
                a.setLabelFont(LABEL);
                a.setTickLabelFont(TICK);
                a.setLabelPaint(Palette.INK);
            }
        }
    }

    /** A log axis of milliseconds with plain tick labels (0.01, 1, 100), not powers of ten. */
    static LogAxis logMs(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        axis.setSmallestValue(1e-4);
        // one tick per decade: 0.01, 0.1, 1, 10, 100
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0), false, true);
        axis.setMinorTickCount(9);
        return axis;
    }

    static NumberAxis count(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(java.util.Locale.ROOT));
        axis.setNumberFormatOverride(java.text.NumberFormat.getIntegerInstance(java.util.Locale.ROOT));
        return axis;
    }

    /** The model's band, forcePreemptNS to the deadline, shaded behind the data of a ms axis. */
    static void band(XYPlot plot, double fromMs, double toMs) {
        IntervalMarker band = new IntervalMarker(fromMs, toMs, Palette.BAND);
        band.setLabel(String.format(java.util.Locale.ROOT, "model: %s–%s ms", Format.ms(fromMs), Format.ms(toMs)));
        band.setLabelFont(TICK);
        band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        band.setLabelPaint(Palette.INK);
        plot.addDomainMarker(band, Layer.BACKGROUND);
    }

    static BasicStroke line() {
        return new BasicStroke(2f);
    }

    /** Styles the chart, titles it, and renders it with the numbers behind it for the page. */
    static DrawnCharts.Chart draw(String id, String title, String caption, String alt, JFreeChart chart,
            List<List<String>> table, String note, int width, int height) {
        styled(chart);
        chart.setTitle(new TextTitle(title, chart.getTitle().getFont()));
        return new DrawnCharts.Chart(id, title, caption, alt, png(chart, width, height), width, height,
                List.copyOf(table), note);
    }

    /** Bars stacked on a shared x axis, one colour per series, flat and without shadow. */
    static StackedXYBarRenderer stackedBars(Color... colours) {
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < colours.length; i++) {
            renderer.setSeriesPaint(i, colours[i]);
        }
        return renderer;
    }

    static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to be written
        }
        return out.toByteArray();
    }
}
