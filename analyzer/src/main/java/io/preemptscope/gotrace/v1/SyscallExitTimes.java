package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.util.LongMap;

/**
 * GoSysExit is written when the goroutine gets a P back; its argument holds the real exit time.
 * It can only be moved there after the merge, or broken clocks would misplace it. Events go through
 * in merged order.
 */
final class SyscallExitTimes {
    private final LongMap<long[]> lastSysBlock = new LongMap<>();

    void accept(V1Event ev) throws GoTraceFormatException {
        switch (ev.type) {
            case GO_SYS_BLOCK, GO_IN_SYSCALL -> {
                long[] at = lastSysBlock.get(ev.g);
                if (at == null) {
                    lastSysBlock.put(ev.g, new long[] {ev.ts});
                } else {
                    at[0] = ev.ts;
                }
            }
            case GO_SYS_EXIT -> {
                long ts = ev.args[2];
                if (ts == 0) {
                    return;
                }
                long[] block = lastSysBlock.get(ev.g);
                if (block == null || block[0] == 0) {
                    throw new GoTraceFormatException(ev.offset, "stray syscall exit: g " + ev.g
                            + " has no GoSysBlock or GoInSyscall before it");
                }
                if (ts < block[0]) {
                    throw new GoTraceFormatException(ev.offset, "time stamps out of order: syscall exit of g "
                            + ev.g + " is before its GoSysBlock");
                }
                ev.ts = ts;
            }
            default -> { }
        }
    }
}
