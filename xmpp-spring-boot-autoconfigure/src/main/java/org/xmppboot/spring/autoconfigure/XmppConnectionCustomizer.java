package org.xmppboot.spring.autoconfigure;

import org.xmppboot.BaseXMPP;

/**
 * Adjusts the auto-configured connection before it starts: register handlers, filters or plugins, or set
 * stream options. Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface XmppConnectionCustomizer {

    void customize(BaseXMPP connection);
}
