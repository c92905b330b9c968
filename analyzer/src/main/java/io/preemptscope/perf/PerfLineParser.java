package io.preemptscope.perf;

import io.preemptscope.grammar.perf.PerfScriptLexer;
import io.preemptscope.grammar.perf.PerfScriptParser;
import io.preemptscope.linux.Amd64Syscalls;
import io.preemptscope.linux.Errnos;
import io.preemptscope.strace.grammar.ExpectedWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Turns one line of perf script output into a {@link PerfEvent} with the ANTLR grammar, or says
 * where and why it is not one. One instance per reader: the lexer and parser are reused, line
 * after line, since building them is most of the cost of a short line.
 */
public final class PerfLineParser {
    private static final long NANOS = 1_000_000_000L;

    /**
     * Where a line stops being perf script output.
     *
     * @param column 1-based
     * @param found the text there, "" at the end of the line
     */
    public record Failure(int column, String expected, String found) {
        /** {@code column N: expected X, found "TEXT"}, in the strace reader's words. */
        public String describe() {
            return "column " + column + ": expected " + expected + ", "
                    + (found.isEmpty() ? "found the end of the line" : "found " + ExpectedWords.quote(found));
        }
    }

    /** Thrown, and caught here, at the first token the grammar cannot take. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Token token;
        final int column;

        Stop(Token token, int column) {
            super(null, null, false, false);
            this.token = token;
            this.column = column;
        }
    }

    private final PerfScriptLexer lexer = new PerfScriptLexer(CharStreams.fromString(""));
    private final PerfScriptParser parser = new PerfScriptParser(new CommonTokenStream(lexer));
    private Failure failure;

    public PerfLineParser() {
        BaseErrorListener stop = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                    RecognitionException e) {
                throw new Stop(offending instanceof Token t ? t : null, column);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(stop);
        parser.removeErrorListeners();
        parser.addErrorListener(stop);
        parser.setErrorHandler(new BailErrorStrategy());
    }

    /**
     * The event on {@code text}, or null with {@link #failure()} saying why. The common shapes are
     * read by {@link PerfFastScanner}; whatever it is unsure of, the grammar reads, and the grammar
     * is the definition (PerfFastScannerAgreesWithGrammarTest).
     */
    public PerfEvent parse(long lineNumber, String text) {
        failure = null;
        PerfEvent fast = PerfFastScanner.scan(lineNumber, text);
        return fast != null ? fast : parseWithGrammar(lineNumber, text);
    }

    /** As {@link #parse}, with the grammar alone. */
    PerfEvent parseWithGrammar(long lineNumber, String text) {
        failure = null;
        PerfScriptParser.LineContext tree;
        try {
            tree = tree(text, PredictionMode.SLL);
        } catch (ParseCancellationException | Stop sllFailed) {
            try {
                tree = tree(text, PredictionMode.LL);
            } catch (Stop s) {
                failure = describe(text, s.token, s.column);
                return null;
            } catch (ParseCancellationException e) {
                Token t = e.getCause() instanceof RecognitionException r ? r.getOffendingToken() : null;
                failure = describe(text, t, t == null ? 0 : t.getCharPositionInLine());
                return null;
            }
        }
        try {
            return event(lineNumber, text, tree);
        } catch (NumberFormatException | ArithmeticException tooBig) {
            failure = new Failure(1, "numbers that fit in 64 bits", text);
            return null;
        }
    }

    public Failure failure() {
        return failure;
    }

    private PerfScriptParser.LineContext tree(String text, PredictionMode mode) {
        CodePointCharStream chars = CharStreams.fromString(text);
        lexer.setInputStream(chars); // also back to the default mode
        parser.setTokenStream(new CommonTokenStream(lexer));
        parser.getInterpreter().setPredictionMode(mode);
        return parser.line();
    }

    /** A head as the grammar reads it, to say where a line stops being perf script output. */
    private static final Pattern HEAD = Pattern.compile(
            "^.*?\\d+(?:/\\d+)?\\s+(?:\\[\\d+]\\s+)?\\d+\\.\\d+:(?:\\s+\\d+(?=\\s))?\\s*");
    private static final Pattern EVENT = Pattern.compile("^(?:[A-Za-z_]\\w*:[A-Za-z_]\\w*:|PERF_RECORD_SWITCH)");

