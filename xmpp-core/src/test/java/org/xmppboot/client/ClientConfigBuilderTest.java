package org.xmppboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sm.StreamManagementConfig;

class ClientConfigBuilderTest {

    @Test
    void toBuilderKeepsEverySettingAndChangesOnlyWhatItIsTold() {
        ClientConfig config = ClientConfig.builder("bot@example.org", "secret").host("xmpp.example.org", 5299)
                .tls(TlsMode.DIRECT).connectTimeout(Duration.ofSeconds(3)).mechanisms("SCRAM-SHA-256")
                .retryWithoutChannelBinding(false).fetchRoster(false).sendInitialPresence(false)
                .reconnect(ReconnectPolicy.DISABLED).streamManagement(StreamManagementConfig.DISABLED).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        ClientConfig changed = config.toBuilder().fetchRoster(true).build();
        assertThat(changed.fetchRoster()).isTrue();
        assertThat(changed).isEqualTo(config.toBuilder().fetchRoster(true).build());
        assertThat(changed.mechanisms()).isEqualTo(config.mechanisms());
    }
}
