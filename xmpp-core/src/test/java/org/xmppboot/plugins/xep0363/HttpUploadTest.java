package org.xmppboot.plugins.xep0363;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0066.OutOfBandData;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/** XEP-0363 over a scripted peer with the XEP's own examples, and a local HTTP server taking the PUT. */
class HttpUploadTest {

    private static final Jid ROMEO = Jid.of("romeo@montague.tld/garden");
    private static final Jid SERVICE = Jid.of("upload.montague.tld");
    /** XEP-0363 Example 2: the server's items. */
    private static final String ITEMS = "<query xmlns='http://jabber.org/protocol/disco#items'>"
            + "<item jid='upload.montague.tld' name='HTTP File Upload' />"
            + "<item jid='conference.montague.tld' name='Chatroom Service' /></query>";
    /** XEP-0363 Example 4: the service's information, with a maximum of 5 MiB. */
    private static final String INFO = "<query xmlns='http://jabber.org/protocol/disco#info'>"
            + "<identity category='store' type='file' name='HTTP File Upload' />"
            + "<feature var='urn:xmpp:http:upload:0' /><x type='result' xmlns='jabber:x:data'>"
            + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:http:upload:0</value></field>"
            + "<field var='max-file-size'><value>5242880</value></field></x></query>";
    private static final String REQUEST = "<request xmlns='urn:xmpp:http:upload:0' filename='très cool.jpg' "
            + "size='23456' content-type='image/jpeg' />";
    /** XEP-0363 Example 11: the file is too large. */
    private static final String TOO_LARGE = REQUEST + "<error type='modify'>"
            + "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' />"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>File too large. The maximum file size is 20000 "
            + "bytes</text><file-too-large xmlns='urn:xmpp:http:upload:0'><max-file-size>20000</max-file-size>"
            + "</file-too-large></error>";
    /** XEP-0363 Example 12: a quota reached. */
    private static final String QUOTA = REQUEST + "<error type='wait'>"
            + "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' />"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Quota reached. You can only upload 5 files in 5 "
            + "minutes</text><retry xmlns='urn:xmpp:http:upload:0' stamp='2017-12-03T23:42:05Z' /></error>";
    /** XEP-0363 Example 13: not allowed. */
    private static final String FORBIDDEN = REQUEST + "<error type='auth'>"
            + "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' />"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Only premium members are allowed to upload files"
            + "</text></error>";

    @TempDir
    Path dir;

