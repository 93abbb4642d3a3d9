package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ComponentBalancing}: refused at the call when ejabberd would refuse it or crash on it. */
class ComponentBalancingTest {

    private static final EjabberdConfig.Ports PORTS = new EjabberdConfig.Ports(1, 2, 3, 4, 5);

    @ParameterizedTest
    @ValueSource(strings = {"random", "source", "destination", "bare_source", "bare_destination"})
    void everyEjabberdTypeIsWrittenWithItsComponentNumber(String type) {
        String yaml = EjabberdConfig.yaml(Path.of("/srv"), PORTS, "secret", new ComponentBalancing(type, 3));

        assertThat(yaml).contains("domain_balancing:\n  \"" + LocalServer.COMPONENT_DOMAIN + "\":\n    type: "
                + type + "\n    component_number: 3\n");
    }

    @Test
    void withoutBalancingTheConfigHasNoDomainBalancing() {
        assertThat(EjabberdConfig.yaml(Path.of("/srv"), PORTS, "secret", null)).doesNotContain("domain_balancing");
    }

    @Test
    void anUnknownTypeIsRefusedAtTheCall() {
        assertThatThrownBy(() -> LocalEjabberd.options().componentBalancing("round_robin", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("round_robin").hasMessageContaining("bare_source");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 1001})
    void aComponentNumberEjabberdRefusesIsRefusedAtTheCall(int componentNumber) {
        assertThatThrownBy(() -> LocalEjabberd.options().componentBalancing("bare_source", componentNumber))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("component_number must be 2 to 1000");
    }

    @Test
    void theBoundsAreAccepted() {
        assertThat(new ComponentBalancing("random", 2).componentNumber()).isEqualTo(2);
        assertThat(new ComponentBalancing("random", 1000).componentNumber()).isEqualTo(1000);
    }
}
