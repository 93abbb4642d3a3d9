package org.xmppboot.plugins.xep0050;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Item;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stream.StreamHarness;

/** Running another entity's commands, answered with the responses of XEP-0050's examples. */
class RemoteCommandTest {

    static final Jid RESPONDER = Jid.of("responder@domain");
    static final String NS = AdHocCommands.NAMESPACE;

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void listsTheCommandsOfAnEntity() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            AdHocCommands commands = new AdHocCommands();
            h.xmpp.registerPlugin(commands);
            h.start();
            CompletableFuture<List<Item>> list = commands.listCommands(RESPONDER);
            Iq request = new Iq(sent(h));
            assertThat(request.getQueryNamespace()).isEqualTo(ServiceDiscovery.ITEMS);
            assertThat(request.getPayload().attribute("node")).isEqualTo(NS);
            // Example 2
            h.receive("<iq type='result' to='requester@domain' from='responder@domain' id='" + request.getId()
                    + "'><query xmlns='http://jabber.org/protocol/disco#items' node='" + NS + "'>"
                    + "<item jid='responder@domain' node='list' name='List Service Configurations'/>"
                    + "<item jid='responder@domain' node='config' name='Configure Service'/></query></iq>");
            assertThat(await(list)).extracting(Item::node, Item::name).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("list", "List Service Configurations"),
                    org.assertj.core.groups.Tuple.tuple("config", "Configure Service"));
        }
    }

    @Test
    void stepsThroughAMultiStepCommand() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            AdHocCommands commands = new AdHocCommands();
            h.xmpp.registerPlugin(commands);
            h.start();

            CompletableFuture<RemoteCommand> started = commands.execute(RESPONDER, "config");
            Iq executeIq = new Iq(sent(h));
            assertThat(executeIq.get("command")).as("reachable by name").isInstanceOf(Command.class);
            Command execute = executeIq.extension(Command.SCHEMA);
            assertThat(execute.getNode()).isEqualTo("config");
            assertThat(execute.getActionValue()).isEqualTo("execute");
            assertThat(execute.getSessionId()).isNull();
            // Example 8
            reply(h, "<command xmlns='" + NS + "' sessionid='config:20020923T213616Z-700' node='config' "
                    + "status='executing'><actions execute='next'><next/></actions>"
                    + "<x xmlns='jabber:x:data' type='form'><title>Configure Service</title>"
                    + "<field var='service' label='Select the service to configure' type='list-single'>"
                    + "<option><value>httpd</value></option></field></x></command>");
            RemoteCommand command = await(started);
            assertThat(command.sessionId()).isEqualTo("config:20020923T213616Z-700");
            assertThat(command.isExecuting()).isTrue();
            assertThat(command.response().actions()).containsExactly(CommandAction.NEXT);
            assertThat(command.response().effectiveDefault()).isEqualTo(CommandAction.NEXT);
            assertThat(command.form().field("service")).isNotNull();

            DataForm filled = command.form().submit(Map.of("service", "httpd"));
            CompletableFuture<RemoteCommand> next = command.next(filled);
            Command nextRequest = new Iq(sent(h)).extension(Command.SCHEMA);
            assertThat(nextRequest.getActionValue()).isEqualTo("next");
            assertThat(nextRequest.getSessionId()).isEqualTo("config:20020923T213616Z-700");
            assertThat(nextRequest.getForm().field("service").getValue()).isEqualTo("httpd");
            // Example 10, without actions: complete is the only step (§3.4)
            reply(h, "<command xmlns='" + NS + "' sessionid='config:20020923T213616Z-700' node='config' "
                    + "status='executing'><x xmlns='jabber:x:data' type='form'/></command>");
            assertThat(await(next).response().allows(CommandAction.COMPLETE)).isTrue();
            assertThat(command.response().allows(CommandAction.NEXT)).isFalse();

            CompletableFuture<RemoteCommand> complete = command.complete(DataForm.create(DataForm.Type.SUBMIT));
            assertThat(new Iq(sent(h)).extension(Command.SCHEMA).getActionValue()).isEqualTo("complete");
            // Example 12
            reply(h, "<command xmlns='" + NS + "' sessionid='config:20020923T213616Z-700' node='config' "
                    + "status='completed'><note type='info'>Service 'httpd' has been configured.</note></command>");
            RemoteCommand done = await(complete);
            assertThat(done.isExecuting()).isFalse();
            assertThat(done.response().status()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(done.response().notes()).containsExactly(
                    CommandNote.info("Service 'httpd' has been configured."));
        }
    }

    @Test
    void anErrorFailsTheStepWithItsReason() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            AdHocCommands commands = new AdHocCommands();
            h.xmpp.registerPlugin(commands);
            h.start();
            CompletableFuture<RemoteCommand> started = commands.execute(RESPONDER, "config");
            sent(h);
            reply(h, "<command xmlns='" + NS + "' sessionid='s1' node='config' status='executing'>"
                    + "<actions><next/></actions></command>");
            RemoteCommand command = await(started);
            assertThat(command.response().effectiveDefault()).isEqualTo(CommandAction.NEXT);

            CompletableFuture<RemoteCommand> cancel = command.cancel();
            Iq request = new Iq(sent(h));
            assertThat(request.extension(Command.SCHEMA).getActionValue()).isEqualTo("cancel");
            h.receive("<iq type='error' from='responder@domain' id='" + request.getId() + "'><error type='modify'>"
                    + "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "<bad-sessionid xmlns='" + NS + "'/></error></iq>");
            assertThatThrownBy(() -> await(cancel)).isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(RemoteCommand.reasonOf(e))
                            .isEqualTo(CommandException.Reason.BAD_SESSIONID));
        }
    }

    private String lastId = "";

    /** The next stanza sent, whose id {@link #reply} answers. */
    private org.xmppboot.xml.XmlElement sent(StreamHarness h) throws InterruptedException {
        org.xmppboot.xml.XmlElement sent = h.nextSent();
        lastId = sent.attribute("id");
        return sent;
    }

    /** A result to the last request sent, carrying this payload. */
    private void reply(StreamHarness h, String payload) {
        h.receive("<iq type='result' from='responder@domain' to='requester@domain' id='" + lastId + "'>" + payload
                + "</iq>");
    }
}
