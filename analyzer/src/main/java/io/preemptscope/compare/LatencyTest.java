package io.preemptscope.compare;

import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Whether candidate latencies are larger than the baseline's beyond chance. Percentiles of two
 * runs of one program always differ a little; a difference only counts when a test on the samples
 * says it is unlikely to be noise.
 */
final class LatencyTest {
    /** Below this many values on either side no test says anything worth gating CI on. */
    static final int MIN_SAMPLES = 10;
    static final double ALPHA = 0.01;
    /** KS needs random draws when values tie; a fixed seed keeps the verdict a function of the captures. */
    private static final long SEED = 0x1_13_1_14L;

    private LatencyTest() {}

    /** Mann-Whitney U, one-sided: are candidate values stochastically greater (a shift of the middle)? */
    static Statistic shift(double[] baseline, double[] candidate) {
        MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN)
                .test(candidate, baseline);
        double effect = r.getStatistic() / ((double) candidate.length * baseline.length);
        return new Statistic("Mann-Whitney U", r.getPValue(), effect, "P(candidate > baseline)",
                baseline.length, candidate.length);
    }

    /**
     * Kolmogorov-Smirnov, one-sided toward larger candidate values: does the candidate's
     * distribution reach further (the tail behind p99)?
     */
    static Statistic tail(double[] baseline, double[] candidate) {
        SplittableRandom random = new SplittableRandom(SEED);
        // LESS_THAN: the candidate's distribution function lies below the baseline's, i.e. its values are larger
        KolmogorovSmirnovTest.TwoResult r = KolmogorovSmirnovTest.withDefaults()
                .with(AlternativeHypothesis.LESS_THAN).with(random::nextLong).test(candidate, baseline);
        return new Statistic("Kolmogorov-Smirnov", r.getPValue(), r.getStatistic(), "D", baseline.length,
                candidate.length);
    }

    static boolean enough(double[] baseline, double[] candidate) {
        return baseline.length >= MIN_SAMPLES && candidate.length >= MIN_SAMPLES;
    }
}