    /**
     * What the grammar wanted where it stopped, in perf script's terms. A head the grammar cannot
     * find is reported at the line's first word, not where ALL(*) gave up looking for one; a
     * missing event right after the head; anything else where the parser stopped.
     */
    private static Failure describe(String text, Token token, int column) {
        Matcher head = HEAD.matcher(text);
        if (!head.find()) {
            int first = firstNonBlank(text, 0);
            return new Failure(first + 1, "a perf script line: [COMM] [PID/]TID [CPU] SECONDS: EVENT:",
                    word(text, first));
        }
        if (!EVENT.matcher(text.substring(head.end())).find()) {
            return new Failure(head.end() + 1, "a tracepoint (SYSTEM:EVENT:) or PERF_RECORD_SWITCH after the time",
                    word(text, head.end()));
        }
        String found = token == null || token.getType() == Token.EOF
                ? (column >= text.length() ? "" : text.substring(column))
                : token.getText();
        return new Failure(column + 1, "the event's fields: NR n (args), NR n = result, or key=value", found);
    }

    private static int firstNonBlank(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String word(String s, int from) {
        int end = from;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(from, end);
    }

    private static PerfEvent event(long lineNumber, String text, PerfScriptParser.LineContext line) {
        PerfScriptParser.HeadContext head = line.head();
        String comm = span(text, head.commWord());
        long pid = -1;
        long tid;
        if (head.ids().PID_TID() != null) {
            String[] ids = head.ids().PID_TID().getText().split("/");
            pid = Long.parseLong(ids[0]);
            tid = Long.parseLong(ids[1]);
        } else {
            tid = Long.parseLong(head.ids().INT().getText());
        }
        int cpu = head.cpu == null ? -1 : Integer.parseInt(head.cpu.getText().substring(1, head.cpu.getText().length() - 1));
        String time = head.time.getText().substring(0, head.time.getText().length() - 1);
        String name;
        PerfEvent.Payload payload;
        if (line.switchRecord() != null) {
            name = line.switchRecord().SWITCH().getText();
            payload = switchRecord(line.switchRecord());
        } else {
            String event = line.tracepoint().EVENT().getText();
            name = event.substring(0, event.length() - 1);
            payload = payload(text, line.tracepoint());
        }
        return new PerfEvent(lineNumber, comm, pid, tid, cpu, time, nanos(time), name, payload);
    }

    /** "8290.025813213" to nanoseconds, exactly, for 1 to 9 decimals. */
    static long nanos(String time) {
        int dot = time.indexOf('.');
        String frac = time.substring(dot + 1);
        if (frac.length() > 9) {
            throw new NumberFormatException("more than nanoseconds: " + time);
        }
        long f = Long.parseLong(frac);
        for (int i = frac.length(); i < 9; i++) {
            f *= 10;
        }
        return Math.addExact(Math.multiplyExact(Long.parseLong(time.substring(0, dot)), NANOS), f);
    }

    private static PerfEvent.Payload switchRecord(PerfScriptParser.SwitchRecordContext s) {
        List<String> words = new ArrayList<>();
        s.switchWord().forEach(w -> words.add(w.getText()));
        return switchRecord(words);
    }

    /** The payloads both readers build, so that they cannot build them differently. */
    static PerfEvent.Switch switchRecord(List<String> words) {
        boolean in = !words.isEmpty() && words.get(0).equals("IN");
        return new PerfEvent.Switch(in, words.contains("preempt"));
    }

    static PerfEvent.SyscallEnter enter(long nr, List<String> args) {
        return new PerfEvent.SyscallEnter(nr, Amd64Syscalls.name(nr), List.copyOf(args));
    }

    static PerfEvent.SyscallExit exit(long nr, long ret) {
        return new PerfEvent.SyscallExit(nr, Amd64Syscalls.name(nr), ret,
                Errnos.isError(ret) ? Errnos.name((int) -ret) : null);
    }

    private static PerfEvent.Payload payload(String text, PerfScriptParser.TracepointContext t) {
        if (t.syscallEnter() != null) {
            List<String> args = new ArrayList<>();
            t.syscallEnter().arg().forEach(a -> args.add(a.getText()));
            return enter(Long.parseLong(t.syscallEnter().nr.getText()), args);
        }
        if (t.syscallExit() != null) {
            return exit(Long.parseLong(t.syscallExit().nr.getText()), Long.parseLong(t.syscallExit().ret.getText()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (PerfScriptParser.FieldContext f : t.fields().field()) {
            String key = f.KEY().getText();
            values.put(key.substring(0, key.length() - 1), span(text, f.valuePart()));
        }
        return new PerfEvent.Fields(values);
    }

    /** The text the parts cover, blanks inside included, as the kernel printed a comm with blanks. */
    private static String span(String text, List<? extends ParserRuleContext> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        return text.substring(parts.get(0).getStart().getStartIndex(),
                parts.get(parts.size() - 1).getStop().getStopIndex() + 1);
    }
}
