package io.preemptscope.analysis.input;

/**
 * One input of a run as the reports name it: a strace file (one -ff file each) or a Go execution
 * trace.
 *
 * @param name the path as given or found, which evidence refers to
 */
public record CaptureInput(String name, Kind kind) {
    public enum Kind { STRACE, GO_TRACE }
}
