package io.preemptscope.util;

import java.util.function.IntFunction;

/**
 * A map from int keys (thread ids) to values without boxing: per-event state lookups are the
 * replay's hottest path, and threads alternate too often for a one-entry cache to help. The
 * table is a {@link LongMap}; this only keeps int in the signatures.
 */
public final class IntMap<V> {
    private final LongMap<V> map = new LongMap<>();

    public V get(int key) {
        return map.get(key);
    }

    public V computeIfAbsent(int key, IntFunction<V> create) {
        V v = map.get(key);
        if (v == null) {
            v = create.apply(key);
            map.put(key, v);
        }
        return v;
    }

    public void put(int key, V value) {
        map.put(key, value);
    }

    public void remove(int key) {
        map.remove(key);
    }

    public int size() {
        return map.size();
    }

    /** Every entry, in no particular order. */
    public void forEach(java.util.function.ObjIntConsumer<V> action) {
        map.forEach((key, value) -> action.accept(value, (int) key));
    }
}
