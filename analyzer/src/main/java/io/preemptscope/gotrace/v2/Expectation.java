package io.preemptscope.gotrace.v2;

/**
 * The {@code -- expect --} section of a Go test trace: SUCCESS, or FAILURE with a Go regexp that the
 * error of Go's own parser matches.
 *
 * @param failureRegex null for SUCCESS
 */
public record Expectation(boolean success, String failureRegex) {
    public static final Expectation SUCCESS = new Expectation(true, null);
}
