package io.preemptscope.strace.grammar;

import io.preemptscope.grammar.strace.StraceParser;
import io.preemptscope.strace.record.Blanks;
import io.preemptscope.strace.record.RecordKind;
import io.preemptscope.strace.record.StraceRecord;
import io.preemptscope.strace.record.SyscallResult;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Reads the fields of a {@link StraceRecord} off a parse tree of the strace grammar. */
final class RecordTreeReader {
    private final CharStream chars;

    RecordTreeReader(CharStream chars) {
        this.chars = chars;
    }

    StraceRecord read(StraceParser.RecordContext tree) {
        if (tree.summaryRow() != null) {
            return simple(RecordKind.SUMMARY, tree.summaryRow());
        }
        Prefix prefix = readPrefix(tree.prefix());
        StraceParser.BodyContext body = tree.body();
        if (body.syscall() != null) {
            return syscall(prefix, body.syscall());
        }
        if (body.resumed() != null) {
            return resumed(prefix, body.resumed());
        }
        if (body.orphanTail() != null) {
            return prefix.record(RecordKind.ORPHAN_TAIL, null, "", false, false, false,
                    result(body.orphanTail().result()), duration(body.orphanTail().result()));
        }
        if (body.signal() != null) {
            return signal(prefix, body.signal());
        }
        if (body.exited() != null) {
            String status = body.exited().INT() != null
                    ? body.exited().INT().getText() : body.exited().MINUS_ONE().getText();
            return prefix.record(RecordKind.EXITED, null, status, false, false, false, null, null);
        }
        if (body.killed() != null) {
            String note = body.killed().NOTE() == null ? "" : unwrap(body.killed().NOTE().getText());
            return prefix.record(RecordKind.KILLED, body.killed().word().getText(), note,
                    false, false, false, null, null);
        }
        if (body.superseded() != null) {
            return prefix.record(RecordKind.SUPERSEDED, null, body.superseded().INT().getText(),
                    false, false, false, null, null);
        }
        if (body.message() != null) {
            return prefix.record(RecordKind.MESSAGE, null, Blanks.strip(body.message().getText()),
                    false, false, false, null, null);
        }
        RecordKind kind;
        if (body.STACK_FRAME() != null) {
            kind = RecordKind.STACK_FRAME;
        } else if (body.DUMP_LINE() != null) {
            kind = RecordKind.DUMP;
        } else if (body.PERSONALITY() != null) {
            kind = RecordKind.PERSONALITY;
        } else {
            kind = RecordKind.SUMMARY;
        }
        return prefix.record(kind, null, Blanks.strip(body.getText()), false, false, false, null, null);
    }

    private StraceRecord simple(RecordKind kind, ParserRuleContext ctx) {
        return new StraceRecord(kind, StraceRecord.NO_PID, null, null, null, null,
                text(ctx), false, false, false, null, null);
    }

    private StraceRecord syscall(Prefix prefix, StraceParser.SyscallContext call) {
        String open = call.SYSCALL_OPEN().getText();
        String name = open.substring(0, open.length() - 1);
        return prefix.record(RecordKind.SYSCALL, name, text(call.args()), false,
                call.A_UNFINISHED() != null, call.A_DETACHED() != null,
                result(call.result()), duration(call.result()));
    }

    private StraceRecord resumed(Prefix prefix, StraceParser.ResumedContext call) {
        String head = Blanks.strip(call.RESUMED().getText());
        String name = head.substring("<... ".length(), head.length() - " resumed>".length());
        return prefix.record(RecordKind.SYSCALL, name, text(call.args()), true,
                call.A_UNFINISHED() != null, call.A_DETACHED() != null,
                result(call.result()), duration(call.result()));
    }

