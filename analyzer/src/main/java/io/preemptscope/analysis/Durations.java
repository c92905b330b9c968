package io.preemptscope.analysis;

/**
 * Durations of one kind, as percentiles: a bounded histogram, allocated on the first value since
 * most captures leave most kinds empty.
 */
final class Durations {
    /** Allocated on the first value: most captures leave most kinds empty. */
    private io.preemptscope.analysis.join.Delays.Recorder recorder;

    void record(long ns) {
        if (recorder == null) {
            recorder = new io.preemptscope.analysis.join.Delays.Recorder();
        }
        recorder.record(ns);
    }

    long count() {
        return recorder == null ? 0 : recorder.count();
    }

    AnalysisMetrics.Latency latency() {
        if (recorder == null) {
            return new AnalysisMetrics.Latency(0, null, null, null, null);
        }
        io.preemptscope.analysis.join.Delays d = recorder.delays();
        return new AnalysisMetrics.Latency(d.count(), d.p50(), d.p90(), d.p99(), d.max());
    }

    static Double ms(long ns) {
        return io.preemptscope.analysis.join.Delays.ms(ns);
    }
}
