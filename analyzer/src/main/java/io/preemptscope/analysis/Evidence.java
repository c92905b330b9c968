package io.preemptscope.analysis;

/**
 * Where a finding's evidence is: a line of a strace capture, or a byte offset of a Go trace.
 *
 * @param line 1-based line, null for a binary trace
 * @param offset byte offset, null for a text capture
 */
public record Evidence(String file, Long line, Long offset) {
    public static Evidence line(String file, long line) {
        return new Evidence(file, line, null);
    }

    public static Evidence offset(String file, long offset) {
        return new Evidence(file, null, offset);
    }

    @Override
    public String toString() {
        return line != null ? file + ":" + line : file + "@" + offset;
    }
}
