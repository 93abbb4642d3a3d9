package org.xmppboot.plugins.xep0202;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0202 §3's examples over the scripted transport. */
class EntityTimeTest {

    static final Instant EXAMPLE_UTC = Instant.parse("2006-12-19T17:58:35Z");

    /** XEP-0202 Examples 1 and 2, answered by us as Juliet, in Chicago's winter time (-06:00). */
    @Test
    void answersOurClockAndTheOffsetOfTheConfiguredZone() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new EntityTime(new EntityTimeConfig(ZoneId.of("America/Chicago")),
                    Clock.fixed(EXAMPLE_UTC, ZoneOffset.UTC)));
            h.start();

            h.receive("<iq type='get' from='romeo@montague.net/orchard' to='juliet@capulet.com/balcony' "
                    + "id='time_1'><time xmlns='urn:xmpp:time'/></iq>");
            Iq result = new Iq(h.nextSent());

            assertThat(result.getId()).isEqualTo("time_1");
            assertThat(result.getIqType()).isEqualTo(Iq.Type.RESULT);
            XmlElement time = result.getPayload();
            assertThat(time.is("time", EntityTime.NAMESPACE)).isTrue();
            assertThat(time.childText("tzo", EntityTime.NAMESPACE)).isEqualTo("-06:00");
            assertThat(time.childText("utc", EntityTime.NAMESPACE)).isEqualTo("2006-12-19T17:58:35Z");
        }
    }

    @Test
    void theDefaultZoneIsTheSystemsAndDaylightSavingTimeShows() throws Exception {
        Instant summer = Instant.parse("2006-07-19T17:58:35Z");
        try (StreamHarness h = new StreamHarness()) {
            EntityTime plugin = new EntityTime(EntityTimeConfig.DEFAULT, Clock.fixed(summer, ZoneOffset.UTC));
            h.xmpp.registerPlugin(plugin);
            h.start();

            h.receive("<iq type='get' from='a@example.com/r' id='t1'><time xmlns='urn:xmpp:time'/></iq>");
            assertThat(new Time(new Iq(h.nextSent()).getPayload()).getOffset())
                    .isEqualTo(ZoneId.systemDefault().getRules().getOffset(summer));

            plugin.configure(new EntityTimeConfig(ZoneId.of("America/Chicago")));
            h.receive("<iq type='get' from='a@example.com/r' id='t2'><time xmlns='urn:xmpp:time'/></iq>");
            assertThat(new Time(new Iq(h.nextSent()).getPayload()).getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
        }
    }

    @Test
    void loadsByNameAndAnnouncesTheFeature() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(EntityTime.NAME);
            h.start();
            assertThat(h.discoFeatures()).contains(EntityTime.NAMESPACE);
        }
    }

    /** XEP-0202 Examples 1 and 2, asked by us as Romeo. */
    @Test
    void readsAnotherEntitysTime() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            EntityTime plugin = new EntityTime();
            h.xmpp.registerPlugin(plugin);
            h.start();

            CompletableFuture<EntityTimeResult> answer =
                    plugin.getTime(Jid.of("juliet@capulet.com/balcony"), Duration.ofSeconds(5));
            Iq request = new Iq(h.nextSent());
            assertThat(request.getIqType()).isEqualTo(Iq.Type.GET);
            assertThat(request.getPayload().is("time", EntityTime.NAMESPACE)).isTrue();
            assertThat(request.getPayload().elements()).isEmpty();
            h.receive("<iq type='result' from='juliet@capulet.com/balcony' id='" + request.getId() + "'>"
                    + "<time xmlns='urn:xmpp:time'><tzo>-06:00</tzo><utc>2006-12-19T17:58:35Z</utc></time></iq>");

            EntityTimeResult time = answer.get(5, TimeUnit.SECONDS);
            assertThat(time.utc()).isEqualTo(EXAMPLE_UTC);
            assertThat(time.offset()).isEqualTo(ZoneOffset.ofHours(-6));
            assertThat(time.localTime()).isEqualTo(OffsetDateTime.parse("2006-12-19T11:58:35-06:00"));
        }
    }

    @Test
    void aMalformedAnswerFailsTheQuery() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            EntityTime plugin = new EntityTime();
            h.xmpp.registerPlugin(plugin);
            h.start();

            for (String payload : new String[] {
                    "<time xmlns='urn:xmpp:time'><tzo>-06:00</tzo><utc>tea time</utc></time>",
                    "<time xmlns='urn:xmpp:time'><tzo>Chicago</tzo><utc>2006-12-19T17:58:35Z</utc></time>",
                    "<time xmlns='urn:xmpp:time'><utc>2006-12-19T17:58:35Z</utc></time>",
                    "<time xmlns='urn:xmpp:other'><tzo>-06:00</tzo><utc>2006-12-19T17:58:35Z</utc></time>", ""}) {
                CompletableFuture<EntityTimeResult> answer = plugin.getTime(Jid.of("juliet@capulet.com/b"), null);
                String id = new Iq(h.nextSent()).getId();
                h.receive("<iq type='result' from='juliet@capulet.com/b' id='" + id + "'>" + payload + "</iq>");
                assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).as(payload)
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProtocolException.class);
            }
        }
    }
}
