package io.preemptscope.strace.event;

/**
 * A signal delivered to a thread: {@code --- SIGURG {si_signo=SIGURG, si_code=SI_TKILL, ...} ---}.
 *
 * @param signal the signal's name
 * @param siginfo the text inside the braces (or, before strace 4.7, after the name)
 * @param siCode si_code's value as printed (SI_TKILL, SI_USER, ...), null when absent
 * @param siPid the sender's process id (for tgkill the sender's tgid), -1 when absent
 */
public record SignalEvent(
        SourceRef source, int tid, Timestamp ts, String signal, String siginfo, String siCode, int siPid)
        implements StraceEvent {
    @Override
    public String kind() {
        return "signal";
    }
}
