package io.preemptscope.analysis.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's aggregates keep their size whatever the capture's length or thread count. */
class CaptureSeriesTest {
    @Test
    void theTimeAxisDoublesItsBucketsAndKeepsTheirSums() {
        TimeAxis axis = new TimeAxis();
        axis.start(1_000);
        long[] s = axis.series(TimeAxis.Merge.SUM);
        long[] m = axis.series(TimeAxis.Merge.MAX);
        for (long t = 0; t < 10_000; t++) {
            int b = axis.bucket(1_000 + t * 1_000_000L); // one event per ms for 10 s
            s[b]++;
            m[b] = Math.max(m[b], t);
        }
        assertThat(s).hasSize(TimeAxis.BUCKETS);
        assertThat(java.util.Arrays.stream(s).sum()).isEqualTo(10_000);
        assertThat(axis.widthNs()).isEqualTo(64_000_000L);
        assertThat(axis.used()).isEqualTo(157);
        assertThat(m[axis.used() - 1]).isEqualTo(9_999);
    }

    @Test
    void spreadSplitsAnIntervalAcrossBuckets() {
        TimeAxis axis = new TimeAxis();
        axis.start(0);
        long[] busy = axis.series(TimeAxis.Merge.SUM);
        axis.spread(busy, 500_000, 2_500_000);
        assertThat(busy[0]).isEqualTo(500_000);
        assertThat(busy[1]).isEqualTo(1_000_000);
        assertThat(busy[2]).isEqualTo(500_000);
    }

    @Test
    void logBucketsCoverMicrosecondsToKiloseconds() {
        assertThat(LogHistogram.bucket(500)).isZero();
        assertThat(LogHistogram.bucket(10_000_000)).isEqualTo(4 * LogHistogram.PER_DECADE);
        assertThat(LogHistogram.bucket(Long.MAX_VALUE)).isEqualTo(LogHistogram.BUCKETS - 1);
        assertThat(LogHistogram.lowerEdgeNs(4 * LogHistogram.PER_DECADE)).isEqualTo(1e7, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void lanesAndThreadsAreCapped() {
        CaptureSeries series = new CaptureSeries();
        series.straceEvent(1, 0, true);
        for (int tid = 1; tid <= 5_000; tid++) {
            series.sigurgSent(1, tid, tid * 1_000L);
            series.sigurgDelivered(tid, tid * 1_000L + 10, 5);
            series.userRun(tid, 1_000);
        }
        assertThat(series.signalLanes()).hasSize(CaptureSeries.MAX_LANES + 1);
        assertThat(series.signalLanes().get(CaptureSeries.MAX_LANES).tid()).isEqualTo(CaptureSeries.OTHERS);
        assertThat(series.threads()).hasSize(CaptureSeries.MAX_THREADS);
        assertThat(series.otherThreads().sigurgReceived()).isEqualTo(5_000 - CaptureSeries.MAX_THREADS);
        assertThat(series.deliveryLatency().total()).isEqualTo(5_000);
        assertThat(series.latencyBySource(1).sysmon().total()).isEqualTo(5_000);
    }
}
