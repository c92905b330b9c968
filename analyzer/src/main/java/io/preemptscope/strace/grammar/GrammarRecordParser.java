package io.preemptscope.strace.grammar;

import io.preemptscope.grammar.strace.StraceLexer;
import io.preemptscope.grammar.strace.StraceParser;
import io.preemptscope.strace.record.RecordParseException;
import io.preemptscope.strace.record.RecordParser;
import io.preemptscope.strace.record.StraceRecord;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses a record with the ANTLR grammar, the definition of strace's language in this project.
 *
 * <p>Two-stage as the ANTLR FAQ recommends: the cheap SLL mode first, full LL only when SLL
 * fails, so that an ambiguity in SLL never becomes a false syntax error.
 */
public final class GrammarRecordParser implements RecordParser {

    /**
     * The record, or null when the text is not strace output; cheaper than {@link #parse} on
     * failure because it builds no message. For trial parses of candidate splices.
     */
    public StraceRecord tryParse(String text) {
        CodePointCharStream chars = CharStreams.fromString(text);
        try {
            return read(chars, parseTree(chars, PredictionMode.SLL));
        } catch (ParseCancellationException | RecordParseException sllFailed) {
            chars.seek(0);
            try {
                return read(chars, parseTree(chars, PredictionMode.LL));
            } catch (ParseCancellationException | RecordParseException failed) {
                return null;
            }
        }
    }

    @Override
    public StraceRecord parse(String text) throws RecordParseException {
        CodePointCharStream chars = CharStreams.fromString(text);
        try {
            return read(chars, parseTree(chars, PredictionMode.SLL));
        } catch (ParseCancellationException sllFailed) {
            chars.seek(0);
            FirstError firstError = new FirstError();
            StraceParser.RecordContext tree = parseTree(chars, PredictionMode.LL, firstError);
            if (firstError.message != null) {
                throw new RecordParseException(firstError.column, firstError.message);
            }
            return read(chars, tree);
        }
    }

    private static StraceRecord read(CodePointCharStream chars, StraceParser.RecordContext tree)
            throws RecordParseException {
        try {
            return new RecordTreeReader(chars).read(tree);
        } catch (NumberFormatException tooLong) {
            throw new RecordParseException(1, "pid out of range (more than 9 digits)");
        }
    }

    private static StraceParser.RecordContext parseTree(CodePointCharStream chars, PredictionMode mode) {
        StraceLexer lexer = new StraceLexer(chars);
        lexer.removeErrorListeners();
        // a character no token accepts is damage, never something to skip over
        lexer.addErrorListener(BAIL_ON_LEXER_ERROR);
        StraceParser parser = new StraceParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(mode);
        return parser.record();
    }

    private static StraceParser.RecordContext parseTree(
            CodePointCharStream chars, PredictionMode mode, FirstError errors) {
        StraceLexer lexer = new StraceLexer(chars);
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        StraceParser parser = new StraceParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        parser.getInterpreter().setPredictionMode(mode);
        return parser.record();
    }

    private static final BaseErrorListener BAIL_ON_LEXER_ERROR = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                String msg, RecognitionException e) {
            throw new ParseCancellationException(msg);
        }
    };

    /** Keeps the first syntax error only: later ones are consequences of it. */
    private static final class FirstError extends BaseErrorListener {
        String message;
        int column;

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                RecognitionException e) {
            if (message == null) {
                message = msg;
                column = charPositionInLine + 1;
            }
        }
    }
}
