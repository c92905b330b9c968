package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.NumericArgs;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An event's named arguments as a read-only map over the event type's shared name list and the
 * decoded argument array: a few dozen bytes per event where a LinkedHashMap of boxed Longs took
 * about two hundred (the largest share of the heap on big traces, see bench/gotrace-bench.sh).
 * Iterates in wire order, like the LinkedHashMap it replaces.
 */
final class ArgMap extends AbstractMap<String, Long> implements NumericArgs {
    private final List<String> names;
    private final long[] values;
    private final int size;

    ArgMap(List<String> names, long[] values) {
        this.names = names;
        this.values = values;
        this.size = Math.min(names.size(), values.length);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Long get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public long valueOrZero(String name) {
        int i = indexOf(name);
        return i < 0 ? 0 : values[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (names.get(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Long> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names.get(i), values[i]);
                    }
                };
            }
        };
    }
}
