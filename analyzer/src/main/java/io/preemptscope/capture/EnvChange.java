package io.preemptscope.capture;

/**
 * One environment variable capture set for the target, as recorded in capture.json.
 *
 * @param before the value the user had, or null when it was unset
 */
public record EnvChange(String name, String before, String after) {}
