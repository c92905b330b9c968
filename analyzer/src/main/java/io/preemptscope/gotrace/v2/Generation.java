package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generation of a v2 trace: its clock frequency, its string and stack tables (ids start again
 * in every generation) and the timed events of each thread (M), in batch order.
 */
final class Generation {
    final long number;
    long ticksPerSecond;
    final Map<Long, String> strings = new HashMap<>();
    final Map<Long, long[]> stacks = new HashMap<>();
    /** Timed events per thread id, in the order of their batches; each with its absolute tick time. */
    final Map<Long, List<Timed>> perThread = new LinkedHashMap<>();

    /** A timed event and its absolute time in ticks (the batch time plus the deltas so far). */
    record Timed(RawEvent raw, long ticks, long thread) {}

    Generation(long number) {
        this.number = number;
    }

    /** A string id resolved through this generation's table; id 0 is the empty string. */
    String string(long id) {
        return id == 0 ? "" : strings.get(id);
    }

    /** Frames of a stack id, innermost first; empty for id 0 or an unknown id. */
    List<Frame> stack(long id) {
        long[] s = stacks.get(id);
        if (id == 0 || s == null) {
            return List.of();
        }
        List<Frame> frames = new ArrayList<>(s.length / 4);
        for (int i = 0; i + 3 < s.length; i += 4) {
            frames.add(new Frame(s[i], string(s[i + 1]), string(s[i + 2]), (int) s[i + 3]));
        }
        return frames;
    }

    long toNanos(long ticks) {
        return (long) ((double) ticks * (1e9 / (double) ticksPerSecond));
    }
}