    private StraceRecord signal(Prefix prefix, StraceParser.SignalContext signal) {
        if (signal instanceof StraceParser.DeliveredSignalContext delivered) {
            return prefix.record(RecordKind.SIGNAL, delivered.S_WORD().getText(),
                    text(delivered.args()), false, false, false, null, null);
        }
        if (signal instanceof StraceParser.StoppedSignalContext stopped
                && stopped.S_WORD(0).getText().equals("stopped")
                && stopped.S_WORD(1).getText().equals("by")) {
            return prefix.record(RecordKind.STOPPED, stopped.S_WORD(2).getText(), "",
                    false, false, false, null, null);
        }
        // strace before 4.7: "--- SIGCHLD (Child exited) @ 0 (0) ---"; the text after the name
        Token nameToken = ((TerminalNode) signal.getChild(1)).getSymbol();
        Token close = signal.getStop();
        String rest = nameToken.getStopIndex() + 1 <= close.getStartIndex() - 1
                ? Blanks.strip(chars.getText(Interval.of(nameToken.getStopIndex() + 1, close.getStartIndex() - 1)))
                : "";
        return prefix.record(RecordKind.SIGNAL, nameToken.getText(), rest, false, false, false, null, null);
    }

    private SyscallResult result(StraceParser.ResultContext result) {
        if (result == null) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        for (TerminalNode note : result.NOTE()) {
            notes.add(unwrap(note.getText()));
        }
        StraceParser.RetvalContext retval = result.retval();
        if (retval instanceof StraceParser.ErrorReturnContext error) {
            return new SyscallResult("-1", error.word().getText(), unwrap(error.NOTE().getText()),
                    null, notes, false);
        }
        if (retval instanceof StraceParser.UnknownErrnoReturnContext unknown) {
            notes.add(0, unwrap(unknown.NOTE().getText()));
            return new SyscallResult("-1", null, null, null, notes, false);
        }
        if (retval instanceof StraceParser.RestartReturnContext restart) {
            return new SyscallResult("?", restart.word().getText(), unwrap(restart.NOTE().getText()),
                    null, notes, false);
        }
        if (retval instanceof StraceParser.UnavailableReturnContext) {
            return new SyscallResult("?", null, null, null, notes, true);
        }
        if (retval instanceof StraceParser.NoReturnContext) {
            return new SyscallResult("?", null, null, null, notes, false);
        }
        StraceParser.ValueReturnContext value = (StraceParser.ValueReturnContext) retval;
        String decoration = value.DECO() == null ? null : unwrap(value.DECO().getText());
        return new SyscallResult(value.getStart().getText(), null, null, decoration, notes, false);
    }

    private static String duration(StraceParser.ResultContext result) {
        if (result == null || result.DURATION() == null) {
            return null;
        }
        return unwrap(result.DURATION().getText());
    }

    private Prefix readPrefix(StraceParser.PrefixContext prefix) {
        int pid = StraceRecord.NO_PID;
        String comm = null;
        if (prefix.pid() != null) {
            if (prefix.pid().PID_BRACKET() != null) {
                String bracket = prefix.pid().PID_BRACKET().getText();
                String inner = Blanks.strip(bracket.substring("[pid".length(), bracket.length() - 1));
                int lt = inner.indexOf('<');
                if (lt >= 0) {
                    comm = inner.substring(lt + 1, inner.length() - 1);
                    inner = inner.substring(0, lt);
                }
                pid = Integer.parseInt(inner);
            } else {
                pid = Integer.parseInt(prefix.pid().INT().getText());
                if (prefix.pid().DECO() != null) {
                    comm = unwrap(prefix.pid().DECO().getText());
                }
            }
        }
        String timestamp = prefix.timestamp() == null ? null : prefix.timestamp().getText();
        String relative = null;
        if (prefix.relative() != null) {
            String rel = prefix.relative().getText();
            relative = Blanks.strip(rel.substring(2, rel.length() - 1));
        }
        return new Prefix(pid, comm, timestamp, relative);
    }

    private String text(ParserRuleContext ctx) {
        if (ctx == null || ctx.getStart() == null || ctx.getStop() == null
                || ctx.getStop().getStopIndex() < ctx.getStart().getStartIndex()) {
            return "";
        }
        return Blanks.strip(chars.getText(Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex())));
    }

    /** Drops the first and last character: the brackets, parentheses or angle brackets. */
    static String unwrap(String bracketed) {
        return bracketed.substring(1, bracketed.length() - 1);
    }

    private record Prefix(int pid, String comm, String timestamp, String relative) {
        StraceRecord record(RecordKind kind, String name, String text, boolean resumedHead,
                boolean unfinished, boolean detached, SyscallResult result, String duration) {
            return new StraceRecord(kind, pid, comm, timestamp, relative, name, text,
                    resumedHead, unfinished, detached, result, duration);
        }
    }
}
