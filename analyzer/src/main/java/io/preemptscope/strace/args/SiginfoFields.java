package io.preemptscope.strace.args;

/** Reads single fields out of a siginfo text such as {@code si_signo=SIGURG, si_code=SI_TKILL, si_pid=10294}. */
public final class SiginfoFields {
    private SiginfoFields() {}

    /** The field's value as printed (up to the next top-level comma), or null. */
    public static String field(String siginfo, String name) {
        String key = name + "=";
        int at = siginfo.indexOf(key);
        while (at > 0 && siginfo.charAt(at - 1) != ' ' && siginfo.charAt(at - 1) != '{') {
            at = siginfo.indexOf(key, at + 1);
        }
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int depth = 0;
        int i = from;
        for (; i < siginfo.length(); i++) {
            char c = siginfo.charAt(i);
            if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return siginfo.substring(from, i).strip();
    }

    /**
     * si_code by name, whether -X verbose printed {@code 0xfffffffa /* SI_TKILL *}{@code /} or -X
     * raw just {@code 0xfffffffa}: both give SI_TKILL.
     */
    public static String siCode(String siginfo) {
        String code = field(siginfo, "si_code");
        return code == null ? null : SignalNames.siCode(code);
    }

    /** si_pid as a number (a -Y {@code <comm>} decoration is dropped), or -1. */
    public static int siPid(String siginfo) {
        String pid = field(siginfo, "si_pid");
        return pid == null ? -1 : NumericValues.leadingInt(pid, -1);
    }
}
