package io.preemptscope.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a capture must not kill the JVM: the capture stops strace, keeps the
 * data and writes capture.json. sun.misc.Signal (jdk.unsupported) is the one JDK way to catch them.
 */
final class Interrupts {
    private static final Map<String, SignalHandler> previous = new HashMap<>();

    private Interrupts() {}

    /** Calls {@code onSignal} with "INT" or "TERM" instead of exiting, until {@link #restore()}. */
    static synchronized void onIntOrTerm(Consumer<String> onSignal) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                previous.put(name, Signal.handle(new Signal(name), s -> onSignal.accept(name)));
            } catch (IllegalArgumentException unavailable) {
                // the JVM was started with -Xrs or the signal is in use: the default applies
            }
        }
    }

    static synchronized void restore() {
        previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
        previous.clear();
    }
}
