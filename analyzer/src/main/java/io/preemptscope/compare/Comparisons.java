package io.preemptscope.compare;

import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Compares two sides, each one or more analysed runs, under the check sets asked for. */
public final class Comparisons {
    private Comparisons() {}

    public static Comparison compare(List<Run> baseline, List<Run> candidate, List<CheckSet> sets, Tolerances tolerances) {
        SideFigures b = SideFigures.of(baseline);
        SideFigures c = SideFigures.of(candidate);
        List<CheckSetResult> results = new ArrayList<>();
        for (CheckSet set : sets) {
            results.add(new CheckSetResult(set.name(), set.evaluate(b, c, tolerances)));
        }
        SideSummary bs = summary("baseline", baseline, b);
        SideSummary cs = summary("candidate", candidate, c);
        List<String> notes = new ArrayList<>(ReleaseChanges.notes(b, c, bs.goVersion(), cs.goVersion()));
        return new Comparison(Comparison.SCHEMA, bs, cs, results, findingChanges(b, c, baseline, candidate), notes);
    }

    private static SideSummary summary(String role, List<Run> runs, SideFigures f) {
        Set<String> versions = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        Set<String> bases = new LinkedHashSet<>();
        for (Run r : runs) {
            versions.add(r.result().goVersion());
            modes.add(r.result().asyncPreemption() == null ? "unknown" : r.result().asyncPreemption());
            bases.add(r.result().goVersionBasis());
        }
        List<String> names = runs.stream().map(Run::name).toList();
        return new SideSummary(role, names, String.join("/", versions), String.join("/", modes),
                String.join(" | ", bases), variation(runs, f));
    }

    /** For several runs: the range each figure the checks read took across them. */
    private static List<String> variation(List<Run> runs, SideFigures f) {
        if (runs.size() < 2) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        range(lines, "latency p50", runs, r -> nullable(r.metrics().preemptLatencyMs().p50()), " ms");
        range(lines, "latency p99", runs, r -> nullable(r.metrics().preemptLatencyMs().p99()), " ms");
        range(lines, "longest run", runs, r -> r.latencySamples().longestRunNs() / 1e6, " ms");
        if (f.strace()) {
            range(lines, "SIGURG per second", runs, r -> r.metrics().durationMs() > 0
                    ? r.metrics().sigurgSent() / (r.metrics().durationMs() / 1000) : Double.NaN, "/s");
        }
        long hung = runs.stream().filter(Run::hung).count();
        if (hung > 0) {
            lines.add(hung + " of " + runs.size() + " runs hung");
        }
        return lines;
    }

    private static double nullable(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static void range(List<String> lines, String what, List<Run> runs, ToDoubleFunction<AnalysisResult> f,
            String unit) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (Run r : runs) {
            double v = f.applyAsDouble(r.result());
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        if (n == 0) {
            lines.add(what + ": not measured");
        } else {
            String spread = min == 0 ? "" : String.format(Locale.ROOT, " (%.0f%% apart)", 100 * (max - min) / min);
            lines.add(String.format(Locale.ROOT, "%s: %s to %s%s across %d runs%s", what, Format.number(min),
                    Format.number(max), unit, n, spread));
        }
    }

    /**
     * By id and severity: a finding that went from info to warning is a new warning and a gone info,
     * which is what a reader needs to see.
     */
    private static List<FindingChange> findingChanges(SideFigures b, SideFigures c, List<Run> baseline, List<Run> candidate) {
        Map<String, Long> before = bySeverity(baseline);
        Map<String, Long> after = bySeverity(candidate);
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<FindingChange> out = new ArrayList<>();
        for (String key : keys) {
            long bn = before.getOrDefault(key, 0L);
            long cn = after.getOrDefault(key, 0L);
            String change = bn == 0 ? "new" : cn == 0 ? "gone" : cn > bn ? "more" : cn < bn ? "fewer" : null;
            if (change != null) {
                int at = key.indexOf(' ');
                out.add(new FindingChange(key.substring(0, at), key.substring(at + 1), bn, cn, change));
            }
        }
        return out;
    }

    /**
     * "ID severity" to count, over the runs. The report keeps at most 1,000 findings of an id but
     * counts them all; an id of one severity takes the full count.
     */
    private static Map<String, Long> bySeverity(List<Run> runs) {
        Map<String, Long> out = new TreeMap<>();
        for (Run r : runs) {
            Map<String, Map<String, Long>> kept = new TreeMap<>();
            for (Finding f : r.result().findings()) {
                kept.computeIfAbsent(f.id(), k -> new TreeMap<>())
                        .merge(f.severity().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
            }
            r.result().findingCounts().forEach((id, total) -> {
                Map<String, Long> sev = kept.getOrDefault(id, Map.of("info", total));
                if (sev.size() == 1) {
                    out.merge(id + " " + sev.keySet().iterator().next(), total, Long::sum);
                } else {
                    sev.forEach((s, n) -> out.merge(id + " " + s, n, Long::sum));
                }
            });
        }
        return out;
    }

}
