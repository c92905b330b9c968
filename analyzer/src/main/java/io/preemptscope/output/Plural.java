package io.preemptscope.output;

import java.util.Locale;

/** A count with its noun in the right number: "1 line", "1,234 lines". */
public final class Plural {
    private Plural() {}

    /** The count with the noun's plural made by adding "s". */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    public static String of(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }
}
