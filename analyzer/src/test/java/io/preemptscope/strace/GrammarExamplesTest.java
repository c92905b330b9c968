package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.strace.grammar.GrammarRecordParser;
import io.preemptscope.strace.record.RecordKind;
import io.preemptscope.strace.record.RecordParseException;
import io.preemptscope.strace.record.StraceRecord;
import io.preemptscope.strace.record.SyscallResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Constructs of strace-format.md that no capture of the corpus contains (older strace releases,
 * options not used there), typed from the document's examples. Real lines are tested elsewhere.
 */
class GrammarExamplesTest {
    private final GrammarRecordParser grammar = new GrammarRecordParser();

    private StraceRecord parse(String line) throws RecordParseException {
        return grammar.parse(line);
    }

    @Test
    void restartCodesNeverSeenFromGo() throws Exception {
        StraceRecord r = parse("rt_sigsuspend([])                       = ? ERESTARTNOHAND (To be restarted if no handler)");
        assertThat(r.result()).isEqualTo(new SyscallResult("?", "ERESTARTNOHAND", "To be restarted if no handler",
                null, List.of(), false));
        StraceRecord clone = parse("12345 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID) = ? ERESTARTNOINTR (To be restarted)");
        assertThat(clone.result().errno()).isEqualTo("ERESTARTNOINTR");
        assertThat(clone.pid()).isEqualTo(12345);
    }

    @Test
    void aResumedCallStraceCouldNotName() throws Exception {
        // strace 6.1, a capture of a Go program in CaptureIntegrationTest: a thread resumed a call
        // strace had lost track of, at a thread's exit
        StraceRecord r = parse("12345 1796600712.885552 <... ??? resumed>) = 0 <0.000021>");
        assertThat(r.resumedHead()).isTrue();
        assertThat(r.name()).isEqualTo("???");
        assertThat(r.result().value()).isEqualTo("0");
    }

    @Test
    void unknownErrnoInjectionAndNotes() throws Exception {
        StraceRecord unknown = parse("foo(1) = -1 (errno 523)");
        assertThat(unknown.result()).isEqualTo(new SyscallResult("-1", null, null, null, List.of("errno 523"), false));
        StraceRecord injected = parse("16642 12:04:31.809439 read(3, 0xc000032788, 64) = -1 EINTR (Interrupted system call) (INJECTED)");
        assertThat(injected.result().errno()).isEqualTo("EINTR");
        assertThat(injected.result().notes()).containsExactly("INJECTED");
        StraceRecord flags = parse("<... fcntl resumed>) = 0x8000 (flags O_RDONLY|O_LARGEFILE) <0.000643>");
        assertThat(flags.resumedHead()).isTrue();
        assertThat(flags.result().value()).isEqualTo("0x8000");
        assertThat(flags.result().notes()).containsExactly("flags O_RDONLY|O_LARGEFILE");
        assertThat(flags.duration()).isEqualTo("0.000643");
    }

    @Test
    void preFiveResumedSpaceAndTimeout() throws Exception {
        StraceRecord r = parse("[pid  6001] <... select resumed> )      = 0 (Timeout)");
        assertThat(r.pid()).isEqualTo(6001);
        assertThat(r.name()).isEqualTo("select");
        assertThat(r.text()).isEmpty();
        assertThat(r.result().notes()).containsExactly("Timeout");
    }

    @Test
    void detachedAndRestartSyscall() throws Exception {
        StraceRecord detached = parse("epoll_wait(4,  <detached ...>");
        assertThat(detached.detached()).isTrue();
        assertThat(detached.text()).isEqualTo("4,");
        StraceRecord restart = parse("[pid 16887] 12:04:37.297946 restart_syscall(<... resuming interrupted read ...> <unfinished ...>");
        assertThat(restart.isEntryHalf()).isTrue();
        assertThat(restart.text()).isEqualTo("<... resuming interrupted read ...>");
    }

