package io.preemptscope.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The x86-64 syscall table: strace prints names, perf's raw_syscalls tracepoints print numbers,
 * and rt_sigreturn "returns" the restored register, which holds the interrupted call's number when
 * the kernel re-executes it (preemption-model.md §5.6). Read from amd64-syscalls.txt, which
 * scripts/gen-amd64-syscalls.sh generates from the kernel's UAPI header.
 */
public final class Amd64Syscalls {
    private static final String TABLE = "amd64-syscalls.txt";
    private static final String[] NAMES;
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        Map<Integer, String> byNumber = new HashMap<>();
        int max = -1;
        try (InputStream in = Amd64Syscalls.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                int n = Integer.parseInt(f[0]);
                byNumber.put(n, f[1]);
                NUMBERS.put(f[1], n);
                max = Math.max(max, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NAMES = new String[max + 1];
        byNumber.forEach((n, name) -> NAMES[n] = name);
    }

    private Amd64Syscalls() {}

    /** The number, or -1 when the table does not have the name. */
    public static int number(String name) {
        return NUMBERS.getOrDefault(name, -1);
    }

    /**
     * The name, or strace's own spelling for a number it does not know ({@code syscall_0x1c3}): a
     * kernel newer than the table may have calls the table lacks.
     */
    public static String name(long number) {
        if (number >= 0 && number < NAMES.length && NAMES[(int) number] != null) {
            return NAMES[(int) number];
        }
        return "syscall_0x" + Long.toHexString(number).toLowerCase(Locale.ROOT);
    }
}
