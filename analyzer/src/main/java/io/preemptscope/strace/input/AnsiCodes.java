package io.preemptscope.strace.input;

import java.util.regex.Pattern;

/** Removes ANSI SGR colour sequences, which strace 7 writes with --color=always. */
final class AnsiCodes {
    private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");

    private AnsiCodes() {}

    static String strip(String text) {
        return SGR.matcher(text).replaceAll("");
    }
}
