package io.preemptscope.gotrace;

/**
 * An argument map that can answer with a primitive: reading a goroutine id for every event of a
 * large trace through {@code Map<String, Long>} boxed most of them.
 */
public interface NumericArgs {
    /** The argument's value, or 0 when there is no argument of that name. */
    long valueOrZero(String name);
}
