package io.preemptscope.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Linux errno names by number, as strace prints them for a failed call; perf's sys_exit shows the
 * negative number the kernel returned. Read from errnos.txt, which scripts/gen-amd64-syscalls.sh
 * generates from the UAPI headers, plus the kernel's own restart codes, which a traced thread
 * returns to the kernel (strace shows them as {@code ? ERESTARTSYS}) and never to user space.
 */
public final class Errnos {
    /** A syscall result in [-MAX_ERRNO, -1] is an error (include/linux/err.h). */
    public static final int MAX_ERRNO = 4095;
    private static final Map<Integer, String> NAMES = new HashMap<>(Map.of(
            512, "ERESTARTSYS", 513, "ERESTARTNOINTR", 514, "ERESTARTNOHAND", 515, "ENOIOCTLCMD",
            516, "ERESTART_RESTARTBLOCK"));

    static {
        try (InputStream in = Errnos.class.getResourceAsStream("errnos.txt")) {
            if (in == null) {
                throw new IllegalStateException("errnos.txt is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    String[] f = line.split(" ");
                    NAMES.put(Integer.parseInt(f[0]), f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Errnos() {}

    /** Whether a raw syscall return value is an error code rather than a result. */
    public static boolean isError(long ret) {
        return ret < 0 && ret >= -MAX_ERRNO;
    }

    /** The name of errno {@code n} (positive), or {@code E<n>} for a number the table lacks. */
    public static String name(int n) {
        return NAMES.getOrDefault(n, "E" + n);
    }
}
