package io.preemptscope.strace.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The readers that work in place agree with the ones that copy, which they stand in for. */
class InPlaceReadersTest {
    private static final List<String> SAMPLES = List.of(
            "0xc000084550, FUTEX_WAIT_PRIVATE, 0, {tv_sec=0, tv_nsec=100000}",
            "0xc000084550, FUTEX_WAIT_PRIVATE, 0, NULL",
            "0x4a6f18, 0x80 /* FUTEX_WAIT_PRIVATE */, 0, {tv_sec=0, tv_nsec=20000}",
            "0x4a6f18,\tFUTEX_WAIT, 0, {0, 20000}",
            "0x4a6f18, FUTEX_WAKE_PRIVATE, 1",
            "0x4a6f18, FUTEX_WAI, 0, {tv_sec=1, tv_nsec=5}",
            "{tv_sec=0, tv_nsec=20000}, NULL",
            "{tv_sec=99999999999, tv_nsec=1}, NULL",
            "SIGURG, {sa_handler=0x4640e0, sa_mask=~[], sa_flags=SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_SIGINFO,"
                    + " sa_restorer=0x464220}, NULL, 8",
            "SIGURG, NULL, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8",
            "23 /* SIGURG */, {0x4640e0, ~[], SA_RESTORER|SA_ONSTACK, 0x464220}, NULL, 8",
            "", " ", "SIGURG", "a, \"b, c\", [d, e], f", "/* x, y */ 1, 2");

    @Test
    void leadingArgumentsAreThoseSplitGives() {
        for (String args : SAMPLES) {
            for (int n = 0; n <= 5; n++) {
                List<String> all = ArgSplitter.split(args);
                assertThat(ArgSplitter.leading(args, n)).as("%s, %d", args, n)
                        .isEqualTo(all.subList(0, Math.min(n, all.size())));
            }
        }
    }

    @Test
    void timespecFromAnOffsetIsTheTimespecOfTheRest() {
        for (String args : SAMPLES) {
            for (int from = 0; from <= args.length(); from++) {
                assertThat(ArgDecoder.timespecNanos(args, from)).as("%s from %d", args, from)
                        .isEqualTo(ArgDecoder.timespecNanos(args.substring(from)));
            }
        }
        assertThat(ArgDecoder.timespecNanos(SAMPLES.get(0), SAMPLES.get(0).indexOf('{'))).isEqualTo(100_000);
    }

    @Test
    void aTimedWaitOnZeroReadInPlaceIsOneTheFullDecodingFinds() {
        for (String args : SAMPLES) {
            List<String> all = ArgSplitter.split(args);
            long decoded = ArgDecoder.decode("futex", args) instanceof SyscallArgs.Futex f
                    && f.op().startsWith("FUTEX_WAIT") && all.size() > 2 && all.get(2).equals("0") ? f.timeoutNanos() : -1;
            assertThat(FutexArgs.timedWaitOnZeroNs(args)).as(args).isEqualTo(decoded);
            if (decoded >= 0) {
                assertThat(FutexArgs.address(args)).isEqualTo(all.get(0));
            }
        }
    }

    @Test
    void symbolicPrefixInPlaceIsThePrefixOfTheStrippedSymbol() {
        for (String args : SAMPLES) {
            for (int from = 0; from <= args.length(); from++) {
                for (int to = from; to <= args.length(); to++) {
                    boolean copied = NumericValues.symbolic(args.substring(from, to).strip()).startsWith("FUTEX_WAIT");
                    assertThat(NumericValues.symbolicStartsWith(args, from, to, "FUTEX_WAIT"))
                            .as("%s [%d, %d)", args, from, to).isEqualTo(copied);
                }
            }
        }
    }

    @Test
    void randomTextsAgreeToo() {
        Random random = new Random(11);
        String alphabet = "FUTEX_WAIT{tv_sec=, tv_nsec=}0123 /**/\t,\"[]<>()";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            int from = random.nextInt(s.length() + 1);
            int to = from + random.nextInt(s.length() - from + 1);
            assertThat(ArgDecoder.timespecNanos(s, from)).isEqualTo(ArgDecoder.timespecNanos(s.substring(from)));
            assertThat(NumericValues.symbolicStartsWith(s, from, to, "FUTEX_WAIT"))
                    .isEqualTo(NumericValues.symbolic(s.substring(from, to).strip()).startsWith("FUTEX_WAIT"));
            int n = random.nextInt(4);
            List<String> all = ArgSplitter.split(s);
            assertThat(ArgSplitter.leading(s, n)).isEqualTo(all.subList(0, Math.min(n, all.size())));
        }
    }
}
