package io.preemptscope.strace.input;

/**
 * One line of an input file.
 *
 * @param text the line without its terminator
 * @param number 1-based line number
 * @param offset byte offset of the line's first byte
 * @param terminated false for a last line that lacks its newline (capture cut mid-write)
 */
public record PhysicalLine(String text, long number, long offset, boolean terminated) {}
