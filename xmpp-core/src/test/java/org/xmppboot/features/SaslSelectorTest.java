package org.xmppboot.features;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.xmppboot.sasl.ChannelBinding;
import org.xmppboot.sasl.ChannelBindings;
import org.xmppboot.sasl.Credentials;

class SaslSelectorTest {

    private static final Set<String> PLUS_OFFER = offer("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1",
            "PLAIN");
    private static final SaslSelector SELECTOR = new SaslSelector(SaslSelector.PASSWORD_MECHANISMS,
            new Credentials("user", "pencil", null), true);

    /** A TLS layer that can produce only the given binding types. */
    private static ChannelBindings channel(String protocol, String... producible) {
        return new ChannelBindings() {
            @Override
            public String protocol() {
                return protocol;
            }

            @Override
            public @Nullable ChannelBinding binding(String type) {
                return List.of(producible).contains(type) ? new ChannelBinding(type, new byte[] {1}) : null;
            }
        };
    }

    private static Set<String> offer(String... mechanisms) {
        return new LinkedHashSet<>(List.of(mechanisms));
    }

    /** The mechanism and the gs2 header it sends first. */
    private static Map.Entry<String, String> chosen(SaslSelector.@Nullable Choice choice) throws Exception {
        assertThat(choice).isNotNull();
        String initial = new String(choice.mechanism().initialResponse(), UTF_8);
        return Map.entry(choice.mechanism().name(), initial.substring(0, initial.indexOf("n=", 2)));
    }

    @Test
    void anAnnouncedTypeThisJvmCanProduceIsUsedWhateverItsPlaceInTheList() throws Exception {
        // Java 17: no exporter. The server lists tls-exporter first; tls-server-end-point is still ours to give.
        var choice = SELECTOR.choose(PLUS_OFFER, List.of("tls-exporter", "tls-server-end-point"),
                channel("TLSv1.3", "tls-server-end-point"), true, true);
        assertThat(chosen(choice)).isEqualTo(Map.entry("SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,"));
        assertThat(choice.bindingAssumed()).isFalse();
    }

    @Test
    void theStrongerAnnouncedTypeWinsWhenBothCanBeProduced() throws Exception {
        var choice = SELECTOR.choose(PLUS_OFFER, List.of("tls-server-end-point", "tls-exporter"),
                channel("TLSv1.3", "tls-exporter", "tls-server-end-point"), true, true);
        assertThat(chosen(choice)).isEqualTo(Map.entry("SCRAM-SHA-256-PLUS", "p=tls-exporter,,"));
    }

    @Test
    void onlyTypesWeCannotProduceAnnouncedMeansNoPlusAndFlagN() throws Exception {
        var choice = SELECTOR.choose(PLUS_OFFER, List.of("tls-unique"),
                channel("TLSv1.2", "tls-server-end-point"), true, true);
        assertThat(chosen(choice)).as("n: the server offered -PLUS, we cannot give the type it takes")
                .isEqualTo(Map.entry("SCRAM-SHA-256", "n,,"));
        assertThat(choice.reason()).contains("tls-unique");
    }

    @Test
    void withoutAnnouncementTls13UsesTheExporterDefaultAndSaysItIsAssumed() throws Exception {
        var choice = SELECTOR.choose(PLUS_OFFER, null, channel("TLSv1.3", "tls-exporter", "tls-server-end-point"),
                true, true);
        assertThat(chosen(choice)).isEqualTo(Map.entry("SCRAM-SHA-256-PLUS", "p=tls-exporter,,"));
        assertThat(choice.bindingAssumed()).isTrue();
    }

    @Test
    void withoutAnnouncementNoPlusWhenTheTlsDefaultCannotBeProduced() throws Exception {
        // Java 17 on TLS 1.3 (no exporter), and TLS 1.2 anywhere (tls-unique): never guess tls-server-end-point.
        assertThat(chosen(SELECTOR.choose(PLUS_OFFER, null, channel("TLSv1.3", "tls-server-end-point"), true, true)))
                .isEqualTo(Map.entry("SCRAM-SHA-256", "n,,"));
        assertThat(chosen(SELECTOR.choose(PLUS_OFFER, null,
                channel("TLSv1.2", "tls-exporter", "tls-server-end-point"), true, true)))
                .isEqualTo(Map.entry("SCRAM-SHA-256", "n,,"));
    }

    @Test
    void aServerOfferingNoPlusGetsFlagYWhenWeCouldBind() throws Exception {
        Set<String> stripped = offer("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(chosen(SELECTOR.choose(stripped, null, channel("TLSv1.3", "tls-server-end-point"), true, true)))
                .as("y: a server that does bind detects the stripped offer")
                .isEqualTo(Map.entry("SCRAM-SHA-256", "y,,"));
        assertThat(chosen(SELECTOR.choose(stripped, null, null, true, true)))
                .isEqualTo(Map.entry("SCRAM-SHA-256", "n,,"));
    }

    @Test
    void afterARefusedBindingPlusIsLeftOut() throws Exception {
        var choice = SELECTOR.choose(PLUS_OFFER, null, channel("TLSv1.3", "tls-exporter"), true, false);
        assertThat(chosen(choice)).isEqualTo(Map.entry("SCRAM-SHA-256", "n,,"));
        assertThat(choice.bindingAssumed()).isFalse();
    }

    @Test
    void plainOnlyOverTlsAndNothingWhenNothingFits() throws Exception {
        assertThat(SELECTOR.choose(offer("PLAIN"), null, null, false, true)).isNull();
        assertThat(SELECTOR.choose(offer("PLAIN"), null, null, true, true).mechanism().name()).isEqualTo("PLAIN");
        assertThat(SELECTOR.choose(offer("DIGEST-MD5"), null, null, true, true)).isNull();
    }

    @Test
    void theConfiguredOrderDecidesAmongOfferedMechanisms() throws Exception {
        SaslSelector sha1First = new SaslSelector(List.of("SCRAM-SHA-1", "SCRAM-SHA-256"),
                new Credentials("user", "pencil", null), true);
        assertThat(sha1First.choose(PLUS_OFFER, null, null, true, true).mechanism().name()).isEqualTo("SCRAM-SHA-1");
    }
}
