package org.xmppboot.sm;

import java.util.Objects;
import java.util.Set;

import org.xmppboot.features.Negotiation;
import org.xmppboot.features.StreamFeature;
import org.xmppboot.xml.XmlElement;

/**
 * What the two stream management features share: one {@link StreamManagement}, the namespace of its elements (both
 * declare it; the first in order receives them, and hands them to the shared state), and the reset per connection.
 */
abstract class SmFeature implements StreamFeature {

    final StreamManagement sm;
    private final String name;
    private final int order;

    SmFeature(StreamManagement sm, String name, int order) {
        this.sm = Objects.requireNonNull(sm, "sm");
        this.name = name;
        this.order = order;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public final Set<String> namespaces() {
        return Set.of(SmElements.NAMESPACE);
    }

    @Override
    public final void reset() {
        sm.connectionStarting();
    }

    @Override
    public final void receive(XmlElement element, Negotiation negotiation) {
        sm.receive(element, negotiation);
    }
}
