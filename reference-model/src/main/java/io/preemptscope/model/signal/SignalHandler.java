package io.preemptscope.model.signal;

/**
 * A disposition installed with rt_sigaction.
 *
 * @param handler SIG_DFL, SIG_IGN or an address
 * @param saRestart SA_RESTART is set
 * @param saOnstack SA_ONSTACK is set
 */
public record SignalHandler(String handler, boolean saRestart, boolean saOnstack) {
    /** Go's own handler: SA_SIGINFO|SA_ONSTACK|SA_RESTORER|SA_RESTART (§3.1). */
    public static final SignalHandler GO_RUNTIME = new SignalHandler("runtime.sigtramp", true, true);

    public boolean runsCode() {
        return !"SIG_DFL".equals(handler) && !"SIG_IGN".equals(handler);
    }
}
