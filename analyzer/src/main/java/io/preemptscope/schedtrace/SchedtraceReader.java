package io.preemptscope.schedtrace;

import io.preemptscope.strace.input.InputOpener;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GODEBUG=schedtrace} output one sample at a time. A program's own stderr output is
 * usually mixed in: such lines are skipped and counted, never an error. Only I/O fails.
 */
public final class SchedtraceReader implements Closeable {
    private final BufferedReader in;
    private long lines;
    private long otherLines;
    private long malformedLines;
    private long orphanLines;
    private long samples;
    private SchedLine.Summary summary;
    private long summaryLine;
    private List<SchedLine.PLine> ps = new ArrayList<>();
    private List<SchedLine.MLine> ms = new ArrayList<>();
    private List<SchedLine.GLine> gs = new ArrayList<>();
    private boolean eof;

    public SchedtraceReader(Reader in) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    }

    /** Plain or compressed (gzip, xz, zstd: recognised by content) file. */
    public static SchedtraceReader open(Path file) throws IOException {
        InputStream stream = InputOpener.open(file);
        return new SchedtraceReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The next complete sample, or null at the end of the input. */
    public SchedSample next() throws IOException {
        while (!eof) {
            String line = in.readLine();
            if (line == null) {
                eof = true;
                break;
            }
            lines++;
            if (!SchedLineParser.looksLikeSchedtrace(line)) {
                otherLines++;
                continue;
            }
            SchedLine parsed = SchedLineParser.parse(line);
            if (parsed == null) {
                malformedLines++;
                continue;
            }
            if (parsed instanceof SchedLine.Summary s) {
                SchedSample done = take();
                summary = s;
                summaryLine = lines;
                if (done != null) {
                    return done;
                }
            } else if (summary == null) {
                orphanLines++;
            } else if (parsed instanceof SchedLine.PLine p) {
                ps.add(p);
            } else if (parsed instanceof SchedLine.MLine m) {
                ms.add(m);
            } else if (parsed instanceof SchedLine.GLine g) {
                gs.add(g);
            }
        }
        return take();
    }

    private SchedSample take() {
        if (summary == null) {
            return null;
        }
        SchedSample s = new SchedSample(summaryLine, summary, List.copyOf(ps), List.copyOf(ms), List.copyOf(gs));
        summary = null;
        ps = new ArrayList<>();
        ms = new ArrayList<>();
        gs = new ArrayList<>();
        samples++;
        return s;
    }

    /** Lines read so far. */
    public long lines() {
        return lines;
    }

    /** Lines that are not the runtime's (program output): skipped. */
    public long otherLines() {
        return otherLines;
    }

    /** Lines that start like the runtime's but do not parse (cut short, or spliced with program output). */
    public long malformedLines() {
        return malformedLines;
    }

    /** P, M or G lines before the first SCHED line (the capture started mid-report). */
    public long orphanLines() {
        return orphanLines;
    }

    public long samples() {
        return samples;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
