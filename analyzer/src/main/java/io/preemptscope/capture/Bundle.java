package io.preemptscope.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory written by capture: capture.json, strace.txt (or, with the perf backend, perf.data
 * and perf.txt, its perf script text) and maybe go.trace.
 */
public final class Bundle {
    public static final String MANIFEST = "capture.json";
    public static final String STRACE = "strace.txt";
    public static final String GO_TRACE = "go.trace";
    public static final String PERF_DATA = "perf.data";
    public static final String PERF_SCRIPT = "perf.txt";

    private Bundle() {}

    public static boolean isBundle(Path p) {
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve(MANIFEST));
    }

    /**
     * The inputs with every bundle replaced by its strace log (a perf bundle: its perf script text)
     * and, when {@code withGoTrace}, its Go trace.
     */
    public static List<Path> expand(List<Path> inputs, boolean withGoTrace) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (!isBundle(p)) {
                out.add(p);
                continue;
            }
            Path perf = p.resolve(PERF_SCRIPT);
            out.add(!Files.exists(p.resolve(STRACE)) && Files.isRegularFile(perf) ? perf : p.resolve(STRACE));
            Path trace = p.resolve(GO_TRACE);
            if (withGoTrace && Files.isRegularFile(trace)) {
                out.add(trace);
            }
        }
        return out;
    }
}
