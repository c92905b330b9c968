package io.preemptscope.timeline;

import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.Evidence;
import io.preemptscope.analysis.Finding;
import io.preemptscope.analysis.join.JoinMetrics;
import io.preemptscope.analysis.kernel.KernelView;
import io.preemptscope.analysis.join.ThreadMapping;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.strace.event.StraceEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Chrome trace-event file (what Perfetto UI and chrome://tracing open) of one run: the strace
 * capture's threads, the Go trace's Ps and goroutines, and the analysis's findings.
 *
 * <p>strace events stream into a spool file as the analysis reads them, so memory stays bounded
 * whatever the capture's size; once the analysis has placed the Go trace on strace's clock, the
 * file is put together: metadata, the spooled strace events, the Go events, the findings.
 */
public final class Timeline implements AutoCloseable {
    /** The findings' own track. */
    static final long FINDINGS_PID = 2_000_000_003L;

    private final TimelineWindow window;
    private final long maxEvents;
    private final Path spool;
    private final OutputStream spoolOut;
    private final TraceEventWriter spoolWriter;
    private final StraceTimeline strace;

    /**
     * @param events the lines written, metadata and findings included (an arrow's three events are one)
     * @param cut strace and Go events --max-events left out
     * @param untimed strace events left out for want of a timestamp
     */
    public record Written(long events, long cut, long untimed) {}

    public Timeline(TimelineWindow window, long maxEvents) throws IOException {
        this.window = window;
        this.maxEvents = maxEvents;
        this.spool = Files.createTempFile("preemptscope-timeline-", ".part");
        this.spoolOut = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
        this.spoolWriter = new TraceEventWriter(spoolOut, true);
        this.strace = new StraceTimeline(spoolWriter, window);
    }

    /** Receives the strace events as the analysis reads them. */
    public Consumer<StraceEvent> straceEvents() {
        return strace;
    }

    /**
     * Writes the whole file.
     *
     * @param trace the Go trace joined (or shown on its own clock), null for none
     * @param analysis the analysis of the run: its findings and the join
     * @param kernel a perf capture's view of the kernel (each thread's stretches on a CPU), null for strace
     */
    public Written write(OutputStream out, GoTraceInput trace, String traceName, AnalysisResult analysis,
            KernelView kernel) throws IOException, GoTraceFormatException {
        strace.finish();
        spoolWriter.close();
        spoolOut.close();
        JoinMetrics join = analysis.metrics() == null ? null : analysis.metrics().join();
        boolean joined = join != null && join.clockOffsetNs() != null && strace.baseNs() != Long.MIN_VALUE;
        long base = strace.baseNs() == Long.MIN_VALUE ? 0 : strace.baseNs();
        long stracePid = strace.pid() < 0 ? 0 : strace.pid();

        Path goSpool = Files.createTempFile("preemptscope-timeline-go-", ".part");
        try {
            GoTimeline go = null;
            long goEvents;
            try (OutputStream goOut = new BufferedOutputStream(Files.newOutputStream(goSpool), 1 << 16);
                    TraceEventWriter goWriter = new TraceEventWriter(goOut, true)) {
                if (trace != null) {
                    Map<Long, Integer> threadOfM = new HashMap<>();
                    if (joined) {
                        for (ThreadMapping t : join.threadMap()) {
                            threadOfM.put(t.m(), t.tid());
                        }
                    }
                    go = new GoTimeline(goWriter, window, joined ? join.clockOffsetNs() - base : 0, threadOfM,
                            stracePid);
                    trace.replay(go);
                    go.finish();
                }
                if (kernel != null && strace.baseNs() != Long.MIN_VALUE) {
                    onCpu(goWriter, kernel, base, stracePid);
                }
                goWriter.flush();
                goEvents = goWriter.written();
            }
            CappedCopy copy = new CappedCopy(out, maxEvents);
            // metadata and findings are few, and always written: the cap is on the strace and Go events
            long always = 0;
            copy.raw("{\"traceEvents\":[");
            try (TraceEventWriter head = new TraceEventWriter(copy.stream(), false)) {
                // a perf capture is read as the same events; its tracks say which capture they are
                String capture = analysis.metrics() != null && analysis.metrics().kernel() != null ? "perf" : "strace";
                metadata(head, capture, stracePid, go, joined, join, traceName,
                        analysis.metrics() == null || analysis.metrics().sysmon() == null ? -1
                                : analysis.metrics().sysmon().tid());
                head.flush();
                always += head.written();
            }
            copy.events(spool, spoolWriter.written());
            copy.events(goSpool, goEvents);
            try (TraceEventWriter tail = new TraceEventWriter(copy.stream(), true)) {
                findings(tail, analysis.findings(), joined ? join.clockOffsetNs() - base : 0, base);
                tail.flush();
                always += tail.written();
            }
            copy.raw("\n],\"displayTimeUnit\":\"ns\",\"otherData\":" + otherData(analysis, joined, join, base) + "}\n");
            copy.stream().flush();
            return new Written(always + copy.kept(), copy.cut(), strace.untimed());
        } finally {
            Files.deleteIfExists(goSpool);
        }
    }

    /** The thread id of the track beside each kernel thread that shows when it was on a CPU. */
    static final long ON_CPU_BESIDE_THREAD = 2_000_000_000L;

    private final java.util.TreeSet<Integer> onCpuTracks = new java.util.TreeSet<>();

    /** Each stretch a thread spent on a CPU (perf), as a slice on a track beside the thread's own. */
    private void onCpu(TraceEventWriter w, KernelView kernel, long base, long pid) throws IOException {
        IOException[] failed = {null};
        kernel.onCpuIntervals(i -> {
            long from = i.fromNs() - base;
            if (failed[0] != null || from < 0 || !window.shows(i.tid(), from, i.toNs() - i.fromNs())) {
                return;
            }
            try {
                w.complete(pid, ON_CPU_BESIDE_THREAD + i.tid(), "on CPU", "cpu", from, i.toNs() - i.fromNs(),
                        Map.of("then", i.preempted() ? "switched out while runnable (kernel preemption)"
                                : "switched out to wait"));
                onCpuTracks.add(i.tid());
            } catch (IOException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    private void metadata(TraceEventWriter w, String capture, long stracePid, GoTimeline go, boolean joined, JoinMetrics join,
            String traceName, int sysmonTid) throws IOException {
        if (strace.baseNs() != Long.MIN_VALUE) {
            w.metadata("process_name", stracePid, 0, "name", capture + ": " + (strace.executable() == null ? "process"
                    : strace.executable()));
            w.metadata("process_sort_index", stracePid, 0, "sort_index", 0);
            Map<Integer, Long> goTracks = go == null ? Map.of() : go.goTracks();
            for (int tid : onCpuTracks) {
                w.metadata("thread_name", stracePid, ON_CPU_BESIDE_THREAD + tid, "name", "thread " + tid + ": on a CPU (perf)");
                w.metadata("thread_sort_index", stracePid, ON_CPU_BESIDE_THREAD + tid, "sort_index", 2L * tid);
            }
            for (int tid : strace.tids()) {
                if (!window.shows(tid, 0, Long.MAX_VALUE / 2)) {
                    continue;
                }
                w.metadata("thread_name", stracePid, tid, "name", threadName(tid, join, sysmonTid));
                w.metadata("thread_sort_index", stracePid, tid, "sort_index", 2L * tid);
                Long m = goTracks.get(tid);
                if (m != null) {
                    w.metadata("thread_name", stracePid, GoTimeline.GO_BESIDE_THREAD + tid, "name",
                            "thread " + tid + ": Go (M " + m + ")");
                    w.metadata("thread_sort_index", stracePid, GoTimeline.GO_BESIDE_THREAD + tid, "sort_index",
                            2L * tid + 1);
                }
            }
        }
        if (go != null) {
            String clock = joined ? "on " + capture + "'s clock" : "on the trace's own clock";
            w.metadata("process_name", GoTimeline.PS_PID, 0, "name", "Go trace: Ps, " + clock + " (" + traceName + ")");
            w.metadata("process_sort_index", GoTimeline.PS_PID, 0, "sort_index", 1);
            for (int p : go.ps()) {
                w.metadata("thread_name", GoTimeline.PS_PID, p, "name", "P" + p);
            }
            w.metadata("process_name", GoTimeline.GOROUTINES_PID, 0, "name", "Go trace: goroutines, " + clock);
            w.metadata("process_sort_index", GoTimeline.GOROUTINES_PID, 0, "sort_index", 2);
            for (Map.Entry<Long, String> g : go.goroutines().entrySet()) {
                w.metadata("thread_name", GoTimeline.GOROUTINES_PID, g.getKey(), "name", g.getValue());
            }
        }
        w.metadata("process_name", FINDINGS_PID, 0, "name", "preemptscope findings");
        w.metadata("process_sort_index", FINDINGS_PID, 0, "sort_index", 3);
        w.metadata("thread_name", FINDINGS_PID, 0, "name", "findings");
    }

    private String threadName(int tid, JoinMetrics join, int sysmonTid) {
        StringBuilder name = new StringBuilder("thread ").append(tid);
        if (tid == strace.pid()) {
            name.append(" (main)");
        }
        if (tid == sysmonTid) {
            name.append(" (sysmon)");
        }
        if (join != null && join.clockOffsetNs() != null) {
            for (ThreadMapping t : join.threadMap()) {
                if (t.tid() == tid) {
                    name.append(" = M ").append(t.m());
                }
            }
        }
        return name.toString();
    }

    private void findings(TraceEventWriter w, List<Finding> findings, long traceShift, long base) throws IOException {
        record Placed(long ns, Finding f) {}
        List<Placed> placed = findings.stream().map(f -> {
            long ns = f.ts().movePointRight(9).longValue();
            boolean fromTrace = !f.evidence().isEmpty() && f.evidence().get(0).offset() != null;
            return new Placed(fromTrace ? ns + traceShift : ns - base, f);
        }).sorted(Comparator.comparingLong(Placed::ns)).toList();
        for (Placed p : placed) {
            Finding f = p.f();
            if (!window.shows(f.tid() >= 0 ? f.tid() : -1, p.ns(), 0)) {
                continue;
            }
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("id", f.id());
            args.put("severity", f.severity() == null ? null : f.severity().name().toLowerCase(java.util.Locale.ROOT));
            args.put("message", f.message());
            args.put("evidence", String.join(", ", f.evidence().stream().map(Evidence::toString).toList()));
            if (f.tid() >= 0) {
                args.put("tid", (long) f.tid());
            }
            w.instant(FINDINGS_PID, 0, f.id(), "finding", p.ns(), "g", args);
        }
    }

    private static String otherData(AnalysisResult analysis, boolean joined, JoinMetrics join, long base) {
        StringBuilder b = new StringBuilder("{\"generator\":\"preemptscope timeline\",\"inputs\":");
        try {
            b.append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(analysis.inputs()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        b.append(",\"timeZero\":\"");
        b.append(base == 0 ? "the Go trace's first event" : base + " ns on the strace capture's clock");
        b.append("\",\"joined\":").append(joined);
        if (joined) {
            b.append(",\"clockOffsetNs\":").append(join.clockOffsetNs()).append(",\"clockOffsetUncertaintyNs\":")
                    .append(join.clockOffsetUncertaintyNs());
        }
        return b.append('}').toString();
    }

    @Override
    public void close() throws IOException {
        spoolWriter.close();
        spoolOut.close();
        Files.deleteIfExists(spool);
    }

    /** Copies event lines into the output, up to the cap; past it, counts what it leaves out. */
    private static final class CappedCopy {
        private final OutputStream out;
        private final long max;
        private long kept;
        private long cut;

        CappedCopy(OutputStream out, long max) {
            this.out = out;
            this.max = max;
        }

        OutputStream stream() {
            return out;
        }

        void raw(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The spool's events, one per line, each line led by its comma, as many as the cap leaves
         * room for; once it is reached, the rest are counted, not copied.
         */
        void events(Path file, long count) throws IOException {
            if (kept + count <= max) {
                // the common case: all of it fits, and is copied as it is
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                kept += count;
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                boolean atLineStart = true;
                boolean keeping = false;
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    int from = 0;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            if (keeping) {
                                out.write(buf, from, i - from);
                            }
                            atLineStart = true;
                            keeping = false;
                            from = i + 1;
                        } else if (atLineStart) {
                            atLineStart = false;
                            keeping = kept < max;
                            if (keeping) {
                                kept++;
                                out.write('\n');
                            } else {
                                cut++;
                            }
                            from = i;
                        }
                    }
                    if (keeping) {
                        out.write(buf, from, n - from);
                    }
                }
            }
        }

        long kept() {
            return kept;
        }

        long cut() {
            return cut;
        }
    }
}
