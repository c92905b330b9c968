package io.preemptscope.compare;

/** The outcome of one check. */
public enum Verdict {
    PASS, FAIL,
    /** Too little evidence either way (fewer than 10 samples, or nothing measured): not a failure unless --strict. */
    INCONCLUSIVE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
