package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;

/**
 * An ordered v2 event: the format-neutral {@link GoEvent} (P and G of the thread before the event;
 * -1 and 0 when none) plus what v2 adds, the OS thread id of the batch it came from.
 *
 * @param thread Linux thread id (the M's procid), or -1 for events outside any thread
 * @param generation the generation the event belongs to
 */
public record V2Event(GoEvent event, long thread, long generation) {}
