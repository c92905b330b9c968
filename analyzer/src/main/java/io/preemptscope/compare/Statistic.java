package io.preemptscope.compare;

/**
 * A significance test behind a verdict.
 *
 * @param test "Mann-Whitney U" or "Kolmogorov-Smirnov"
 * @param pValue the probability of a difference this large between two runs of the same behaviour
 * @param effect the effect size: for Mann-Whitney, the probability that a candidate value exceeds
 *     a baseline value (0.5 = no shift); for Kolmogorov-Smirnov, the largest distance D between the
 *     two distribution functions
 * @param effectName what {@code effect} is
 */
public record Statistic(String test, double pValue, double effect, String effectName, int baselineN, int candidateN) {}
