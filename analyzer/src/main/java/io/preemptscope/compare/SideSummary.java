package io.preemptscope.compare;

import java.util.List;

/**
 * Who a side of the comparison is: what was read, the Go version and async preemption mode the
 * analysis settled on and why.
 *
 * @param asyncPreemption "on", "off", "unknown" or a mix across runs ("on/off")
 * @param variation for several runs, how much they differed on the figures the checks read; empty for one
 */
public record SideSummary(String role, List<String> runs, String goVersion, String asyncPreemption,
        String basis, List<String> variation) {
    public SideSummary {
        runs = List.copyOf(runs);
        variation = List.copyOf(variation);
    }
}
