package io.preemptscope.gotrace;

import java.util.Map;

/** Formats an event like go1.19's trace.Event.String(), the line format of {@code go tool trace -d}. */
final class DumpFormat {
    private DumpFormat() {}

    static String line(GoEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.tsNs()).append(' ').append(e.name()).append(" p=").append(e.p()).append(" g=")
                .append(Long.toUnsignedString(e.g())).append(" off=").append(e.offset());
        for (Map.Entry<String, Long> a : e.args().entrySet()) {
            sb.append(' ').append(a.getKey()).append('=').append(Long.toUnsignedString(a.getValue()));
        }
        for (Map.Entry<String, String> a : e.stringArgs().entrySet()) {
            sb.append(' ').append(a.getKey()).append('=').append(a.getValue());
        }
        return sb.toString();
    }
}
