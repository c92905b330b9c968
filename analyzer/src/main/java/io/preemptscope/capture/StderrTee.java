package io.preemptscope.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwards every byte of strace's stderr, which the target's stderr shares, to ours as it comes,
 * and keeps strace's own diagnostic lines so that capture can explain a failure.
 */
final class StderrTee implements Runnable {
    private static final String MARK = "strace: ";
    private static final int MAX_KEPT = 50;
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final OutputStream out;
    private final List<String> straceLines = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    StderrTee(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
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

    /** strace's diagnostics seen so far, each from its "strace: " on. */
    synchronized List<String> straceLines() {
        return List.copyOf(straceLines);
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
        // the target may leave a line open when strace writes: the mark can sit mid-line
        int at = text.indexOf(MARK);
        if (at >= 0 && straceLines.size() < MAX_KEPT) {
            straceLines.add(text.substring(at));
        }
    }
}
