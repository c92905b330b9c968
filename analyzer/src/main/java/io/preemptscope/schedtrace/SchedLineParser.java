package io.preemptscope.schedtrace;

import io.preemptscope.grammar.schedtrace.SchedtraceLexer;
import io.preemptscope.grammar.schedtrace.SchedtraceParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns one line into a {@link SchedLine} with the ANTLR grammar, or says it is not one. */
public final class SchedLineParser {
    private SchedLineParser() {}

    /**
     * Cheap test, before any parsing, whether a line can be the runtime's: it starts with
     * {@code SCHED } or, after blanks, with {@code P<n>:}, {@code M<n>:} or {@code G<n>:}.
     */
    public static boolean looksLikeSchedtrace(String line) {
        if (line.startsWith("SCHED ")) {
            return true;
        }
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i + 2 >= line.length()) {
            return false;
        }
        char head = line.charAt(i);
        if (head != 'P' && head != 'M' && head != 'G') {
            return false;
        }
        int j = i + 1;
        while (j < line.length() && Character.isDigit(line.charAt(j)) && line.charAt(j) < 128) {
            j++;
        }
        return j > i + 1 && j < line.length() && line.charAt(j) == ':';
    }

    /** The line, or null when the grammar does not accept it or a number does not fit in 64 bits. */
    public static SchedLine parse(String line) {
        CodePointCharStream chars = CharStreams.fromString(line);
        SchedtraceParser.LineContext tree;
        try {
            tree = tree(chars, PredictionMode.SLL);
        } catch (ParseCancellationException sllFailed) {
            chars.seek(0);
            try {
                tree = tree(chars, PredictionMode.LL);
            } catch (ParseCancellationException failed) {
                return null;
            }
        }
        try {
            return read(tree);
        } catch (NumberFormatException | ArithmeticException tooBig) {
            return null;
        }
    }

    private static SchedtraceParser.LineContext tree(CodePointCharStream chars, PredictionMode mode) {
        SchedtraceLexer lexer = new SchedtraceLexer(chars);
        lexer.removeErrorListeners();
        lexer.addErrorListener(BAIL);
        SchedtraceParser parser = new SchedtraceParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(mode);
        return parser.line();
    }

    private static SchedLine read(SchedtraceParser.LineContext line) {
        if (line.summary() != null) {
            return summary(line.summary());
        }
        if (line.pLine() != null) {
            SchedtraceParser.PLineContext p = line.pLine();
            return new SchedLine.PLine(Math.toIntExact(head(p.P_HEAD())), num(p.status), num(p.schedtick),
                    num(p.syscalltick), id(p.m), num(p.runqsize), num(p.gfreecnt),
                    p.timerslen == null ? null : num(p.timerslen));
        }
        if (line.mLine() != null) {
            SchedtraceParser.MLineContext m = line.mLine();
            String both = m.PREEMPTOFF_LOCKS().getText();
            String preemptoff = both.substring("preemptoff=".length(), both.length() - " locks=".length());
            return new SchedLine.MLine(head(m.M_HEAD()), id(m.p), id(m.curg), num(m.mallocing), num(m.throwing),
                    preemptoff, num(m.locks), num(m.dying), flag(m.spinning), flag(m.blocked), id(m.lockedg));
        }
        SchedtraceParser.GLineContext g = line.gLine();
        String reason = g.WAIT_REASON().getText();
        return new SchedLine.GLine(head(g.G_HEAD()), num(g.status), reason.substring(1, reason.length() - 1),
                id(g.m), id(g.lockedm));
    }

    private static SchedLine.Summary summary(SchedtraceParser.SummaryContext s) {
        String elapsed = s.elapsed.getText();
        SchedtraceParser.DetailContext d = s.detail();
        List<Long> runqs = s.localRunqs() == null ? null : ints(s.localRunqs().INT());
        List<Long> ticks = s.tickList() == null ? null : ints(s.tickList().INT());
        return new SchedLine.Summary(Long.parseLong(elapsed.substring(0, elapsed.length() - 3)), num(s.gomaxprocs),
                num(s.idleprocs), num(s.threads), num(s.spinningthreads),
                s.needspinning == null ? null : num(s.needspinning), num(s.idlethreads), num(s.runqueue),
                d == null ? null : flag(d.gcwaiting), d == null ? null : num(d.nmidlelocked),
                d == null ? null : num(d.stopwait), d == null ? null : flag(d.sysmonwait), runqs, ticks);
    }

    private static List<Long> ints(List<TerminalNode> nodes) {
        List<Long> out = new ArrayList<>(nodes.size());
        for (TerminalNode n : nodes) {
            out.add(Long.parseLong(n.getText()));
        }
        return List.copyOf(out);
    }

    /** The number in "P12:". */
    private static long head(TerminalNode node) {
        String t = node.getText();
        return Long.parseLong(t.substring(1, t.length() - 1));
    }

    private static long num(Token t) {
        return Long.parseLong(t.getText());
    }

    private static long id(SchedtraceParser.IdContext id) {
        return id.NIL() != null ? SchedLine.NONE : Long.parseLong(id.INT().getText());
    }

    private static long flag(SchedtraceParser.FlagContext f) {
        if (f.TRUE() != null) {
            return 1;
        }
        if (f.FALSE() != null) {
            return 0;
        }
        return Long.parseLong(f.INT().getText());
    }

    private static final BaseErrorListener BAIL = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                String msg, RecognitionException e) {
            throw new ParseCancellationException(msg);
        }
    };
}
