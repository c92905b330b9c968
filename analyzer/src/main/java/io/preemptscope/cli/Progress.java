package io.preemptscope.cli;

import io.preemptscope.strace.StraceInputs;
import java.util.List;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long inputs, only when stderr is a terminal: the launcher tells,
 * since Java 17 cannot see whether stderr alone is a TTY.
 */
final class Progress implements AutoCloseable {
    private static final long SHOW_ABOVE_BYTES = 64L << 20;
    private static final int TICKS_PER_UPDATE = 1 << 16;

    private final ProgressBar bar;
    /** Where the bar stands, in its own unit. */
    private final LongSupplier position;
    private int ticks;

    private Progress(ProgressBar bar, LongSupplier position) {
        this.bar = bar;
        this.position = position;
    }

    /** Reading strace files, in MiB of their total size. */
    static Progress forFiles(List<StraceInputs.InputFile> files, LongSupplier bytesRead) {
        long total = 0;
        for (StraceInputs.InputFile f : files) {
            total += Math.max(0, f.source().size());
        }
        LongSupplier mib = () -> bytesRead.getAsLong() >> 20;
        return shown(total) ? new Progress(bar("reading", total >> 20, " MiB", 1), mib) : new Progress(null, mib);
    }

    /**
     * Decoding a Go trace, in events; the total is known once the trace is indexed
     * ({@link #expect(long)}).
     */
    static Progress forGoTrace(long traceBytes, LongSupplier eventsDone) {
        return shown(traceBytes) ? new Progress(bar("decoding", -1, " M events", 1_000_000), eventsDone)
                : new Progress(null, eventsDone);
    }

    private static boolean shown(long bytes) {
        return Boolean.getBoolean("preemptscope.stderrIsTerminal") && bytes >= SHOW_ABOVE_BYTES;
    }

    private static ProgressBar bar(String task, long max, String unit, long unitSize) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(unit, unitSize)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** The total, once it is known. */
    void expect(long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    void tick() {
        if (bar != null && ++ticks % TICKS_PER_UPDATE == 0) {
            bar.stepTo(position.getAsLong());
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(position.getAsLong());
            bar.close();
        }
    }
}
