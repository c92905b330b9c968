package io.preemptscope.gotrace;

import java.util.List;

/**
 * Which Go releases could have written a trace. The header alone is coarse (Go 1.11 to 1.18 all
 * write "go 1.11"), so runtime behaviour visible in the events narrows it down.
 *
 * @param lowest e.g. "1.14"
 * @param highest e.g. "1.18"
 * @param evidence why, one short sentence per clue
 */
public record GoVersionRange(String lowest, String highest, List<String> evidence) {
    public String label() {
        return lowest.equals(highest) ? lowest : lowest + "-" + highest;
    }
}
