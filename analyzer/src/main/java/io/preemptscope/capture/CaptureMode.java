package io.preemptscope.capture;

import java.util.Optional;

/**
 * Which preemption behaviour the target runs with. Go 1.14+ binaries can imitate Go 1.13 (no
 * asynchronous preemption) through {@code GODEBUG=asyncpreemptoff=1} (preemption-model.md §2.4).
 */
public enum CaptureMode {
    GO1_13("go1.13", "1"),
    GO1_14("go1.14", "0"),
    NATIVE("native", null);

    private final String label;
    private final String asyncpreemptoff;

    CaptureMode(String label, String asyncpreemptoff) {
        this.label = label;
        this.asyncpreemptoff = asyncpreemptoff;
    }

    public String label() {
        return label;
    }

    /** The asyncpreemptoff value this mode forces, or empty when it leaves GODEBUG alone. */
    public Optional<String> asyncpreemptoff() {
        return Optional.ofNullable(asyncpreemptoff);
    }

    public static CaptureMode parse(String text) {
        for (CaptureMode m : values()) {
            if (m.label.equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected go1.13, go1.14 or native, got " + text);
    }
}
