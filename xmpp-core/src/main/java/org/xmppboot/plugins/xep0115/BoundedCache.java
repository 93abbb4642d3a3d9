package org.xmppboot.plugins.xep0115;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A map that forgets its least recently used entry beyond a size. Thread-safe. */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int maxSize) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxSize;
            }
        };
    }

    synchronized @Nullable V get(K key) {
        return entries.get(key);
    }

    synchronized @Nullable V put(K key, V value) {
        return entries.put(key, value);
    }

    synchronized @Nullable V remove(K key) {
        return entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
