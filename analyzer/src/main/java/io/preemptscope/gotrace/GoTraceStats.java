package io.preemptscope.gotrace;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The figures {@code parse --stats} prints for a Go execution trace.
 *
 * @param version the header's release, e.g. "1.19"
 * @param goVersions the releases that could have written the trace, e.g. "1.14-1.18"
 * @param events events after ordering, as {@code go tool trace -d} lists them
 * @param eventTypes events by name ({@code *Local} variants under their plain names)
 * @param goroutines distinct goroutine ids that appear
 * @param procs distinct Ps that ran events (the parser's pseudo-Ps and the global buffer excluded)
 * @param threads distinct Ms: OS thread ids where the trace names them (Go 1.22+), else the runtime
 *     M ids of ProcStart
 * @param durationNs time from the first to the last event
 */
@JsonPropertyOrder({"format", "version", "goVersions", "events", "eventTypes", "goroutines", "procs", "threads",
        "durationNs", "preemptions", "runSlices"})
public record GoTraceStats(
        String format,
        String version,
        String goVersions,
        long events,
        Map<String, Long> eventTypes,
        int goroutines,
        int procs,
        int threads,
        long durationNs,
        Preemptions preemptions,
        RunSlices runSlices) {

    @JsonPropertyOrder({"async", "cooperative"})
    public record Preemptions(long async, long cooperative) {}

    /** Run-slice durations; percentiles from an HdrHistogram at 3 significant digits, max exact. */
    @JsonPropertyOrder({"count", "p50Ns", "p99Ns", "maxNs"})
    public record RunSlices(long count, long p50Ns, long p99Ns, long maxNs) {}
}
