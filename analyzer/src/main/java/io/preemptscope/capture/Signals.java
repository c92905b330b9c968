package io.preemptscope.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sends signals to other processes; Java's Process API only knows SIGTERM and SIGKILL. */
final class Signals {
    /** Fixed places, not PATH: the caller's PATH may be anything. */
    private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));

    private Signals() {}

    static int number(String name) {
        return switch (name) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException("unknown signal " + name);
        };
    }

    /** Sends SIG{@code name}; without a kill(1) falls back to SIGTERM, which strace also handles cleanly. */
    static void send(long pid, String name) {
        for (Path kill : KILL) {
            if (Files.isExecutable(kill)) {
                try {
                    Process p = new ProcessBuilder(kill.toString(), "-s", name, Long.toString(pid))
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        return;
                    }
                } catch (IOException e) {
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                break;
            }
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
}
