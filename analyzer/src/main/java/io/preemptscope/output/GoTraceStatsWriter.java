package io.preemptscope.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preemptscope.gotrace.GoTraceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints the figures of {@code parse --stats} for a Go execution trace, as text or as JSON. */
public final class GoTraceStatsWriter {
    private GoTraceStatsWriter() {}

    public static void writeText(GoTraceStats s, PrintWriter out) {
        out.printf(Locale.ROOT, "format      %s (header go %s, written by Go %s)%n", s.format(), s.version(),
                s.goVersions());
        out.printf(Locale.ROOT, "events      %,d over %.3f ms%n", s.events(), s.durationNs() / 1e6);
        out.printf(Locale.ROOT, "goroutines  %,d   procs %d   threads %d%n", s.goroutines(), s.procs(), s.threads());
        out.printf(Locale.ROOT, "preemptions %,d async, %,d cooperative%n", s.preemptions().async(),
                s.preemptions().cooperative());
        out.printf(Locale.ROOT, "run slices  %,d   p50 %.3f ms   p99 %.3f ms   max %.3f ms%n", s.runSlices().count(),
                s.runSlices().p50Ns() / 1e6, s.runSlices().p99Ns() / 1e6, s.runSlices().maxNs() / 1e6);
        out.println("event types:");
        for (Map.Entry<String, Long> e : s.eventTypes().entrySet()) {
            out.printf(Locale.ROOT, "  %-20s %,d%n", e.getKey(), e.getValue());
        }
        out.flush();
    }

    public static void writeJson(GoTraceStats s, PrintWriter out) throws IOException {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        out.flush();
    }
}
