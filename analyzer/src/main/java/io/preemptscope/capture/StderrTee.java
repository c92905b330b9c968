package io.preemptscope.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwards every byte of the recorder's stderr, which the target's stderr shares, to ours as it
 * comes, and keeps the recorder's own diagnostic lines so that capture can explain a failure:
 * strace's, from their "strace: " on; perf marks its lines with nothing, so the first lines of all.
 */
final class StderrTee implements Runnable {
    static final String STRACE_MARK = "strace: ";
    private static final int MAX_KEPT = 50;
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final OutputStream out;
    private final String mark;
    private final List<String> recorderLines = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** What perf prints, at its end, once it has written a recording. */
    static final String PERF_WROTE = "[ perf record: Captured and wrote ";

    private boolean perfWrote;

    /** @param mark what starts the recorder's lines, or null to keep every line */
    StderrTee(InputStream in, OutputStream out, String mark) {
        this.in = in;
        this.out = out;
        this.mark = mark;
    }

    /**
     * Whether perf said it wrote its recording, on any line (past the kept ones too): then what
     * looks like perf's error text in the first lines was the target's own output.
     */
    synchronized boolean perfWrote() {
        return perfWrote;
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
                scan(buf, n);
            }
        } catch (IOException closed) {
            // the process ended or our stderr went away: nothing more to forward
        }
        endLine();
    }

    /** The recorder's diagnostics seen so far, each from its mark on. */
    synchronized List<String> recorderLines() {
        return List.copyOf(recorderLines);
    }

    private void scan(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                endLine();
            } else if (line.size() < MAX_LINE) {
                line.write(buf[i]);
            }
        }
    }

    private synchronized void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        perfWrote |= text.contains(PERF_WROTE);
        // the target may leave a line open when strace writes: the mark can sit mid-line
        int at = mark == null ? 0 : text.indexOf(mark);
        if (at >= 0 && recorderLines.size() < MAX_KEPT) {
            recorderLines.add(text.substring(at));
        }
    }
}
