package io.preemptscope.model.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go release number such as 1.14.1. A missing patch level is -1: "go1.14" as a family.
 */
public record GoVersion(int major, int minor, int patch) implements Comparable<GoVersion> {
    /** The oldest and newest releases this tool knows: the trace formats and the model cover these. */
    public static final GoVersion OLDEST_KNOWN = new GoVersion(1, 5, -1);
    public static final GoVersion NEWEST_KNOWN = new GoVersion(1, 26, -1);

    private static final Pattern FORM = Pattern.compile("(?:go)?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[a-z].*)?");

    public static GoVersion parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Go version: " + text + " (expected e.g. 1.13, 1.14.1, go1.19.8)");
        }
        try {
            return new GoVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? -1 : Integer.parseInt(m.group(3)));
        } catch (NumberFormatException tooLong) {
            throw new IllegalArgumentException("not a Go version: " + text + " (a number in it is too large)");
        }
    }

    /** A release from {@link #OLDEST_KNOWN} to {@link #NEWEST_KNOWN} (any patch level). */
    public boolean known() {
        return major == 1 && minor >= OLDEST_KNOWN.minor && minor <= NEWEST_KNOWN.minor;
    }

    /** At least major.minor.patch, where a missing patch level counts as .0. */
    public boolean atLeast(int major, int minor, int patch) {
        return compareTo(new GoVersion(major, minor, patch)) >= 0;
    }

    @Override
    public int compareTo(GoVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(Math.max(patch, 0), Math.max(o.patch, 0));
    }

    @Override
    public String toString() {
        return "go" + major + "." + minor + (patch >= 0 ? "." + patch : "");
    }
}
