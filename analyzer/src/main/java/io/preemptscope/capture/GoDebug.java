package io.preemptscope.capture;

import java.util.ArrayList;
import java.util.List;

/** GODEBUG is a comma-separated list of key=value settings; the runtime lets the last one of a key win. */
final class GoDebug {
    private GoDebug() {}

    /**
     * {@code existing} with {@code key} set to {@code value}: the user's other settings are kept in
     * their order, every earlier {@code key} entry is dropped and the new one goes last, so no
     * runtime version can read an older value.
     */
    static String merge(String existing, String key, String value) {
        List<String> kept = new ArrayList<>();
        if (existing != null) {
            for (String entry : existing.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty() || trimmed.equals(key) || trimmed.startsWith(key + "=")) {
                    continue;
                }
                kept.add(entry);
            }
        }
        kept.add(key + "=" + value);
        return String.join(",", kept);
    }

    /** The value of {@code key} the runtime would use (the last entry wins), or null when unset. */
    static String value(String godebug, String key) {
        String value = null;
        for (String entry : godebug.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.startsWith(key + "=")) {
                value = trimmed.substring(key.length() + 1);
            }
        }
        return value;
    }
}
