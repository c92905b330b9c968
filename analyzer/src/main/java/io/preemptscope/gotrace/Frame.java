package io.preemptscope.gotrace;

/**
 * One stack frame as the runtime symbolized it. Go 1.5/1.6 traces carry bare PCs, so function and
 * file are empty there and the line is 0.
 */
public record Frame(long pc, String function, String file, int line) {}
