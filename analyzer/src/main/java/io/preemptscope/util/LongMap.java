package io.preemptscope.util;

import java.util.function.LongFunction;

/**
 * A map from long keys (goroutine ids, stack ids) to values without boxing: decoding a large Go
 * trace looks goroutine state up for every event, and a boxed key per lookup was most of the
 * garbage. Open addressing with linear probing; removal shifts entries back, so no tombstones pile
 * up.
 */
public final class LongMap<V> {
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    public boolean containsKey(long key) {
        return get(key) != null;
    }

    public V computeIfAbsent(long key, LongFunction<V> create) {
        V v = get(key);
        if (v == null) {
            v = create.apply(key);
            put(key, v);
        }
        return v;
    }

    /** Stores the value under the key; true when the key was not there before. */
    public boolean put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not stored");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        boolean added = values[i] == null;
        if (added) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
        return added;
    }

    public void remove(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        // shift back the entries that probed past the freed slot
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    /** Receives one entry; keys stay primitive. */
    public interface EntryConsumer<V> {
        void accept(long key, V value);
    }

    /** Every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(EntryConsumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], cast(oldValues[i]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private V cast(Object o) {
        return (V) o;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
