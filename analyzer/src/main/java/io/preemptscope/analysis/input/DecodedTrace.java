package io.preemptscope.analysis.input;

import io.preemptscope.gotrace.decode.GoTraceInput;

/** A Go execution trace among the inputs, read and checked whole once; replays decode it again. */
public record DecodedTrace(String name, GoTraceInput trace) {}
