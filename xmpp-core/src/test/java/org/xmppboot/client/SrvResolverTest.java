package org.xmppboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SrvResolverTest {

    @Test
    void parsesRecords() {
        assertThat(SrvResolver.parse("10 60 5222 xmpp1.example.org.")).isEqualTo(
                new SrvResolver.Srv(10, 60, 5222, "xmpp1.example.org"));
        assertThat(SrvResolver.parse("garbage")).isNull();
    }

    @Test
    void lowerPriorityFirstAndWeightsDrawnInProportion() {
        List<SrvResolver.Srv> records = List.of(
                new SrvResolver.Srv(20, 0, 5222, "backup"),
                new SrvResolver.Srv(10, 75, 5222, "big"),
                new SrvResolver.Srv(10, 25, 5222, "small"));
        Map<String, Integer> firsts = new HashMap<>();
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            List<SrvResolver.Srv> ordered = SrvResolver.order(records, random);
            assertThat(ordered).hasSize(3);
            assertThat(ordered.get(2).target()).as("priority 20 after priority 10").isEqualTo("backup");
            firsts.merge(ordered.get(0).target(), 1, Integer::sum);
        }
        // RFC 2782: within a priority, a record is picked first in proportion to its weight (75:25 here).
        assertThat(firsts.get("big")).isBetween(7_000, 8_000);
        assertThat(firsts.get("small")).isBetween(2_000, 3_000);
    }

    @Test
    void noRecordsFallsBackToTheDomainAndDirectTlsComesFirst() {
        SrvResolver none = new SrvResolver() {
            @Override
            protected List<Srv> lookup(String name) {
                return List.of();
            }
        };
        assertThat(none.resolve("example.org")).containsExactly(new HostAddress("example.org", 5222, false));

        SrvResolver both = new SrvResolver() {
            @Override
            protected List<Srv> lookup(String name) {
                return name.startsWith("_xmpps-client") ? List.of(new Srv(5, 0, 5223, "tls.example.org"))
                        : List.of(new Srv(5, 0, 5222, "tcp.example.org"));
            }
        };
        assertThat(both.resolve("example.org")).containsExactly(new HostAddress("tls.example.org", 5223, true),
                new HostAddress("tcp.example.org", 5222, false));
    }
}
