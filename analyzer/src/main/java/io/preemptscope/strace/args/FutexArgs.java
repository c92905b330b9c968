package io.preemptscope.strace.args;

/**
 * futex(uaddr, futex_op, val, timeout, ...) as the analysis asks about it. futex is the most
 * frequent call in a Go capture, and of nearly every one the question is only whether it is the
 * runtime's notetsleep, a timed FUTEX_WAIT on the value 0: that is answered in place, and a call
 * that is not one is turned away by a single search of its text.
 */
public final class FutexArgs {
    /** What follows the operation in a timed wait on 0: the value, then the timeout struct. */
    private static final String ZERO_THEN_TIMEOUT = ", 0, {";
    /** The same with the timeout's address only (perf, or a struct strace could not read). */
    private static final String ZERO_THEN_ADDRESS = ", 0, 0x";

    private FutexArgs() {}

    /**
     * The timeout, in ns, of a FUTEX_WAIT (of any variant) on the value 0 with a timeout; -1 for
     * any other futex call; {@link ArgDecoder#UNREAD_TIMESPEC} when the timeout is only an address.
     * The three leading arguments of such a call hold no commas.
     */
    public static long timedWaitOnZeroNs(String args) {
        int value = args.indexOf(ZERO_THEN_TIMEOUT);
        if (value < 0) {
            int address = args.indexOf(ZERO_THEN_ADDRESS);
            int firstComma = args.indexOf(',');
            return address > 0 && firstComma > 0 && firstComma < address
                    && NumericValues.symbolicStartsWith(args, firstComma + 1, address, "FUTEX_WAIT")
                    ? ArgDecoder.UNREAD_TIMESPEC : -1;
        }
        int firstComma = args.indexOf(',');
        if (firstComma <= 0 || firstComma >= value
                || !NumericValues.symbolicStartsWith(args, firstComma + 1, value, "FUTEX_WAIT")) {
            return -1;
        }
        return ArgDecoder.timespecNanos(args, value + ZERO_THEN_TIMEOUT.length() - 1);
    }

    /** The futex word's address as printed, for a call {@link #timedWaitOnZeroNs} accepted. */
    public static String address(String args) {
        return args.substring(0, args.indexOf(','));
    }

    /** Whether a waiting or locking call gave a timeout: one that may run out rather than restart. */
    public static boolean hasTimeout(String args) {
        return ArgDecoder.decode("futex", args) instanceof SyscallArgs.Futex f && f.timeoutNanos() >= 0;
    }
}
