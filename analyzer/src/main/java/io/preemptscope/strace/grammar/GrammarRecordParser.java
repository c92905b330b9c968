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

    @Override
    public StraceRecord parse(String text) throws RecordParseException {
        try {
            return parseOrOverflow(text);
        } catch (StackOverflowError tooDeep) {
            // the parser and the lexer's context recurse once per open bracket
            throw new RecordParseException(1, "brackets nested too deeply to parse");
        }
    }

    private static StraceRecord parseOrOverflow(String text) throws RecordParseException {
        CodePointCharStream chars = CharStreams.fromString(text);
        try {
            return read(chars, parseTree(chars, PredictionMode.SLL));
        } catch (ParseCancellationException sllFailed) {
            chars.seek(0);
            FirstError firstError = new FirstError();
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

    /** Keeps the first syntax error and ends the parse there: later ones are consequences of it. */
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
            // nothing after the first error is used: stop rather than recover through the rest
            throw new ParseCancellationException(msg);
        }
    }
}
