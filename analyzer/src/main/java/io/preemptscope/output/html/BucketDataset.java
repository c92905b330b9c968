package io.preemptscope.output.html;

import io.preemptscope.analysis.series.LogHistogram;
import java.util.List;
import org.jfree.data.xy.AbstractIntervalXYDataset;
import org.jfree.data.xy.TableXYDataset;

/**
 * Log-bucket histograms as bars that span their bucket on a log axis (in ms), stackable: every
 * series shares the buckets {@code from..to}.
 */
final class BucketDataset extends AbstractIntervalXYDataset implements TableXYDataset {
    private final List<String> names;
    private final List<long[]> counts;
    private final int from;
    private final int to;

    BucketDataset(List<String> names, List<long[]> counts, int from, int to) {
        this.names = names;
        this.counts = counts;
        this.from = from;
        this.to = to;
    }

    static double edgeMs(int bucket) {
        return LogHistogram.lowerEdgeNs(bucket) / 1e6;
    }

    @Override
    public int getSeriesCount() {
        return names.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return names.get(series);
    }

    @Override
    public int getItemCount() {
        return to - from + 1;
    }

    @Override
    public int getItemCount(int series) {
        return getItemCount();
    }

    @Override
    public Number getX(int series, int item) {
        return Math.sqrt(edgeMs(from + item) * edgeMs(from + item + 1));
    }

    @Override
    public Number getStartX(int series, int item) {
        return edgeMs(from + item);
    }

    @Override
    public Number getEndX(int series, int item) {
        return edgeMs(from + item + 1);
    }

    @Override
    public Number getY(int series, int item) {
        return counts.get(series)[from + item];
    }

    @Override
    public Number getStartY(int series, int item) {
        return getY(series, item);
    }

    @Override
    public Number getEndY(int series, int item) {
        return getY(series, item);
    }
}
