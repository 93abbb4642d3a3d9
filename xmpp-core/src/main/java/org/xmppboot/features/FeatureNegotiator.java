package org.xmppboot.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/**
 * Runs the registered {@link StreamFeature}s, in order, over each {@code <stream:features/>} the server sends,
 * as slixmpp's {@code register_feature} does: a feature that starts an exchange holds the rest until it calls
 * {@link Negotiation#proceed()} (or the stream restarts and new features arrive). Read thread only.
 */
public final class FeatureNegotiator {

    private final List<StreamFeature> features = new CopyOnWriteArrayList<>();
    private @Nullable XmlElement current;
    private int next;

    public FeatureNegotiator(List<? extends StreamFeature> features) {
        features.forEach(this::register);
    }

    /** Adds a feature, replacing one of the same name. */
    public void register(StreamFeature feature) {
        List<StreamFeature> updated = new ArrayList<>(features);
        updated.removeIf(f -> f.name().equals(feature.name()));
        updated.add(feature);
        updated.sort(Comparator.comparingInt(StreamFeature::order));
        features.clear();
        features.addAll(updated);
    }

    /** The features in the order they run. */
    public List<StreamFeature> features() {
        return List.copyOf(features);
    }

    /** A new connection: every feature starts afresh. */
    public void reset() {
        current = null;
        next = 0;
        features.forEach(StreamFeature::reset);
    }

    /**
     * The server advertised its features: run them from the first.
     *
     * @return true when every feature has run (none is pending)
     */
    public boolean onFeatures(XmlElement advertised, Negotiation negotiation) {
        current = advertised;
        next = 0;
        return proceed(negotiation);
    }

    /**
     * Runs the features after the last one that ran, until one is pending.
     *
     * @return true when every feature has run over the current features
     */
    public boolean proceed(Negotiation negotiation) {
        XmlElement advertised = current;
        if (advertised == null) {
            return false;
        }
        while (next < features.size()) {
            StreamFeature feature = features.get(next++);
            if (feature.negotiate(advertised, negotiation) == StreamFeature.Outcome.PENDING) {
                return false;
            }
        }
        current = null;
        return true;
    }

    /** Whether a top-level element belongs to a feature's exchange (and so passes before the session). */
    public boolean handles(XmlElement element) {
        return owner(element) != null;
    }

    /** Gives a feature's element to the feature. */
    public void receive(XmlElement element, Negotiation negotiation) {
        StreamFeature feature = owner(element);
        if (feature != null) {
            feature.receive(element, negotiation);
        }
    }

    private @Nullable StreamFeature owner(XmlElement element) {
        String namespace = element.namespace();
        for (StreamFeature feature : features) {
            if (feature.namespaces().contains(namespace)) {
                return feature;
            }
        }
        return null;
    }
}
