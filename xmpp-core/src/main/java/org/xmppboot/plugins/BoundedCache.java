package org.xmppboot.plugins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A map that forgets its least recently used entry beyond a size: what plugins remember of the entities they
 * meet (capabilities, contacts' habits) stays bounded however many there are. Thread-safe.
 */
public final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    public BoundedCache(int maxSize) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxSize;
            }
        };
    }

    public synchronized @Nullable V get(K key) {
        return entries.get(key);
    }

    public synchronized @Nullable V put(K key, V value) {
        return entries.put(key, value);
    }

    public synchronized @Nullable V remove(K key) {
        return entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The value for the key, made and remembered first if there is none. */
    public synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
        return entries.computeIfAbsent(key, make);
    }
}
