package io.preemptscope.cli;

import io.preemptscope.strace.StraceInputs;
import java.io.IOException;
import java.nio.file.Files;
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
    private final LongSupplier bytesRead;
    private int ticks;

    private Progress(ProgressBar bar, LongSupplier bytesRead) {
        this.bar = bar;
        this.bytesRead = bytesRead;
    }

    static Progress forFiles(List<StraceInputs.InputFile> files, LongSupplier bytesRead) {
        long total = 0;
        for (StraceInputs.InputFile f : files) {
            try {
                total += Files.size(f.path());
            } catch (IOException ignored) {
                // size unknown: the bar only informs
            }
        }
        boolean terminal = Boolean.getBoolean("preemptscope.stderrIsTerminal");
        if (!terminal || total < SHOW_ABOVE_BYTES) {
            return new Progress(null, bytesRead);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("reading")
                .setInitialMax(total >> 20)
                .setUnit(" MiB", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new Progress(bar, bytesRead);
    }

    void tick() {
        if (bar != null && ++ticks % TICKS_PER_UPDATE == 0) {
            bar.stepTo(bytesRead.getAsLong() >> 20);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(bytesRead.getAsLong() >> 20);
            bar.close();
        }
    }
}
