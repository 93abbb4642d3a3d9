package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0077.InBandRegistration;
import org.xmppboot.plugins.xep0077.InBandRegistrationConfig;
import org.xmppboot.plugins.xep0077.RegisterQuery;
import org.xmppboot.plugins.xep0077.RegistrationException;
import org.xmppboot.plugins.xep0077.RegistrationForm;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0077 with the XEP's examples over a scripted server: registration before SASL, the data form, refusals,
 * and the requests of a logged-in account (against Prosody: InBandRegistrationIntegrationTest).
 */
class InBandRegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** XEP-0077 Example 2. */
    private static final String BILLS_FORM = "<query xmlns='jabber:iq:register'><instructions>Choose a username "
            + "and password for use with this service. Please also provide your email address.</instructions>"
            + "<username/><password/><email/></query>";

    private ClientXMPP client = new ClientXMPP(config().build());
    private InMemoryTransport peer = new InMemoryTransport().secure();
    private boolean connected;

    private static ClientConfig.Builder config() {
        return ClientConfig.builder(Jid.of("bill@shakespeare.lit"), "Calliope").fetchRoster(false)
                .sendInitialPresence(false).reconnect(ReconnectPolicy.DISABLED)
                .stream(StreamConfig.defaults().withName("register"));
    }

    @AfterEach
    void close() throws Exception {
        if (!connected) {
            return;
        }
        client.disconnect();
        peer.receive("</stream:stream>");
        client.terminated().get(10, TimeUnit.SECONDS);
    }

    private void connectWithFeatures(InBandRegistration plugin) throws InterruptedException {
        client.registerPlugin(plugin);
        connected = true;
        client.connect(peer);
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        peer.receive("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS
                + "' from='shakespeare.lit' id='s1' version='1.0'><stream:features><mechanisms xmlns='" + SASL
                + "'><mechanism>PLAIN</mechanism></mechanisms>"
                + "<register xmlns='http://jabber.org/features/iq-register'/></stream:features>");
    }

    private XmlElement sent() throws InterruptedException {
        XmlElement sent = peer.nextSent(WAIT);
        assertThat(sent).as("sent within %s", WAIT).isNotNull();
        return sent;
    }

    private static String canonical(String xml) {
        return XmlElement.parse(xml).toXml();
    }

    /** The payload sent, compared with the expected XML (attributes of the iq aside from type). */
    private XmlElement expectIq(String type, String payload) throws InterruptedException {
        XmlElement iq = sent();
        assertThat(iq.name()).isEqualTo("iq");
        assertThat(iq.attribute("type")).isEqualTo(type);
        assertThat(iq.firstElement().toXml()).isEqualTo(canonical(payload));
        return iq;
    }

    @Test
    void theAccountIsRegisteredBeforeSaslWithTheFormsFieldsThenLogsIn() throws Exception {
        connectWithFeatures(new InBandRegistration(new InBandRegistrationConfig(true,
                Map.of("email", "bard@shakespeare.lit"))));
        // Example 1 and 2: the form; Example 4 and 5: the registration.
        XmlElement get = expectIq("get", "<query xmlns='jabber:iq:register'/>");
        peer.receive("<iq type='result' id='" + get.attribute("id") + "'>" + BILLS_FORM + "</iq>");
        XmlElement set = expectIq("set", "<query xmlns='jabber:iq:register'><username>bill</username>"
                + "<password>Calliope</password><email>bard@shakespeare.lit</email></query>");
        peer.receive("<iq type='result' id='" + set.attribute("id") + "'/>");
        // Then SASL, with the new account.
        XmlElement auth = sent();
        assertThat(auth.is("auth", SASL)).isTrue();
        assertThat(new String(java.util.Base64.getDecoder().decode(auth.text()))).isEqualTo("\0bill\0Calliope");
        assertThat(client.plugin(InBandRegistration.class).accountCreated()).isTrue();
    }

    @Test
    void aDataFormIsFilledAndSubmittedWithItsHiddenFields() throws Exception {
        connectWithFeatures(new InBandRegistration(new InBandRegistrationConfig(true,
                Map.of("first", "Juliet", "last", "Capulet", "email", "juliet@capulet.com", "x-gender", "F"))));
        XmlElement get = expectIq("get", "<query xmlns='jabber:iq:register'/>");
        // Example 9.
        peer.receive("<iq type='result' id='" + get.attribute("id") + "'><query xmlns='jabber:iq:register'>"
                + "<instructions>Use the enclosed form to register.</instructions>"
                + "<x xmlns='jabber:x:data' type='form'><title>Contest Registration</title>"
                + "<field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>"
                + "<field type='text-single' label='Given Name' var='first'><required/></field>"
                + "<field type='text-single' label='Family Name' var='last'><required/></field>"
                + "<field type='text-single' label='Email Address' var='email'><required/></field>"
                + "<field type='list-single' label='Gender' var='x-gender'><option label='Male'><value>M</value>"
                + "</option><option label='Female'><value>F</value></option></field></x></query></iq>");
        // Example 10, without the optional type and label attributes.
        expectIq("set", "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>jabber:iq:register</value></field>"
                + "<field var='first'><value>Juliet</value></field><field var='last'><value>Capulet</value></field>"
                + "<field var='email'><value>juliet@capulet.com</value></field>"
                + "<field var='x-gender'><value>F</value></field></x></query>");
    }

    @Test
    void aTakenNameFailsTheConnectionWithTheServersConflict() throws Exception {
        connectWithFeatures(new InBandRegistration(new InBandRegistrationConfig(true, Map.of())));
        XmlElement get = expectIq("get", "<query xmlns='jabber:iq:register'/>");
        peer.receive("<iq type='result' id='" + get.attribute("id") + "'><query xmlns='jabber:iq:register'>"
                + "<username/><password/></query></iq>");
        XmlElement set = sent();
        // Example 6.
        peer.receive("<iq type='error' id='" + set.attribute("id") + "'><query xmlns='jabber:iq:register'>"
                + "<username>bill</username><password>Calliope</password></query><error code='409' type='cancel'>"
                + "<conflict xmlns='" + STANZAS + "'/></error></iq>");
        assertThatThrownBy(() -> client.sessionFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(XmppNegotiationException.class)
                .cause().isInstanceOf(StanzaErrorException.class)
                .extracting(e -> ((StanzaErrorException) e).condition()).isEqualTo(StanzaError.Condition.CONFLICT);
        assertThat(client.plugin(InBandRegistration.class).accountCreated()).isFalse();

    }

    @Test
    void afterARefusedRegistrationTheNextConnectionJustLogsIn() throws Exception {
        client = new ClientXMPP(config().reconnect(ReconnectPolicy.backoff(Duration.ofMillis(10),
                Duration.ofMillis(10))).build());
        connectWithFeatures(new InBandRegistration(new InBandRegistrationConfig(true, Map.of())));
        XmlElement get = expectIq("get", "<query xmlns='jabber:iq:register'/>");
        peer.receive("<iq type='result' id='" + get.attribute("id") + "'><query xmlns='jabber:iq:register'>"
                + "<username/><password/></query></iq>");
        XmlElement set = sent();
        peer.receive("<iq type='error' id='" + set.attribute("id") + "'><error type='cancel'>"
                + "<conflict xmlns='" + STANZAS + "'/></error></iq>");
        assertThat(peer.nextSentEvent(WAIT)).as("the stream is closed").isInstanceOf(InMemoryTransport.End.class);
        peer.endInput();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !client.isConnected());

        // The account exists (with our password, or SASL will say so): log in without registering.
        peer = new InMemoryTransport().secure();
        client.connect(peer);
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        peer.receive("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS
                + "' from='shakespeare.lit' id='s2' version='1.0'><stream:features><mechanisms xmlns='" + SASL
                + "'><mechanism>PLAIN</mechanism></mechanisms>"
                + "<register xmlns='http://jabber.org/features/iq-register'/></stream:features>");
        assertThat(sent().is("auth", SASL)).isTrue();
    }

    @Test
    void aRequiredFieldWeWereNotGivenFailsBeforeAnythingIsSent() throws Exception {
        connectWithFeatures(new InBandRegistration(new InBandRegistrationConfig(true, Map.of())));
        XmlElement get = expectIq("get", "<query xmlns='jabber:iq:register'/>");
        peer.receive("<iq type='result' id='" + get.attribute("id") + "'>" + BILLS_FORM + "</iq>");
        assertThatThrownBy(() -> client.sessionFuture().get(5, TimeUnit.SECONDS))
                .hasMessageContaining("The server requires email, which we were not given");
        assertThat(peer.nextSent(Duration.ofMillis(200))).as("no registration, no auth").isNull();
    }

    @Test
    void theFormIsReadFromPlainFieldsOrFromTheDataForm() {
        RegistrationForm plain = RegistrationForm.of(new RegisterQuery(XmlElement.parse(BILLS_FORM)));
        assertThat(plain.fieldNames()).containsExactly("username", "password", "email");
        assertThat(plain.dataForm()).isFalse();
        assertThat(plain.instructions()).startsWith("Choose a username");
        assertThatThrownBy(() -> plain.fill(Map.of("username", "bill")))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("password, email")
                .extracting(e -> ((RegistrationException) e).condition())
                .isEqualTo(StanzaError.Condition.NOT_ACCEPTABLE);

        // Example 3: an account already registered.
        RegistrationForm registered = RegistrationForm.of(new RegisterQuery(XmlElement.parse(
                "<query xmlns='jabber:iq:register'><registered/><username>juliet</username>"
                        + "<password>R0m30</password><email>juliet@capulet.com</email></query>")));
        assertThat(registered.registered()).isTrue();
        assertThat(registered.fields().get(0).values()).containsExactly("juliet");
        Iq iq = new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='result'>" + BILLS_FORM + "</iq>"));
        assertThat(iq.get("register")).isInstanceOf(RegisterQuery.class);
        assertThat(((RegisterQuery) iq.get("register")).get("instructions")).asString().startsWith("Choose");
    }

    @Test
    void passwordChangeAndCancellationSendTheExamplesAndRefusalsAreExplained() throws Exception {
        try (StreamTester t = StreamTester.client("bill@shakespeare.lit/globe", new InBandRegistration())) {
            InBandRegistration registration = t.client().plugin(InBandRegistration.class);
            // Example 18 and 19.
            CompletableFuture<Void> change = registration.changePassword("newpass");
            XmlElement set = t.expectSent("<iq type='set' to='shakespeare.lit'><query xmlns='jabber:iq:register'>"
                    + "<username>bill</username><password>newpass</password></query></iq>",
                    StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' from='shakespeare.lit' id='" + set.attribute("id") + "'/>");
            change.get(5, TimeUnit.SECONDS);

            // Example 22: not-allowed.
            CompletableFuture<Void> refused = registration.changePassword("other");
            set = t.nextSent();
            t.recv("<iq type='error' from='shakespeare.lit' id='" + set.attribute("id") + "'><error code='405' "
                    + "type='cancel'><not-allowed xmlns='" + STANZAS + "'/></error></iq>");
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(RegistrationException.class)
                    .hasMessageContaining("Changing the password of bill@shakespeare.lit refused: the server does "
                            + "not allow it (not-allowed)");

            // Example 11 and 12: cancellation.
            CompletableFuture<Void> cancel = registration.cancelRegistration();
            set = t.expectSent("<iq type='set'><query xmlns='jabber:iq:register'><remove/></query></iq>",
                    StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' id='" + set.attribute("id") + "'/>");
            cancel.get(5, TimeUnit.SECONDS);
        }
    }
}
