package io.preemptscope.analysis.join;

/**
 * Which kernel thread a Go trace's M ran on.
 *
 * @param m the runtime M number (Go ≤1.21 traces), or the OS thread id a Go 1.22+ trace names
 * @param tid strace's TID
 * @param confidence 1 when the trace names the thread; otherwise (agreeing + 1) / (all + 2) over
 *     the timing matches and the clone order, so one unopposed clue gives 2/3 and none gives no map
 * @param basis what the mapping rests on, in words
 * @param signalMatches async preemptions of the M that follow a SIGURG delivery to the thread
 * @param syscallMatches traced syscall entries of the M that the thread entered next
 * @param cloneOrder whether the thread was created in the M's place in the clone order (null when
 *     the capture does not show the process start)
 */
public record ThreadMapping(long m, int tid, double confidence, String basis, int signalMatches, int syscallMatches,
        Boolean cloneOrder) {}
