package io.preemptscope.capture;

import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code perf script} into the bundle's perf.txt, and reads what its stderr says was lost. */
final class PerfScript {
    private static final Pattern LOST = Pattern.compile("lost (\\d+) chunks");

    private PerfScript() {}

    /**
     * @param error why perf.txt could not be written, or null
     * @param lostChunks the ring-buffer chunks perf record lost, from perf script's warning
     */
    record Result(String error, int lostChunks) {}

    static Result run(List<String> argv, Path out) {
        try {
            Path err = Files.createTempFile("preemptscope-perf-script", ".err");
            try {
                Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                int status = p.waitFor();
                // perf names every field the non-tracepoint events lack: noise, not a failure
                List<String> lines = Files.readAllLines(err, StandardCharsets.ISO_8859_1).stream()
                        .filter(l -> !l.isBlank() && !l.contains("not valid for")).toList();
                if (status != 0) {
                    Files.deleteIfExists(out);
                    return new Result("perf script failed with exit status " + status
                            + (lines.isEmpty() ? "" : " (" + lines.get(0) + ")") + "; perf.data is kept", 0);
                }
                return new Result(null, lost(lines));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result("cannot run perf script: " + IoErrors.describe(e) + "; perf.data is kept", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("interrupted while perf script wrote perf.txt; perf.data is kept", 0);
        }
    }

    static int lost(List<String> stderrLines) {
        int lost = 0;
        for (String line : stderrLines) {
            Matcher m = LOST.matcher(line);
            if (m.find()) {
                lost += Integer.parseInt(m.group(1));
            }
        }
        return lost;
    }
}
