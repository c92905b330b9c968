package io.preemptscope.compare;

/**
 * One check of a comparison.
 *
 * @param name stable and short, e.g. "candidate-sigurg-sent" or "latency-p99"
 * @param baseline the baseline's value as shown ("-" when the check does not read it)
 * @param change candidate against baseline, e.g. "+12.5%", or "-" when not a difference
 * @param sentence what the verdict means, with the numbers
 * @param statistic the significance test, when one was run
 */
public record CheckResult(String name, String baseline, String candidate, String change, Verdict verdict,
        String sentence, Statistic statistic) {

    static CheckResult of(String name, String baseline, String candidate, Verdict verdict, String sentence) {
        return new CheckResult(name, baseline, candidate, "-", verdict, sentence, null);
    }
}
