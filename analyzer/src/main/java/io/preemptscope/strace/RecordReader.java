package io.preemptscope.strace;

import io.preemptscope.strace.fast.FastRecordScanner;
import io.preemptscope.strace.grammar.GrammarRecordParser;
import io.preemptscope.strace.input.LineSource;
import io.preemptscope.strace.input.PhysicalLine;
import io.preemptscope.strace.record.RecordParseException;
import io.preemptscope.strace.record.StraceRecord;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Turns physical lines into parsed logical records.
 *
 * <p>Mostly one line is one record. When strace's trace shares a stream with its own diagnostics
 * or with the program's output, those texts land in the middle of an open trace line, and the
 * rest of the line follows on the next physical line:
 * {@code clone(...|CLONE_SETTLSstrace: Process 16769 attached} then {@code , tls=...) = 16769}.
 * Such splices are undone here, before the grammar sees the text.
 */
public final class RecordReader {
    private static final String STRACE_PREFIX = "strace: ";

    private final LineSource lines;
    private final FastRecordScanner fast = new FastRecordScanner();
    private final GrammarRecordParser grammar = new GrammarRecordParser();
    private final ArrayDeque<ParsedRecord> ready = new ArrayDeque<>();
    private PhysicalLine pushedBack;

    public RecordReader(LineSource lines) {
        this.lines = lines;
    }

    /** The next record, or null at the end of the input. */
    public ParsedRecord next() throws IOException {
        ParsedRecord r = assemble();
        return r == null ? null : explain(r);
    }

    private ParsedRecord assemble() throws IOException {
        if (!ready.isEmpty()) {
            return ready.poll();
        }
        PhysicalLine line = nextLine();
        if (line == null) {
            return null;
        }
        ParsedRecord whole = parse(line.text(), line, line);
        if (!whole.failed()) {
            return whole;
        }
        int splice = line.text().indexOf(STRACE_PREFIX);
        ParsedRecord message = splice > 0 ? parse(line.text().substring(splice), line, line) : null;
        // only a tail that reads as strace's message was spliced in; else the line stays one problem
        if (message != null && !message.failed()) {
            // a cut last line is reported once, on its call part, which the reader returns last
            ready.add(line.terminated() ? message : new ParsedRecord(
                    message.record(), message.text(), message.firstLine(), message.lastLine(), null, false));
            PhysicalLine after = nextLine();
            while (after != null && after.text().startsWith(STRACE_PREFIX)) {
                ready.add(parse(after.text(), after, after));
                after = nextLine();
            }
            ready.add(continued(parse(line.text().substring(0, splice), line, line), line, after));
            return ready.poll();
        }
        return continued(whole, line, nextLine());
    }

    /**
     * A record that failed alone: joined with the next line when that is the rest of it, or read
     * as an open call when the capture ends inside it.
     */
    private ParsedRecord continued(ParsedRecord alone, PhysicalLine first, PhysicalLine after) {
        if (after == null) {
            return openAtEnd(alone, first);
        }
        if (alone.failed()) {
            ParsedRecord joined = parse(alone.text() + after.text(), first, after);
            if (!joined.failed()
                    && (looksLikeContinuation(after.text()) || parse(after.text(), after, after).failed())) {
                return joined;
            }
        }
        pushedBack = after;
        return alone;
    }

    /**
     * strace prints a call's input arguments at entry and the rest at exit, so a capture that ends
     * while a call is in progress ends with an open line: {@code futex(0xc000084550, FUTEX_WAIT_PRIVATE, 0, NULL}.
     */
    private ParsedRecord openAtEnd(ParsedRecord alone, PhysicalLine line) {
        if (!alone.failed()) {
            return alone;
        }
        ParsedRecord open = parse(alone.text() + " <unfinished ...>", line, line);
        if (!open.failed() && open.record().isEntryHalf()) {
            return new ParsedRecord(open.record(), alone.text(), alone.firstLine(), alone.lastLine(),
                    "capture ends inside this call", true);
        }
        return alone;
    }

    /** The rest of a spliced line never starts the way a record does. */
    private static boolean looksLikeContinuation(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == ')' || c == ',' || text.startsWith(" <unfinished ...>") || text.startsWith(" =>");
    }

    /**
     * Parses a candidate record. Only a candidate that stays a failure needs the grammar's
     * message, so failures here are cheap: {@link #explain} adds the message at the end.
     */
    private ParsedRecord parse(String text, PhysicalLine first, PhysicalLine last) {
        boolean truncated = !last.terminated();
        StraceRecord record = fast.scan(text);
        if (record == null) {
            int tooDeep = GrammarRecordParser.nestingTooDeepAt(text);
            if (tooDeep >= 0) {
                return new ParsedRecord(null, text, first.number(), last.number(), "column " + (tooDeep + 1)
                        + ": brackets nested more than " + GrammarRecordParser.MAX_DEPTH + " deep", truncated);
            }
            record = grammar.tryParse(text);
        }
        return new ParsedRecord(record, text, first.number(), last.number(), null, truncated);
    }

    /** A record that failed for good, with the grammar's account of what was expected. */
    private ParsedRecord explain(ParsedRecord failed) {
        if (!failed.failed() || failed.error() != null) {
            return failed;
        }
        String message;
        if (failed.text().isBlank()) {
            message = "blank line, expected a strace record";
        } else {
            try {
                grammar.parse(failed.text());
                message = "not a strace record";
            } catch (RecordParseException e) {
                message = "column " + e.column() + ": " + e.getMessage();
            }
        }
        return new ParsedRecord(null, failed.text(), failed.firstLine(), failed.lastLine(), message, failed.truncated());
    }

    private PhysicalLine nextLine() throws IOException {
        if (pushedBack != null) {
            PhysicalLine line = pushedBack;
            pushedBack = null;
            return line;
        }
        return lines.next();
    }
}
