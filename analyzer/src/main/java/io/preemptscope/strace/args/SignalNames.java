package io.preemptscope.strace.args;

/**
 * Names for the numbers {@code strace -X raw} prints: {@code tgkill(P, T, 23)} sends SIGURG, and
 * {@code si_code=0xfffffffa} is SI_TKILL. Everything downstream compares names, so a raw capture
 * must read like a default one. Numbers are Linux's (x86-64; the same on every architecture Go
 * preempts on, except for signals no rule reads).
 */
public final class SignalNames {
    private static final String[] STANDARD = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
    };
    private static final int FIRST_REALTIME = 32;
    private static final int LAST_REALTIME = 64;

    private SignalNames() {}

    /** A signal as strace names it by default: {@code SIGURG} for {@code 23}, or {@code 23 /* SIGURG *}{@code /}. */
    public static String signal(String text) {
        String s = NumericValues.symbolic(text);
        int n = NumericValues.leadingInt(s, -1);
        if (n <= 0 || !isDecimal(s)) {
            return s;
        }
        if (n < STANDARD.length) {
            return STANDARD[n];
        }
        return n <= LAST_REALTIME ? "SIGRT_" + (n - FIRST_REALTIME) : s;
    }

    /**
     * A signal's si_code as strace names it: the kernel's negative codes arrive from -X raw as
     * 32-bit hex ({@code 0xfffffffa}) or decimal ({@code -6}). Positive codes depend on the
     * signal (CLD_EXITED, SEGV_MAPERR, ...), so only the two that do not are named.
     */
    public static String siCode(String text) {
        String s = NumericValues.symbolic(text);
        long code;
        try {
            code = s.startsWith("0x") ? (int) Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException notANumber) {
            return s;
        }
        return switch ((int) code) {
            case 0 -> "SI_USER";
            case 0x80 -> "SI_KERNEL";
            case -1 -> "SI_QUEUE";
            case -2 -> "SI_TIMER";
            case -3 -> "SI_MESGQ";
            case -4 -> "SI_ASYNCIO";
            case -5 -> "SI_SIGIO";
            case -6 -> "SI_TKILL";
            case -7 -> "SI_DETHREAD";
            default -> s;
        };
    }

    private static boolean isDecimal(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
