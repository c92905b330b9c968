package io.preemptscope.strace.grammar;

import io.preemptscope.grammar.strace.StraceLexer;
import io.preemptscope.grammar.strace.StraceParser;
import io.preemptscope.strace.record.RecordParseException;
import io.preemptscope.strace.record.RecordParser;
import io.preemptscope.strace.record.StraceRecord;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses a record with the ANTLR grammar, the definition of strace's language in this project.
 *
 * <p>Two-stage as the ANTLR FAQ recommends: the cheap SLL mode first, full LL only when SLL
 * fails, so that an ambiguity in SLL never becomes a false syntax error.
 */
public final class GrammarRecordParser implements RecordParser {

    /**
     * Deepest bracket nesting a reader should hand to ANTLR. Real records nest four deep at most;
     * the parser recurses per level, and the lexer's work per character grows with the depth of
     * '&lt;' and '(' it is inside, so a junk line of a million '&lt;' takes minutes, a 16 MiB one
     * hours. The grammar itself has no such limit, so the check is the caller's
     * ({@link #nestingTooDeepAt}); the parser only keeps a stack overflow from escaping.
     */
    public static final int MAX_DEPTH = 100;

    /** Longest error message kept: the problem report carries the whole line anyway. */
    static final int MAX_MESSAGE = 200;

    /**
     * The record, or null when the text is not strace output; cheaper than {@link #parse} on
     * failure because it builds no message. For trial parses of candidate splices.
     */
    public StraceRecord tryParse(String text) {
        WorkLimitedCharStream chars = new WorkLimitedCharStream(CharStreams.fromString(text));
        try {
            try {
                return read(chars, parseTree(chars, PredictionMode.SLL));
            } catch (ParseCancellationException sllFailed) {
                chars.rewind();
                return read(chars, parseTree(chars, PredictionMode.LL));
            }
        } catch (ParseCancellationException | RecordParseException | WorkLimitedCharStream.TooMuchWork failed) {
            return null;
        } catch (StackOverflowError overflow) {
            return null;
        }
    }

    @Override
    public StraceRecord parse(String text) throws RecordParseException {
        try {
            return parseOrOverflow(text);
        } catch (StackOverflowError overflow) {
            // a backstop for small thread stacks: the parser recurses once per open bracket
            throw new RecordParseException(1, "brackets nested too deeply to parse");
        } catch (WorkLimitedCharStream.TooMuchWork junk) {
            throw new RecordParseException(1, "unclosed strings or decorations throughout the line");
        }
    }

