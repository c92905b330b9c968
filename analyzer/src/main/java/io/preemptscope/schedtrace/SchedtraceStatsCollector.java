package io.preemptscope.schedtrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@link SchedtraceStats} from samples as they stream past; memory grows with Ps and runs only. */
public final class SchedtraceStatsCollector {
    /** forcePreemptNS: sysmon preempts a G that has run 10 ms. */
    public static final long DEFAULT_STUCK_MS = 10;

    private final long stuckMs;
    private long samples;
    private long detailed;
    private long firstMs = -1;
    private long lastMs = -1;
    private long maxGomaxprocs;
    private boolean ticksFromPLines;
    private boolean ticksFromSummary;
    private final Map<Integer, ProcState> procs = new TreeMap<>();
    private final List<SchedtraceStats.StuckInterval> stuck = new ArrayList<>();

    public SchedtraceStatsCollector() {
        this(DEFAULT_STUCK_MS);
    }

    public SchedtraceStatsCollector(long stuckMs) {
        this.stuckMs = stuckMs;
    }

    public void accept(SchedSample s) {
        samples++;
        if (firstMs < 0) {
            firstMs = s.elapsedMs();
        }
        lastMs = s.elapsedMs();
        maxGomaxprocs = Math.max(maxGomaxprocs, s.summary().gomaxprocs());
        if (s.summary().detailed()) {
            detailed++;
        }
        List<Integer> seen = new ArrayList<>();
        if (!s.ps().isEmpty()) {
            ticksFromPLines = true;
            for (SchedLine.PLine p : s.ps()) {
                long curg = SchedLine.NONE;
                if (p.m() != SchedLine.NONE) {
                    SchedLine.MLine m = s.m(p.m());
                    curg = m == null ? SchedLine.NONE : m.curg();
                }
                proc(p.index()).observe(s, p.schedtick(), p.status() == SchedLine.P_RUNNING, curg, "status=1");
                seen.add(p.index());
            }
        } else if (s.summary().schedticks() != null) {
            ticksFromSummary = true;
            List<Long> ticks = s.summary().schedticks();
            boolean allBusy = s.summary().idleprocs() == 0;
            for (int i = 0; i < ticks.size(); i++) {
                proc(i).observe(s, ticks.get(i), allBusy, null, "idleprocs=0");
                seen.add(i);
            }
        }
        for (Map.Entry<Integer, ProcState> e : procs.entrySet()) {
            if (!seen.contains(e.getKey())) {
                e.getValue().closeRun();
            }
        }
    }

    private ProcState proc(int index) {
        return procs.computeIfAbsent(index, ProcState::new);
    }

    public SchedtraceStats result(SchedtraceReader reader) {
        return result(reader.lines(), reader.otherLines(), reader.malformedLines(), reader.orphanLines());
    }

    public SchedtraceStats result(long lines, long otherLines, long malformedLines, long orphanLines) {
        List<SchedtraceStats.Proc> out = new ArrayList<>();
        for (ProcState p : procs.values()) {
            p.closeRun();
            out.add(p.result());
        }
        List<SchedtraceStats.StuckInterval> intervals = new ArrayList<>(stuck);
        intervals.sort((a, b) -> a.fromLine() != b.fromLine() ? Long.compare(a.fromLine(), b.fromLine())
                : Integer.compare(a.p(), b.p()));
        long longest = 0;
        for (SchedtraceStats.StuckInterval i : intervals) {
            longest = Math.max(longest, i.durationMs());
        }
        String source = ticksFromPLines && ticksFromSummary ? "P lines+schedticks"
                : ticksFromPLines ? "P lines" : ticksFromSummary ? "schedticks" : "none";
        return new SchedtraceStats(SchedtraceStats.FORMAT, lines, samples, detailed, Math.max(firstMs, 0),
                Math.max(lastMs, 0), maxGomaxprocs, otherLines, malformedLines, orphanLines, source, out, stuckMs,
                intervals, longest);
    }

    private final class ProcState {
        final int index;
        long samples;
        long first;
        long last;
        long increments;
        final List<SchedtraceStats.TickRun> progression = new ArrayList<>();
        // the progression run being extended
        long tickRunFrom;
        long tickRunTo;
        long tickRunSamples;
        // the running-with-one-schedtick run being extended
        boolean open;
        long tick;
        long fromMs;
        long toMs;
        long count;
        long fromLine;
        long toLine;
        Long curg;
        boolean curgMixed;
        String basis;

        ProcState(int index) {
            this.index = index;
        }

        void observe(SchedSample s, long schedtick, boolean running, Long g, String why) {
            long ms = s.elapsedMs();
            if (samples == 0) {
                first = schedtick;
            } else if (schedtick > last) {
                increments += schedtick - last;
            }
            if (samples > 0 && schedtick == last) {
                tickRunTo = ms;
                tickRunSamples++;
            } else {
                flushTickRun();
                tickRunFrom = ms;
                tickRunTo = ms;
                tickRunSamples = 1;
            }
            samples++;
            last = schedtick;

            if (open && running && schedtick == tick) {
                toMs = ms;
                toLine = s.line();
                count++;
                if (g == null || curg == null || !g.equals(curg)) {
                    curgMixed = true;
                }
                return;
            }
            closeRun();
            if (running) {
                open = true;
                tick = schedtick;
                fromMs = ms;
                toMs = ms;
                count = 1;
                fromLine = s.line();
                toLine = s.line();
                curg = g;
                curgMixed = g == null || g == SchedLine.NONE;
                basis = why;
            }
        }

        void flushTickRun() {
            if (tickRunSamples > 0) {
                progression.add(new SchedtraceStats.TickRun(last, tickRunFrom, tickRunTo, tickRunSamples));
                tickRunSamples = 0;
            }
        }

        void closeRun() {
            if (open && count > 1 && toMs - fromMs >= stuckMs) {
                stuck.add(new SchedtraceStats.StuckInterval(index, tick, fromMs, toMs, toMs - fromMs, count, fromLine,
                        toLine, curgMixed ? null : curg, basis));
            }
            open = false;
        }

        SchedtraceStats.Proc result() {
            flushTickRun();
            return new SchedtraceStats.Proc(index, samples, first, last, increments, List.copyOf(progression));
        }
    }
}
