package org.xmppboot.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaBase;

/**
 * The filters of one direction, in order. Applied to every stanza and changed rarely, so a change builds a new
 * array and applying reads one volatile field and walks the array: no lock, no iterator.
 */
final class FilterChain {

    private record Registration(StanzaFilter filter, int order) {
    }

    private static final Registration[] NONE = {};

    private volatile Registration[] registrations = NONE;

    /** Adds a filter; lower {@code order} runs first, and equal orders keep the order they were added in. */
    synchronized void add(StanzaFilter filter, int order) {
        List<Registration> sorted = new ArrayList<>(Arrays.asList(registrations));
        sorted.add(new Registration(filter, order));
        sorted.sort(Comparator.comparingInt(Registration::order)); // stable
        registrations = sorted.toArray(NONE);
    }

    /** Removes every registration of the filter; false if there was none. */
    synchronized boolean remove(StanzaFilter filter) {
        Registration[] current = registrations;
        Registration[] kept = Arrays.stream(current).filter(r -> r.filter != filter).toArray(Registration[]::new);
        registrations = kept.length == 0 ? NONE : kept;
        return kept.length != current.length;
    }

    /** The stanza as the filters leave it, or null if one dropped it. */
    @Nullable StanzaBase apply(StanzaBase stanza) {
        StanzaBase current = stanza;
        for (Registration registration : registrations) {
            current = registration.filter.apply(current);
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