    /**
     * Where the nesting of ( [ { &lt; first exceeds {@link #MAX_DEPTH}, or -1. Counted as the lexer
     * nests: not inside a closed string literal, and an arrow's '&gt;' closes nothing.
     */
    public static int nestingTooDeepAt(String text) {
        int depth = 0;
        int n = text.length();
        boolean unclosedString = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' && !unclosedString) {
                int j = i + 1;
                while (j < n && text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (j < n) {
                    i = j;
                } else {
                    // every later quote is escaped in this one's reading, so none closes either
                    unclosedString = true;
                }
            } else if (c == '(' || c == '[' || c == '{' || c == '<') {
                if (++depth > MAX_DEPTH) {
                    return i;
                }
            } else if (c == ')' || c == ']' || c == '}' || c == '>' && (i == 0 || text.charAt(i - 1) != '-')) {
                depth = Math.max(0, depth - 1);
            }
        }
        return -1;
    }

    private static StraceRecord parseOrOverflow(String text) throws RecordParseException {
        WorkLimitedCharStream chars = new WorkLimitedCharStream(CharStreams.fromString(text));
        try {
            return read(chars, parseTree(chars, PredictionMode.SLL));
        } catch (ParseCancellationException sllFailed) {
            chars.rewind();
            FirstError firstError = new FirstError(text);
            StraceParser.RecordContext tree;
            try {
                tree = parseTree(chars, PredictionMode.LL, firstError);
            } catch (ParseCancellationException stoppedAtFirstError) {
                tree = null;
            }
            if (firstError.message != null) {
                throw new RecordParseException(firstError.column, firstError.message);
            }
            return read(chars, tree);
        }
    }

    private static StraceRecord read(CharStream chars, StraceParser.RecordContext tree)
            throws RecordParseException {
        try {
            return new RecordTreeReader(chars).read(tree);
        } catch (NumberFormatException tooLong) {
            throw new RecordParseException(1, "pid out of range (more than 9 digits)");
        }
    }

    /** A parse that stops at the first error, lexer or parser, by throwing ParseCancellationException. */
    private static StraceParser.RecordContext parseTree(CharStream chars, PredictionMode mode) {
        // a character no token takes would otherwise be dropped and the rest parsed as if absent
        return parseTree(chars, mode, BAIL_ON_LEXER_ERROR, true);
    }

    /** A parse that reports its first error to {@code errors}, which records it and ends the parse. */
    private static StraceParser.RecordContext parseTree(CharStream chars, PredictionMode mode, FirstError errors) {
        return parseTree(chars, mode, errors, false);
    }

    private static StraceParser.RecordContext parseTree(CharStream chars, PredictionMode mode,
            BaseErrorListener lexerErrors, boolean bail) {
        StraceLexer lexer = new StraceLexer(chars);
        lexer.removeErrorListeners();
        lexer.addErrorListener(lexerErrors);
        StraceParser parser = new StraceParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        if (bail) {
            parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        } else {
            parser.addErrorListener(lexerErrors);
        }
        parser.getInterpreter().setPredictionMode(mode);
        return parser.record();
    }

    private static final BaseErrorListener BAIL_ON_LEXER_ERROR = new BaseErrorListener() {
        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                RecognitionException e) {
            throw new ParseCancellationException(msg);
        }
    };

    /**
     * Keeps the first syntax error, in words a strace user knows, and ends the parse there: later
     * ones are consequences of it.
     */
    private static final class FirstError extends BaseErrorListener {
        private final String text;
        String message;
        int column;

        FirstError(String text) {
            this.text = text;
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                RecognitionException e) {
            if (message == null) {
                if (recognizer instanceof Parser parser && offendingSymbol instanceof Token token) {
                    describe(parser, token, e);
                } else {
                    describeCharacter(charPositionInLine);
                }
                if (message.length() > MAX_MESSAGE) {
                    message = message.substring(0, MAX_MESSAGE) + "...";
                }
            }
            // nothing after the first error is used: stop rather than recover through the rest
            throw new ParseCancellationException(msg);
        }

        private void describe(Parser parser, Token token, RecognitionException e) {
            TokenStream tokens = parser.getInputStream();
            Token headPlace = token; // where the record's head should have been
            boolean headSeen = false;
            for (int i = 0; i < token.getTokenIndex() && !headSeen; i++) {
                Token t = tokens.get(i);
                headSeen = ExpectedWords.isHead(t.getType());
                if (headPlace == token && !ExpectedWords.isPrefix(t.getType())) {
                    headPlace = t;
                }
            }
            if (!headSeen) {
                // no record head before the error: the line is no strace record at all
                column = headPlace.getType() == Token.EOF ? text.length() + 1 : headPlace.getCharPositionInLine() + 1;
                message = ExpectedWords.RECORD_HEAD + ", " + ExpectedWords.found(headPlace);
                return;
            }
            IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens()
                    : parser.getExpectedTokens();
            column = token.getType() == Token.EOF ? text.length() + 1 : token.getCharPositionInLine() + 1;
            message = ExpectedWords.expected(expected) + ", " + ExpectedWords.found(token);
        }

        /** The lexer stops only outside a call's arguments: before the record's head or in its result. */
        private void describeCharacter(int at) {
            column = at + 1;
            String before = text.substring(0, Math.min(at, text.length()));
            String found = at < text.length() ? "found " + ExpectedWords.quote(text.substring(at, at + 1))
                    : "found the end of the line";
            String done = before.strip();
            if (done.length() > 3 && (done.endsWith("+++") || done.endsWith("---"))) {
                message = "expected the end of the line, " + found;
            } else if (before.contains(")")) {
                message = "expected a return value '= ...' or the end of the line, " + found;
            } else if (before.contains("+++")) {
                message = "expected '+++ exited with N +++' or '+++ killed by SIG... +++', " + found;
            } else {
                message = ExpectedWords.RECORD_HEAD + ", " + found;
            }
        }
    }
}
