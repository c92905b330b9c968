package io.preemptscope.model.version;

/** What makes sysmon start over at 20 µs after a deep sleep (preemption-model.md §1.4). */
public enum DeepSleepReset {
    /** go1.13: always, after the deep-sleep branch. */
    ALWAYS,
    /** go1.14, go1.15: always, even when the next timer was already due and it did not sleep. */
    ALWAYS_EVEN_WITHOUT_SLEEP,
    /** go1.16+: only when a syscall-side notewakeup woke it, never after a timer timeout. */
    ONLY_ON_SYSCALL_WAKE
}
