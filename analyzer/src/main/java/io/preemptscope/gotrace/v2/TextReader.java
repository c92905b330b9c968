package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.grammar.gotrace.GoTraceTextLexer;
import io.preemptscope.grammar.gotrace.GoTraceTextParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Reads the text form of a v2 trace (Go's txtar test files and {@code go tool trace -d=wire} output)
 * into the same raw events the binary reader produces. The grammar fixes the line shapes; this class
 * checks them against the event table: argument names and order, frame lines per Stack, a data line
 * after String and ExperimentalBatch. Problems are reported with their line number.
 */
public final class TextReader {
    private TextReader() {}

    public static TextTrace read(String text) throws GoTraceFormatException {
        GoTraceTextLexer lexer = new GoTraceTextLexer(CharStreams.fromString(text));
        GoTraceTextParser parser = new GoTraceTextParser(new CommonTokenStream(lexer));
        FirstError errors = new FirstError();
        lexer.removeErrorListeners();
        parser.removeErrorListeners();
        lexer.addErrorListener(errors);
        parser.addErrorListener(errors);
        GoTraceTextParser.FileContext file = parser.file();
        if (errors.message != null) {
            throw GoTraceFormatException.whole(errors.message);
        }
        Expectation expect = null;
        if (file.expectMarker() != null) {
            expectMarker(file.expectMarker().SECTION().getSymbol(), "expect");
            expectMarker(file.traceMarker().SECTION().getSymbol(), "trace");
            expect = expectation(file.expectation());
        }
        int minor = header(file.header());
        return new TextTrace(minor, expect, events(file.record(), minor));
    }

    private static void expectMarker(Token t, String name) throws GoTraceFormatException {
        if (!t.getText().equals("-- " + name + " --")) {
            throw at(t, "expected the txtar section \"-- " + name + " --\", found " + t.getText());
        }
    }

    private static Expectation expectation(GoTraceTextParser.ExpectationContext e) throws GoTraceFormatException {
        String word = e.NAME().getText();
        if (word.equals("SUCCESS") && e.STRING() == null) {
            return Expectation.SUCCESS;
        }
        if (word.equals("FAILURE") && e.STRING() != null) {
            byte[] regex = GoQuote.unquote(e.STRING().getText());
            if (regex == null) {
                throw at(e.STRING().getSymbol(), "malformed quoted regexp " + e.STRING().getText());
            }
            return new Expectation(false, new String(regex, StandardCharsets.UTF_8));
        }
        throw at(e.NAME().getSymbol(), "expected SUCCESS or FAILURE \"regexp\", found " + e.getText());
    }

    private static int header(GoTraceTextParser.HeaderContext h) throws GoTraceFormatException {
        if (!h.NAME().getText().equals("Trace")) {
            throw at(h.NAME().getSymbol(), "expected the header \"Trace Go1.N\"");
        }
        String v = h.VERSION().getText();
        if (!v.startsWith("Go1.")) {
            throw at(h.VERSION().getSymbol(), "expected a Go 1.N version, found " + v);
        }
        int minor;
        try {
            minor = Integer.parseInt(v.substring(4));
        } catch (NumberFormatException e) {
            throw at(h.VERSION().getSymbol(), "bad version " + v);
        }
        TraceVersion.check(minor, -1);
        return minor;
    }

    private static List<RawEvent> events(List<GoTraceTextParser.RecordContext> records, int minor)
            throws GoTraceFormatException {
        List<RawEvent> out = new ArrayList<>();
        int i = 0;
        while (i < records.size()) {
            GoTraceTextParser.RecordContext r = records.get(i++);
            if (r.eventLine() == null) {
                throw at(r.getStart(), "expected an event line, found " + (r.dataLine() != null ? "a data line"
                        : "a stack frame line") + " that belongs to no Stack or String");
            }
            GoTraceTextParser.EventLineContext line = r.eventLine();
            Token name = line.NAME().getSymbol();
            EventType type = EventType.forName(name.getText(), minor);
            if (type == null) {
                throw at(name, "unknown event " + name.getText() + " for a Go 1." + minor + " trace");
            }
            long[] args = args(line.arg(), type.argNames, type.displayName);
            int length = 1 + varintsLength(args);
            if (type == EventType.EXPERIMENTAL_BATCH) {
                length += 1 - varintLength(args[0]); // the experiment id is one raw byte
            }
            byte[] data = new byte[0];
            if (type.shape == EventType.Shape.STACK) {
                long n = args[1];
                if (Long.compareUnsigned(n, EventType.MAX_FRAMES) > 0) {
                    throw at(name, "Stack has " + Long.toUnsignedString(n) + " frames: expected at most "
                            + EventType.MAX_FRAMES);
                }
                long[] all = java.util.Arrays.copyOf(args, args.length + (int) n * 4);
                for (int f = 0; f < n; f++) {
                    if (i >= records.size() || records.get(i).frameLine() == null) {
                        throw at(i < records.size() ? records.get(i).getStart() : name,
                                "expected frame line " + (f + 1) + " of " + n + " of the Stack");
                    }
                    long[] frame = args(records.get(i++).frameLine().arg(), EventType.FRAME_FIELDS, "a frame");
                    System.arraycopy(frame, 0, all, args.length + f * 4, 4);
                    length += varintsLength(frame);
                }
                args = all;
            } else if (type.shape == EventType.Shape.DATA) {
                if (i >= records.size() || records.get(i).dataLine() == null) {
                    throw at(i < records.size() ? records.get(i).getStart() : name,
                            "expected the data=\"...\" line of " + type.displayName);
                }
                GoTraceTextParser.DataLineContext d = records.get(i++).dataLine();
                if (!d.NAME().getText().equals("data")) {
                    throw at(d.NAME().getSymbol(), "expected data=\"...\", found " + d.NAME().getText());
                }
                data = GoQuote.unquote(d.STRING().getText());
                if (data == null) {
                    throw at(d.STRING().getSymbol(), "malformed quoted data " + d.STRING().getText());
                }
                length += varintLength(data.length) + data.length;
            }
            out.add(new RawEvent(type, args, data, name.getLine(), length));
        }
        return out;
    }

    private static long[] args(List<GoTraceTextParser.ArgContext> given, List<String> names, String what)
            throws GoTraceFormatException {
        long[] out = new long[names.size()];
        for (int k = 0; k < names.size(); k++) {
            if (k >= given.size()) {
                throw at(k == 0 ? null : given.get(k - 1).getStop(), "expected argument " + names.get(k) + " of "
                        + what);
            }
            GoTraceTextParser.ArgContext a = given.get(k);
            if (!a.NAME().getText().equals(names.get(k))) {
                throw at(a.getStart(), "expected argument " + names.get(k) + " of " + what + ", found "
                        + a.NAME().getText());
            }
            try {
                out[k] = Long.parseUnsignedLong(a.UINT().getText());
            } catch (NumberFormatException e) {
                throw at(a.UINT().getSymbol(), "argument " + names.get(k) + " does not fit in 64 bits");
            }
        }
        if (given.size() > names.size()) {
            throw at(given.get(names.size()).getStart(), "unexpected argument " + given.get(names.size()).getText()
                    + " after the " + names.size() + " of " + what);
        }
        return out;
    }

    static int varintLength(long v) {
        int n = 1;
        while (Long.compareUnsigned(v, 0x7f) > 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int varintsLength(long[] values) {
        int n = 0;
        for (long v : values) {
            n += varintLength(v);
        }
        return n;
    }

    private static GoTraceFormatException at(Token t, String problem) {
        return GoTraceFormatException.whole(t == null ? problem
                : "line " + t.getLine() + ":" + (t.getCharPositionInLine() + 1) + ": " + problem);
    }

    /** Keeps the first syntax error; ANTLR would otherwise print to stderr and recover. */
    private static final class FirstError extends BaseErrorListener {
        String message;

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col, String msg,
                RecognitionException e) {
            if (message == null) {
                message = "line " + line + ":" + (col + 1) + ": " + msg;
            }
        }
    }
}
