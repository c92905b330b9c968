package io.preemptscope.analysis;

/**
 * SIGURG deliveries split by who asked: sysmon (retake's requests for a time slice past
 * forcePreemptNS) or any other thread (the GC's suspendG, stop-the-world and forEachP). The two
 * are mixed in a busy program, and only sysmon's say anything about time slices.
 */
final class SigurgBySender {
    /** The sender of a delivery whose tgkill the capture does not show. */
    static final int UNSEEN = -1;
    /**
     * Deliveries held while the sysmon thread is not yet known (a capture attached to a running
     * program). Beyond this many, the split is not reported rather than guessed.
     */
    private static final int HELD = 1024;

    private final Figures sysmon = new Figures();
    private final Figures others = new Figures();
    private final Figures unseen = new Figures();
    private int[] heldSender;
    private long[] heldRun;
    private long[] heldLatency;
    private int held;
    private boolean overflowed;

    /**
     * @param sysmonTid the sysmon thread as known now, -1 while it is not
     * @param runNs how long the thread had run user code since its last syscall, -1 when the
     *     signal interrupted a syscall or a handler instead
     * @param latencyNs from the sender's tgkill to the delivery, -1 for {@link #UNSEEN}
     */
    void delivered(int senderTid, int sysmonTid, long runNs, long latencyNs) {
        if (senderTid == UNSEEN) {
            unseen.add(runNs, latencyNs);
        } else if (sysmonTid >= 0) {
            (senderTid == sysmonTid ? sysmon : others).add(runNs, latencyNs);
        } else {
            hold(senderTid, runNs, latencyNs);
        }
    }

    private void hold(int senderTid, long runNs, long latencyNs) {
        if (held == HELD) {
            overflowed = true;
            return;
        }
        if (heldSender == null) {
            heldSender = new int[HELD];
            heldRun = new long[HELD];
            heldLatency = new long[HELD];
        }
        heldSender[held] = senderTid;
        heldRun[held] = runNs;
        heldLatency[held] = latencyNs;
        held++;
    }

    /**
     * @param sentBySysmon tgkill(SIGURG) calls from the sysmon thread, of {@code sent} in all
     * @param runsMeasured whether the gaps between a thread's syscalls are user code (see
     *     ReplayMetrics#runsObservable): otherwise only the deliveries are
     * @return null when sysmon was never found, or found too late to tell the senders apart
     */
    AnalysisMetrics.SigurgSenders result(int sysmonTid, long sent, long sentBySysmon, boolean runsMeasured) {
        if (sysmonTid < 0 || overflowed) {
            return null;
        }
        for (int i = 0; i < held; i++) {
            (heldSender[i] == sysmonTid ? sysmon : others).add(heldRun[i], heldLatency[i]);
        }
        held = 0;
        return new AnalysisMetrics.SigurgSenders(sysmon.result(sentBySysmon, runsMeasured),
                others.result(sent - sentBySysmon, runsMeasured), unseen.result(null, runsMeasured));
    }

    private static final class Figures {
        private final Durations runs = new Durations();
        private final Durations latencies = new Durations();
        private long delivered;

        void add(long runNs, long latencyNs) {
            delivered++;
            if (runNs >= 0) {
                runs.record(runNs);
            }
            if (latencyNs >= 0) {
                latencies.record(latencyNs);
            }
        }

        /** @param sent null for deliveries whose sending the capture does not show */
        AnalysisMetrics.SigurgSender result(Long sent, boolean runsMeasured) {
            return new AnalysisMetrics.SigurgSender(sent, delivered,
                    runsMeasured ? runs.latency() : new Durations().latency(), sent == null ? null : latencies.latency());
        }
    }
}
