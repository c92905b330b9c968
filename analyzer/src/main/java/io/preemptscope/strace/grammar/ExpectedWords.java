package io.preemptscope.strace.grammar;

import io.preemptscope.grammar.strace.StraceLexer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * The grammar's syntax errors in words a strace user knows: a thread id, a timestamp, a syscall
 * name, a return value, never a token name. Built only when a line has failed for good.
 */
public final class ExpectedWords {
    /** What a line that is not strace output at all gets: the heads every record starts with. */
    static final String RECORD_HEAD = "expected a syscall, signal, exit or 'strace:' line";

    /** Longest piece of the offending text quoted: the problem report names the line anyway. */
    private static final int MAX_QUOTED = 40;

    private ExpectedWords() {}

    /** Tokens that may stand before a record's head: the thread id, timestamps, -n and -i fields. */
    static boolean isPrefix(int type) {
        return switch (type) {
            case StraceLexer.PID_BRACKET, StraceLexer.INT, StraceLexer.DECO, StraceLexer.TIME_OF_DAY,
                    StraceLexer.DECIMAL, StraceLexer.REL_PLUS, StraceLexer.SCNO, StraceLexer.IP -> true;
            default -> false;
        };
    }

    /** Tokens that start a record's body: once one is read, the line is strace output gone wrong. */
    static boolean isHead(int type) {
        return switch (type) {
            case StraceLexer.SYSCALL_OPEN, StraceLexer.RESUMED, StraceLexer.RPAREN, StraceLexer.SIGNAL_OPEN,
                    StraceLexer.PLUS3, StraceLexer.STRACE_MSG, StraceLexer.PROCESS_MSG, StraceLexer.STACK_FRAME,
                    StraceLexer.DUMP_LINE, StraceLexer.PERSONALITY, StraceLexer.SUMMARY_HEAD, StraceLexer.DASHES -> true;
            default -> false;
        };
    }

    /** "expected X, Y or Z" for the token types the parser could have taken. */
    static String expected(IntervalSet types) {
        Set<String> words = new LinkedHashSet<>();
        // where any name will do, the keywords that are names too need no mention of their own
        boolean anyName = types.contains(StraceLexer.WORD);
        // numbers where '?' may stand too are a syscall's return value; elsewhere (an exit status) just numbers
        boolean result = types.contains(StraceLexer.QMARK);
        for (int type : types.toList()) {
            String w = anyName && isKeyword(type) ? null
                    : result && isNumber(type) ? "a return value"
                    : word(type);
            if (w != null) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            return "expected something else";
        }
        List<String> list = List.copyOf(words);
        if (list.size() == 1) {
            return "expected " + list.get(0);
        }
        return "expected " + String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    /** What stood where the error is: the token's text, quoted and escaped, or the end of the line. */
    static String found(Token token) {
        return token.getType() == Token.EOF ? "found the end of the line" : "found " + quote(token.getText());
    }

    /** Text in double quotes, cut short, with every byte outside printable ASCII escaped. */
    public static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        int n = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else if (c <= 0xff) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.append(text.length() > MAX_QUOTED ? "\"..." : "\"").toString();
    }

    private static boolean isNumber(int type) {
        return type == StraceLexer.INT || type == StraceLexer.MINUS_ONE || type == StraceLexer.HEX;
    }

    private static boolean isKeyword(int type) {
        return switch (type) {
            case StraceLexer.EXITED, StraceLexer.KILLED, StraceLexer.SUPERSEDED, StraceLexer.WITH, StraceLexer.BY,
                    StraceLexer.EXECVE_WORD, StraceLexer.IN, StraceLexer.PID_WORD -> true;
            default -> false;
        };
    }

    private static String word(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the line";
            case StraceLexer.PID_BRACKET -> "a thread id";
            case StraceLexer.TIME_OF_DAY, StraceLexer.DECIMAL -> "a timestamp";
            case StraceLexer.SYSCALL_OPEN -> "a syscall name and '('";
            case StraceLexer.RESUMED -> "'<... NAME resumed>'";
            case StraceLexer.SIGNAL_OPEN -> "a signal '--- SIG...'";
            case StraceLexer.PLUS3 -> "'+++'";
            case StraceLexer.STRACE_MSG, StraceLexer.PROCESS_MSG -> "a 'strace:' message";
            case StraceLexer.EQ -> "a return value '= ...'";
            case StraceLexer.QMARK -> "a return value";
            case StraceLexer.INT, StraceLexer.MINUS_ONE, StraceLexer.HEX, StraceLexer.A_NUMBER, StraceLexer.S_NUMBER ->
                    "a number";
            case StraceLexer.NOTE, StraceLexer.S_NOTE -> "a note in parentheses";
            case StraceLexer.UNAVAILABLE -> "'<unavailable>'";
            case StraceLexer.DURATION -> "a duration '<SECONDS>'";
            case StraceLexer.DECO, StraceLexer.A_DECO -> "a decoration '<...>'";
            case StraceLexer.RPAREN, StraceLexer.A_RPAREN -> "')'";
            case StraceLexer.A_RBRACE -> "'}'";
            case StraceLexer.A_RBRACK -> "']'";
            case StraceLexer.S_CLOSE -> "'---'";
            case StraceLexer.S_LBRACE -> "'{'";
            case StraceLexer.A_UNFINISHED -> "'<unfinished ...>'";
            case StraceLexer.A_DETACHED -> "'<detached ...>'";
            case StraceLexer.A_STRING -> "a string";
            case StraceLexer.A_COMMA -> "','";
            case StraceLexer.EXITED -> "'exited'";
            case StraceLexer.KILLED -> "'killed'";
            case StraceLexer.WITH -> "'with'";
            case StraceLexer.BY -> "'by'";
            case StraceLexer.EXECVE_WORD -> "'execve'";
            case StraceLexer.IN -> "'in'";
            case StraceLexer.PID_WORD -> "'pid'";
            case StraceLexer.SUPERSEDED -> "'superseded'";
            case StraceLexer.WORD, StraceLexer.A_WORD, StraceLexer.S_WORD -> "a name";
            default -> null;
        };
    }
}