    private static StreamHarness started(HttpUpload upload) throws InterruptedException {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", StreamConfig.defaults().withName("test")) {
            {
                boundJid = ROMEO;
            }
        };
        StreamHarness h = new StreamHarness(xmpp);
        h.xmpp.registerPlugin(upload);
        return h.start();
    }

    /** Answers the next iq sent, which must go to {@code to} with a payload of this name, with this result. */
    private static XmlElement answer(StreamHarness h, Jid to, String payload, String type, String content)
            throws InterruptedException {
        XmlElement iq = h.nextSent();
        assertThat(iq.attribute("to")).isEqualTo(to.toString());
        assertThat(iq.firstElement().name()).isEqualTo(payload);
        h.receive("<iq from='" + to + "' to='" + ROMEO + "' id='" + iq.attribute("id") + "' type='" + type + "'>"
                + content + "</iq>");
        return iq;
    }

    @Test
    void theServiceIsFoundAmongTheServersItemsWithItsMaximumSize() throws Exception {
        HttpUpload upload = new HttpUpload();
        try (StreamHarness h = started(upload)) {
            CompletableFuture<UploadService> found = upload.findService();
            answer(h, Jid.of("montague.tld"), "query", "result", ITEMS);
            answer(h, SERVICE, "query", "result", INFO);
            UploadService service = found.get(5, TimeUnit.SECONDS);
            assertThat(service).isEqualTo(new UploadService(SERVICE, 5_242_880L));
            assertThat(upload.findService()).as("remembered").isSameAs(found);
        }
    }

    @Test
    void aServiceIsSkippedUnlessItAnnouncesTheFeature() throws Exception {
        HttpUpload upload = new HttpUpload();
        try (StreamHarness h = started(upload)) {
            CompletableFuture<UploadService> found = upload.findService();
            answer(h, Jid.of("montague.tld"), "query", "result", ITEMS);
            answer(h, SERVICE, "query", "result", "<query xmlns='http://jabber.org/protocol/disco#info'/>");
            answer(h, Jid.of("conference.montague.tld"), "query", "error",
                    "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>");
            answer(h, Jid.of("montague.tld"), "query", "result", INFO.replace("5242880", "oops"));
            assertThat(found.get(5, TimeUnit.SECONDS)).as("the server itself, with an unreadable maximum")
                    .isEqualTo(new UploadService(Jid.of("montague.tld"), null));
        }
    }

    @Test
    void aFileOverTheAnnouncedMaximumFailsWithoutAsking() throws Exception {
        HttpUpload upload = new HttpUpload(HttpUploadConfig.DEFAULT.withService(SERVICE));
        try (StreamHarness h = started(upload)) {
            CompletableFuture<UploadSlot> slot = upload.requestSlot("big.bin", 5_242_881, null);
            answer(h, SERVICE, "query", "result", INFO);
            FileTooLargeException tooLarge = (FileTooLargeException) failureOf(slot);
            assertThat(tooLarge.maxFileSize()).isEqualTo(5_242_880L);
            assertThat(tooLarge.size()).isEqualTo(5_242_881L);
            assertThat(tooLarge).hasMessageContaining("5242880");
            assertThat(h.peer.nextSent(java.time.Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void theServicesRefusalsBecomeClearExceptions() throws Exception {
        HttpUpload upload = new HttpUpload(HttpUploadConfig.DEFAULT.withService(SERVICE));
        try (StreamHarness h = started(upload)) {
            CompletableFuture<UploadSlot> first = upload.requestSlot("très cool.jpg", 23456, "image/jpeg");
            answer(h, SERVICE, "query", "result", "<query xmlns='http://jabber.org/protocol/disco#info'/>");
            XmlElement request = answer(h, SERVICE, "request", "error", TOO_LARGE);
            assertThat(request.attribute("type")).isEqualTo("get");
            XmlElement payload = request.element("request", HttpUpload.NAMESPACE);
            assertThat(payload.attribute("filename")).isEqualTo("très cool.jpg");
            assertThat(payload.attribute("size")).isEqualTo("23456");
            assertThat(payload.attribute("content-type")).isEqualTo("image/jpeg");
            assertThat(((FileTooLargeException) failureOf(first)).maxFileSize()).isEqualTo(20_000L);

            CompletableFuture<UploadSlot> second = upload.requestSlot("très cool.jpg", 23456, "image/jpeg");
            answer(h, SERVICE, "request", "error", QUOTA);
            UploadQuotaException quota = (UploadQuotaException) failureOf(second);
            assertThat(quota.retryAt()).isEqualTo(Instant.parse("2017-12-03T23:42:05Z"));
            assertThat(quota).hasMessageContaining("Quota reached");

            CompletableFuture<UploadSlot> third = upload.requestSlot("très cool.jpg", 23456, "image/jpeg");
            answer(h, SERVICE, "request", "error", FORBIDDEN);
            assertThat(failureOf(third)).isExactlyInstanceOf(HttpUploadException.class)
                    .hasMessageContaining("premium");

            CompletableFuture<UploadSlot> fourth = upload.requestSlot("x.txt", 1, null);
            answer(h, SERVICE, "request", "result", "<slot xmlns='urn:xmpp:http:upload:0'><put url='ftp://x/y'/>"
                    + "<get url='https://x/y'/></slot>");
            assertThat(failureOf(fourth)).isExactlyInstanceOf(HttpUploadException.class)
                    .hasMessageContaining("usable slot");
        }
    }

    @Test
    void uploadAndSendPutsTheBytesWithOnlyTheAllowedHeadersThenSharesTheUrl() throws Exception {
        BlockingQueue<Map<String, Object>> puts = new LinkedBlockingQueue<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            Headers headers = exchange.getRequestHeaders();
            puts.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getRawPath(),
                    "headers", headers, "body", body.toString(StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        http.start();
        HttpUpload upload = new HttpUpload(HttpUploadConfig.DEFAULT.withService(SERVICE));
        try (StreamHarness h = started(upload)) {
            Path file = Files.writeString(dir.resolve("report.txt"), "All quiet in Verona.");
            BlockingQueue<long[]> progress = new LinkedBlockingQueue<>();
            CompletableFuture<Message> sent = upload.uploadAndSend(file, Jid.of("juliet@capulet.tld"),
                    Message.Type.CHAT, (done, total) -> progress.add(new long[] {done, total}));
            answer(h, SERVICE, "query", "result", INFO);
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/4a771ac1/report.txt";
            XmlElement request = answer(h, SERVICE, "request", "result", "<slot xmlns='urn:xmpp:http:upload:0'>"
                    + "<put url='" + base + "'><header name='Authorization'>Basic Base64String==</header>"
                    + "<header name='Cookie'>foo=bar; user=romeo</header><header name='X-Evil'>1</header>"
                    + "<header name='eXpires'>Wed, 21 Oct 2037\n 07:28:00 GMT</header></put>"
                    + "<get url='" + base + "?get' /></slot>");
            assertThat(request.element("request", HttpUpload.NAMESPACE).attribute("content-type"))
                    .isEqualTo("text/plain");

            Map<String, Object> put = puts.poll(10, TimeUnit.SECONDS);
            assertThat(put).isNotNull();
            assertThat(put.get("method")).isEqualTo("PUT");
            assertThat(put.get("path")).isEqualTo("/4a771ac1/report.txt");
            assertThat(put.get("body")).isEqualTo("All quiet in Verona.");
            Headers headers = (Headers) put.get("headers");
            assertThat(headers.getFirst("Authorization")).isEqualTo("Basic Base64String==");
            assertThat(headers.getFirst("Cookie")).isEqualTo("foo=bar; user=romeo");
            assertThat(headers.getFirst("Expires")).isEqualTo("Wed, 21 Oct 2037 07:28:00 GMT");
            assertThat(headers.getFirst("Content-Type")).isEqualTo("text/plain");
            assertThat(headers.getFirst("Content-Length")).isEqualTo("20");
            assertThat(headers.containsKey("X-evil")).as("§4: other headers are not sent").isFalse();

            XmlElement message = h.nextSent();
            assertThat(message.attribute("to")).isEqualTo("juliet@capulet.tld");
            assertThat(message.childText("body", "jabber:client")).isEqualTo(base + "?get");
            assertThat(message.element("x", OutOfBandData.NAMESPACE).childText("url", OutOfBandData.NAMESPACE))
                    .isEqualTo(base + "?get");
            assertThat(sent.get(5, TimeUnit.SECONDS).getOob().getUrl()).isEqualTo(base + "?get");
            List<long[]> reports = new java.util.ArrayList<>();
            progress.drainTo(reports);
            assertThat(reports).isNotEmpty();
            assertThat(reports.get(reports.size() - 1)).containsExactly(20, 20);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void anHttpErrorFailsTheUpload() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            exchange.sendResponseHeaders(413, -1);
            exchange.close();
        });
        http.start();
        HttpUpload upload = new HttpUpload(HttpUploadConfig.DEFAULT.withService(SERVICE));
        try (StreamHarness h = started(upload)) {
            CompletableFuture<URI> url = upload.upload("hello".getBytes(StandardCharsets.UTF_8), "hello.txt", null,
                    UploadProgress.NONE);
            answer(h, SERVICE, "query", "result", INFO);
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/slot/hello.txt";
            answer(h, SERVICE, "request", "result", "<slot xmlns='urn:xmpp:http:upload:0'><put url='" + base
                    + "'/><get url='" + base + "'/></slot>");
            assertThat(failureOf(url)).isExactlyInstanceOf(HttpUploadException.class).hasMessageContaining("413");
        } finally {
            http.stop(0);
        }
    }

    static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(5, TimeUnit.SECONDS);
            throw new AssertionError("the future completed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the future did not fail in time", e);
        }
    }
}
