package org.xmppboot.spring.autoconfigure;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code xmpp.mode} is set to neither {@code client} nor {@code component} (compared as Spring Boot
 * binds an enum: case and dashes aside), which would otherwise leave the application without a connection bean
 * and fail far from the cause.
 */
class UnknownModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String mode = context.getEnvironment().getProperty("xmpp.mode");
        if (mode == null) {
            return false;
        }
        String normalized = mode.strip().replace("-", "").replace("_", "");
        return !normalized.equalsIgnoreCase("client") && !normalized.equalsIgnoreCase("component");
    }
}
