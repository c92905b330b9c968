package io.preemptscope.strace.record;

/** A record that is not strace output; carries the column and what was expected there. */
public final class RecordParseException extends Exception {
    private final int column;

    public RecordParseException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** 1-based column in the record's text. */
    public int column() {
        return column;
    }
}
