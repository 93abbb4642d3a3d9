package org.xmppboot.plugins.xep0004;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** The plugin announces data forms and raises an event for messages that carry one. */
class DataFormsPluginTest {

    @Test
    void announcesDataFormsAndRaisesMessageXform() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(DataForms.NAME);
            BlockingQueue<Object> forms = new LinkedBlockingQueue<>();
            BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("message_xform", forms::add);
            h.xmpp.addEventHandler("message", messages::add);
            h.start();

            assertThat(h.discoFeatures()).contains(DataForm.NAMESPACE);

            h.receive("<message from='a@example.com/r' id='m1'><body>fill this in</body>"
                    + XepExamples.BOT_CREATION_FORM + "</message>");
            Message withForm = (Message) forms.poll(5, TimeUnit.SECONDS);
            assertThat(withForm).isNotNull();
            assertThat(withForm.getForm().getTitle()).isEqualTo("Bot Configuration");
            assertThat(withForm.get("form")).isInstanceOf(DataForm.class);
            assertThat(messages.poll(5, TimeUnit.SECONDS)).as("the message still reaches other handlers")
                    .isNotNull();

            // A form with nonsense in it is still delivered: reading it is the bot's business.
            h.receive("<message from='a@example.com/r' id='m2'><x xmlns='jabber:x:data' type='bogus'>"
                    + "<field type='no-such-type'><value>1</value><value>2</value></field><field var='b'/></x>"
                    + "</message>");
            Message odd = (Message) forms.poll(5, TimeUnit.SECONDS);
            assertThat(odd.getForm().getFormType()).isNull();
            assertThat(odd.getForm().fields()).hasSize(2);

            h.receive("<message from='a@example.com/r' id='m3'><body>no form</body></message>");
            assertThat(messages.poll(5, TimeUnit.SECONDS)).as("m3; m2 has no body, so it is no 'message'")
                    .extracting(m -> ((Message) m).getId()).isEqualTo("m3");
            assertThat(forms.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aMessageCarriesAForm() {
        Message message = new Message(new XmlElement("message", "jabber:client"));
        assertThat(message.getForm()).isNull();
        DataForm form = DataForm.create(DataForm.Type.FORM).setTitle("Poll");
        form.addField("choice", FieldType.LIST_SINGLE).addOption("a", "A").addOption("b", "B");
        message.setForm(form);
        assertThat(message.getForm().field("choice").options()).hasSize(2);
        message.setForm(DataForm.cancel());
        assertThat(message.xml().elements("x", DataForm.NAMESPACE)).hasSize(1);
        assertThat(message.getForm().getFormType()).isEqualTo(DataForm.Type.CANCEL);
    }
}
