package io.preemptscope.analysis.input;

import java.util.function.Consumer;

/**
 * What becomes of inputs that do not look like captures of one run: refused (the default), or,
 * when the user says they are of one run ({@code --same-run}), analysed together with a warning
 * that says what did not match.
 *
 * @param asserted the user says the inputs are of one run
 * @param warnings receives one line per pair of inputs that did not match, when asserted
 */
public record SameRun(boolean asserted, Consumer<String> warnings) {
    public static final SameRun CHECKED = new SameRun(false, line -> { });

    public static SameRun asserted(Consumer<String> warnings) {
        return new SameRun(true, warnings);
    }
}
