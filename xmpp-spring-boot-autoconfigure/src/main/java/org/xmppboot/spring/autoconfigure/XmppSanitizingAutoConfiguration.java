package org.xmppboot.spring.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the XMPP password and component secret out of {@code /actuator/configprops} and {@code /actuator/env}
 * even where an application shows property values ({@code management.endpoint.*.show-values=always}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class XmppSanitizingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "xmppSecretsSanitizer")
    SanitizingFunction xmppSecretsSanitizer() {
        return data -> isSecret(data) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }

    private static boolean isSecret(SanitizableData data) {
        String key = data.getKey().toLowerCase(Locale.ROOT);
        return key.equals("xmpp.password") || key.equals("xmpp.component.secret")
                // configprops reports keys relative to the bean's prefix
                || key.equals("password") || key.equals("secret");
    }
}