    @Test
    void processEventsOfEveryForm() throws Exception {
        assertThat(parse("17551 12:05:00.141559 +++ killed by SIGSEGV (core dumped) +++"))
                .extracting(StraceRecord::kind, StraceRecord::name, StraceRecord::text)
                .containsExactly(RecordKind.KILLED, "SIGSEGV", "core dumped");
        assertThat(parse("17339 12:04:53.067735 --- stopped by SIGSTOP ---"))
                .extracting(StraceRecord::kind, StraceRecord::name)
                .containsExactly(RecordKind.STOPPED, "SIGSTOP");
        assertThat(parse("--- SIGCHLD (Child exited) @ 0 (0) ---"))
                .extracting(StraceRecord::kind, StraceRecord::name, StraceRecord::text)
                .containsExactly(RecordKind.SIGNAL, "SIGCHLD", "(Child exited) @ 0 (0)");
        assertThat(parse("[ Process PID=1234 runs in 32 bit mode. ]").kind()).isEqualTo(RecordKind.PERSONALITY);
        assertThat(parse("Process 24927 attached with 11 threads").kind()).isEqualTo(RecordKind.MESSAGE);
        assertThat(parse("16721 12:04:33.882778 +++ superseded by execve in pid 16727 +++").text()).isEqualTo("16727");
    }

    @Test
    void prefixesOfEveryForm() throws Exception {
        StraceRecord stderrComm = parse("[pid 16582<bin-spin>] 12:04:20.993811 (+     0.000037) getpid() = 16581");
        assertThat(stderrComm.pid()).isEqualTo(16582);
        assertThat(stderrComm.comm()).isEqualTo("bin-spin");
        assertThat(stderrComm.timestamp()).isEqualTo("12:04:20.993811");
        assertThat(stderrComm.relative()).isEqualTo("0.000037");
        StraceRecord ns = parse("16397 1795608259.337007702 tgkill(16396, 16396, SIGURG <unfinished ...>");
        assertThat(ns.timestamp()).isEqualTo("1795608259.337007702");
        assertThat(parse("16408 12:04:20 execve(\"/x\", [\"/x\"], 0x7ffe2bdb8020 /* 3 vars */) = 0").timestamp())
                .isEqualTo("12:04:20");
        assertThat(parse("12:02:00.214314 nanosleep({tv_sec=0, tv_nsec=10000000},  <unfinished ...>) = ?").pid())
                .isEqualTo(StraceRecord.NO_PID);
    }

    @Test
    void argumentsThatFoolSplittersStayInOneCall() throws Exception {
        StraceRecord wait = parse("wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 1234");
        assertThat(wait.text()).isEqualTo("-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL");
        StraceRecord tricky = parse("write(1, \"something) = 5 \\\"quoted\\\"\"..., 97) = 97");
        assertThat(tricky.result().value()).isEqualTo("97");
        StraceRecord oldEnv = parse("execve(\"/usr/bin/docker\", [\"docker\"], [/* 35 vars */]) = 0");
        assertThat(oldEnv.text()).endsWith("[/* 35 vars */]");
        StraceRecord deco = parse("read(0</dev/null<char 1:3>>, \"\", 4096) = 0");
        assertThat(deco.text()).startsWith("0</dev/null<char 1:3>>");
        StraceRecord unknown = parse("syscall_0x1b6(0x1, 0x2) = -1 ENOSYS (Function not implemented)");
        assertThat(unknown.name()).isEqualTo("syscall_0x1b6");
    }

    @Test
    void notStraceIsRejectedWithAColumn() {
        assertThatThrownBy(() -> parse("hello world, this is prose"))
                .isInstanceOf(RecordParseException.class)
                .satisfies(e -> assertThat(((RecordParseException) e).column()).isPositive());
        assertThatThrownBy(() -> parse("12345 read(3, \"unterminated, 64) = 5"))
                .isInstanceOf(RecordParseException.class);
        assertThatThrownBy(() -> parse("12345 exit_gr")).isInstanceOf(RecordParseException.class);
    }
}
