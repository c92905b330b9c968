package io.preemptscope.analysis.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** How one-sided bounds place the offset between two clocks, and how well. */
class ClockBoundsTest {
    @Test
    void manyBoundsOfBothKindsBracketTheOffsetAndItIsTheMiddle() {
        // lower bounds 0..99 µs below 1,000 µs, upper bounds 0..99 µs above 1,100 µs
        long[] lower = LongStream.range(0, 100).map(k -> 1_000_000 - k * 1_000).toArray();
        long[] upper = LongStream.range(0, 100).map(k -> 1_100_000 + k * 1_000).toArray();
        ClockBounds b = ClockBounds.of(lower, upper);
        // the 95th percentile of the lower ones (index 94 of 100 sorted: 995 µs) and the 5th of the upper ones (1,105 µs)
        assertThat(b.lowerNs()).isEqualTo(995_000);
        assertThat(b.upperNs()).isEqualTo(1_105_000);
        assertThat(b.offsetNs()).isEqualTo(1_050_000);
        assertThat(b.uncertaintyNs()).isEqualTo(55_000);
        assertThat(b.crossedNs()).isZero();
    }

    @Test
    void aStrayPairDoesNotMoveARobustBound() {
        long[] lower = LongStream.range(0, 40).map(k -> 1_000_000 - k * 1_000).toArray();
        lower[7] = 9_000_000; // a delivery matched to the wrong preemption
        ClockBounds b = ClockBounds.of(lower, new long[0]);
        // the 95th percentile of 40 (index 37 of the sorted 40): the stray is the largest, 1,000 µs
        // next, 999 µs the bound; without the percentile it would be 9 ms
        assertThat(b.lowerNs()).isEqualTo(999_000);
    }

    @Test
    void oneKindAloneGivesItsTightestBoundAndTheMedianDistanceAsUncertainty() {
        long[] lower = {900_000, 950_000, 1_000_000};
        ClockBounds b = ClockBounds.of(lower, new long[0]);
        assertThat(b.offsetNs()).isEqualTo(1_000_000);
        assertThat(b.uncertaintyNs()).isEqualTo(50_000);
    }

    @Test
    void aSingleBoundSaysOnWhichSideNotHowNear() {
        ClockBounds b = ClockBounds.of(new long[0], new long[] {2_000_000});
        assertThat(b.offsetNs()).isEqualTo(2_000_000);
        assertThat(b.uncertaintyNs()).isEqualTo(1_500_000);
    }

    @Test
    void boundsThatCrossSayByHowMuch() {
        ClockBounds b = ClockBounds.of(new long[] {5_000_000, 5_000_000, 5_000_000}, new long[] {1_000_000, 1_000_000,
                1_000_000});
        assertThat(b.crossedNs()).isEqualTo(4_000_000);
    }
}
