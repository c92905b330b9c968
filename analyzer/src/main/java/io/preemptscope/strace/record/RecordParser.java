package io.preemptscope.strace.record;

/** Turns the text of one logical strace record into its fields. */
public interface RecordParser {
    StraceRecord parse(String text) throws RecordParseException;
}
