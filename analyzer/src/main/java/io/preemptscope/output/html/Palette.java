package io.preemptscope.output.html;

import java.awt.Color;

/**
 * One colour per meaning, from the Okabe–Ito palette (distinguishable with the common colour
 * vision deficiencies); the page's CSS uses the same values.
 */
final class Palette {
    static final Color ASYNC = new Color(0x0072B2);
    static final Color COOPERATIVE = new Color(0xCC79A7);
    static final Color WARNING = new Color(0xE69F00);
    static final Color ERROR = new Color(0xD55E00);
    static final Color OK = new Color(0x009E73);
    static final Color SENT = new Color(0x56B4E9);
    static final Color OTHER = new Color(0x999999);
    static final Color BAND = new Color(0xF0, 0xE4, 0x42, 0x70);
    static final Color GRID = new Color(0xDDDDDD);
    static final Color INK = new Color(0x222222);

    private Palette() {}
}
