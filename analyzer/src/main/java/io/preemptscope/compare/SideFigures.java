package io.preemptscope.compare;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Finding;
import io.preemptscope.model.anomaly.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures the checks read for one side, all its runs together: counts add up, rates divide by
 * the runs' total time, latency samples are pooled, the worst starvation is the worst of any run.
 *
 * @param strace every run had a strace capture (signals and syscall results are measured)
 * @param sigurgSent summed over runs; meaningful only with {@code strace}
 * @param durationS the runs' strace time added up; 0 for Go traces alone
 * @param latencyMs pooled preemption latency samples
 * @param deliveryMs pooled SIGURG delivery latency samples
 * @param longestRunMs the worst starvation of any run
 * @param deadlineMs the largest calibrated preemption deadline of the runs
 * @param warnings findings at warning or above, by id
 * @param findingCounts every finding, by id, summed
 * @param releaseMinor the Go 1.x minor release, or -1 when the runs do not say which
 * @param asyncOffOnEvidence every run showed async preemption off on evidence (analyze's
 *     asyncPreemption "off"): for a Go trace, a time slice past the deadline that async preemption
 *     would have ended, even when nobody waited for its P
 */
record SideFigures(
        List<Run> runs,
        boolean strace,
        long sigurgSent,
        long sigurgDelivered,
        long asyncPreemptions,
        long cooperativePreemptions,
        double durationS,
        double[] latencyMs,
        long latencyCount,
        Double latencyP50Ms,
        Double latencyP99Ms,
        double[] deliveryMs,
        double longestRunMs,
        double deadlineMs,
        Map<String, Long> eintr,
        Map<String, Long> warnings,
        Map<String, Long> findingCounts,
        boolean hung,
        int releaseMinor,
        boolean asyncOffOnEvidence) {

    private static final Pattern RELEASE = Pattern.compile("go1\\.(\\d+)");

    static SideFigures of(List<Run> runs) {
        boolean strace = true;
        long sent = 0;
        long delivered = 0;
        long async = 0;
        long coop = 0;
        double duration = 0;
        long latencyCount = 0;
        List<double[]> latency = new ArrayList<>();
        List<double[]> delivery = new ArrayList<>();
        double longest = 0;
        double deadline = 0;
        Map<String, Long> eintr = new TreeMap<>();
        Map<String, Long> warnings = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        boolean hung = false;
        boolean off = true;
        Set<Integer> releases = new LinkedHashSet<>();
        for (Run run : runs) {
            AnalysisResult r = run.result();
            AnalysisMetrics m = r.metrics();
            strace &= m.straceMeasured();
            if (m.straceMeasured()) {
                sent += m.sigurgSent();
                delivered += m.sigurgDelivered();
                m.eintr().forEach((k, v) -> eintr.merge(k, v, Long::sum));
            }
            async += m.preemptions().async();
            coop += m.preemptions().cooperative() == null ? 0 : m.preemptions().cooperative();
            duration += m.durationMs() / 1000.0;
            latencyCount += r.latencySamples().preemption().count();
            latency.add(r.latencySamples().preemption().millis());
            delivery.add(r.latencySamples().delivery().millis());
            longest = Math.max(longest, r.latencySamples().longestRunNs() / 1e6);
            deadline = Math.max(deadline, m.calibration().preemptDeadlineMs());
            for (Finding f : r.findings()) {
                if (f.severity().compareTo(Severity.WARNING) >= 0) {
                    warnings.merge(f.id(), 1L, Long::sum);
                }
            }
            r.findingCounts().forEach((k, v) -> counts.merge(k, v, Long::sum));
            hung |= run.hung();
            off &= "off".equals(r.asyncPreemption());
            releases.add(release(r.goVersion()));
        }
        double[] pooled = concat(latency);
        Double p50;
        Double p99;
        if (runs.size() == 1) {
            // one run: the report's own percentiles, computed from every value, not from the sample
            AnalysisMetrics.Latency l = runs.get(0).result().metrics().preemptLatencyMs();
            p50 = l.p50();
            p99 = l.p99();
        } else {
            p50 = percentile(pooled, 50);
            p99 = percentile(pooled, 99);
        }
        int release = releases.size() == 1 ? releases.iterator().next() : -1;
        return new SideFigures(List.copyOf(runs), strace, sent, delivered, async, coop, duration, pooled,
                latencyCount, p50, p99, concat(delivery), longest, deadline, eintr, warnings, counts, hung, release,
                off && !runs.isEmpty());
    }

    /**
     * The Go 1.x minor release a version names ("go1.19.8"; the oldest of "go1.19-1.20"; at least
     * 14 for "go1.14+"), or -1 ("unknown").
     */
    static int release(String goVersion) {
        if (goVersion == null) {
            return -1;
        }
        Matcher m = RELEASE.matcher(goVersion);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Nearest rank, as the report's histograms give it: a value that occurred. */
    static Double percentile(double[] values, double p) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    long warningsOf(String... ids) {
        long n = 0;
        for (String id : ids) {
            n += warnings.getOrDefault(id, 0L);
        }
        return n;
    }

    /** SIGURG sent per second of run time, or null when the runs do not measure it. */
    Double sigurgRate() {
        return strace && durationS > 0 ? sigurgSent / durationS : null;
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
