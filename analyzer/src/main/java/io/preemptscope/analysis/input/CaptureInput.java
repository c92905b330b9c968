package io.preemptscope.analysis.input;

/**
 * One input of a run as the reports name it: a strace file (one -ff file each), a perf script
 * text, or a Go execution trace.
 *
 * @param name the path as given or found, which evidence refers to
 */
public record CaptureInput(String name, Kind kind) {
    public enum Kind { STRACE, PERF, GO_TRACE }
}
