package io.preemptscope.gotrace.v1;

/**
 * What the events of a batch leave implicit: the P, the goroutine it runs (which survives from one
 * batch of the P to its next), and the timestamp and 1.5 sequence number the deltas build on.
 */
final class BatchState {
    int p;
    long g;
    long ts;
    long seq;
}
