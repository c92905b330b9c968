/**
 * The reference model of Go preemption and Linux signal semantics.
 *
 * <p>Kept free of I/O and of any knowledge of how captures are parsed, so that the same rules can
 * check a capture and drive a deterministic simulator.
 */
package io.preemptscope.model;
