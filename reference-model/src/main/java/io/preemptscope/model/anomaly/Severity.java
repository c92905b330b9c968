package io.preemptscope.model.anomaly;

/** How much a finding matters; ordered, so a threshold can be compared. */
public enum Severity {
    INFO, WARNING, ERROR;

    public static Severity parse(String text) {
        return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
