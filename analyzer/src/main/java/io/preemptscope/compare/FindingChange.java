package io.preemptscope.compare;

/**
 * How the findings of one id changed from baseline to candidate (all runs of a side together).
 *
 * @param change "new", "gone", "more" or "fewer"
 * @param severity the highest severity the id had on either side
 */
public record FindingChange(String id, String severity, long baseline, long candidate, String change) {}
