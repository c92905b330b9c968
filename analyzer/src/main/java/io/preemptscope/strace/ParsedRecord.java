package io.preemptscope.strace;

import io.preemptscope.strace.record.StraceRecord;

/**
 * A logical record read from one input, with where it came from.
 *
 * @param record the parsed fields, or null when the text is not strace output
 * @param text the record's text (physical lines joined where strace's output was spliced)
 * @param firstLine the line the record starts on
 * @param lastLine the line it ends on (greater than firstLine only for spliced records)
 * @param error what was expected, when record is null; with a record, why it was read as an
 *     open call at the end of the capture
 * @param truncated the record is the input's last line and has no newline
 */
public record ParsedRecord(
        StraceRecord record, String text, long firstLine, long lastLine, String error, boolean truncated) {

    public boolean failed() {
        return record == null;
    }
}
