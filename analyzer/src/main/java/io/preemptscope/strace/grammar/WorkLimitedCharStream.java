package io.preemptscope.strace.grammar;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A char stream that gives the lexer a budget of characters to consume per pass.
 *
 * <p>The lexer tries a '&lt;' decoration or a string at every opening character and scans ahead
 * for its end; where none comes (junk, not strace output) it falls back one character and tries
 * again, which is quadratic in the line's length: a 40,000-character line of '&lt;' took 26 s, a
 * cut-off 16 MiB line would take hours. Real records need about one consumed character per
 * character, so a pass that needs many times the line's length is stopped.
 */
final class WorkLimitedCharStream implements CharStream {
    /** Consumed characters allowed per character of the line, and in any case. */
    static final long PER_CHAR = 8;
    static final long MINIMUM = 10_000;

    /** Thrown when a pass exceeds its budget; never a ParseCancellationException. */
    static final class TooMuchWork extends RuntimeException {
        TooMuchWork() {
            super("line too irregular to lex", null, false, false);
        }
    }

    private final CharStream in;
    private final long budget;
    private long consumed;

    WorkLimitedCharStream(CharStream in) {
        this.in = in;
        this.budget = MINIMUM + PER_CHAR * in.size();
    }

    /** Starts a new pass over the line, with a fresh budget. */
    void rewind() {
        in.seek(0);
        consumed = 0;
    }

    @Override
    public void consume() {
        if (++consumed > budget) {
            throw new TooMuchWork();
        }
        in.consume();
    }

    @Override
    public int LA(int i) {
        return in.LA(i);
    }

    @Override
    public int mark() {
        return in.mark();
    }

    @Override
    public void release(int marker) {
        in.release(marker);
    }

    @Override
    public int index() {
        return in.index();
    }

    @Override
    public void seek(int index) {
        in.seek(index);
    }

    @Override
    public int size() {
        return in.size();
    }

    @Override
    public String getSourceName() {
        return in.getSourceName();
    }

    @Override
    public String getText(Interval interval) {
        return in.getText(interval);
    }
}
