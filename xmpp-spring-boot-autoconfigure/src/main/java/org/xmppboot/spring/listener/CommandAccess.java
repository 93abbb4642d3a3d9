package org.xmppboot.spring.listener;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.jid.JidFormatException;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/**
 * Who may run an {@code @XmppCommand}: the annotation's SpEL condition over {@code #from} and {@code #xmpp},
 * and the allow-list property {@code xmpp.commands.<node>.allow}, both when both are given.
 *
 * <p>An allow-list entry is a domain ({@code example.org}: anyone there), a bare JID ({@code admin@example.org}:
 * any of their resources) or a full JID (that resource only).
 */
final class CommandAccess implements Predicate<Jid> {

    private final @Nullable HandlerCondition condition;
    private final @Nullable List<Jid> allowed;
    private final BaseXMPP xmpp;

    private CommandAccess(@Nullable HandlerCondition condition, @Nullable List<Jid> allowed, BaseXMPP xmpp) {
        this.condition = condition;
        this.allowed = allowed;
        this.xmpp = xmpp;
    }

    /** The property that lists who may run a command: {@code xmpp.commands[<node>].allow}. */
    static String allowProperty(String node) {
        return "xmpp.commands[" + node + "].allow";
    }

    /**
     * @throws IllegalStateException naming the method, for a condition that does not parse or an allow-list
     *     entry that is not a JID
     */
    static CommandAccess create(String condition, String node, Method method, Environment environment,
            BaseXMPP xmpp) {
        return new CommandAccess(HandlerCondition.parse(condition, method), allowList(node, method, environment),
                xmpp);
    }

    private static @Nullable List<Jid> allowList(String node, Method method, Environment environment) {
        String property = allowProperty(node);
        if (!ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        List<String> entries = Binder.get(environment).bind(property, Bindable.listOf(String.class)).orElse(null);
        if (entries == null) {
            return null;
        }
        try {
            return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(Jid::of).toList();
        } catch (JidFormatException e) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": " + property + " lists "
                    + "something that is not a JID or domain: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean test(Jid requester) {
        return allowed(requester) && (condition == null || condition.test(requester, from(requester), xmpp));
    }

    private boolean allowed(Jid requester) {
        if (allowed == null) {
            return true;
        }
        for (Jid entry : allowed) {
            if (entry.equals(requester) || entry.isBare() && entry.equals(requester.bare())
                    || entry.equals(entry.domainJid()) && entry.domain().equals(requester.domain())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The condition reads {@code #from} from a stanza; access is also decided without one (listing the commands
     * to a requester), so the requester is given as the sender of an otherwise empty iq.
     */
    private static Iq from(Jid requester) {
        Iq probe = new Iq(new XmlElement("iq", "jabber:client"));
        probe.setFrom(requester);
        return probe;
    }
}
