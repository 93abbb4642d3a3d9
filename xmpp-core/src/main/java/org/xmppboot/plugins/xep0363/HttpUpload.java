package org.xmppboot.plugins.xep0363;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FormField;
import org.xmppboot.plugins.xep0030.DiscoInfo;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0066.OutOfBandData;
import org.xmppboot.plugins.xep0082.XmppDateTime;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0363 HTTP File Upload: finds the upload service ({@link #findService}), asks it for a slot
 * ({@link #requestSlot}), PUTs the file there with the JDK's {@link HttpClient} ({@link #upload}), and shares the
 * download URL in a message with XEP-0066 out-of-band data ({@link #uploadAndSend}).
 *
 * <p>Everything is asynchronous: the futures complete on the connection's or the HTTP client's threads, so the
 * methods may be called from a handler on the event thread (chain on the futures there, never wait). They fail
 * with {@link FileTooLargeException} (the file is over the service's maximum, announced or answered),
 * {@link UploadQuotaException} (refused for now, with when to retry if the service says), or
 * {@link HttpUploadException} for the rest (no service, another refusal, an HTTP error).
 *
 * <p>Slots are HTTPS URLs on a real server (§4): give {@link #useHttpClient} a client that trusts the upload
 * host's certificate if the JVM's default trust store does not. Raises no events; progress goes to the
 * {@link UploadProgress} given with each upload.
 */
public class HttpUpload extends BasePlugin {

    public static final String NAME = "xep_0363";
    public static final String NAMESPACE = "urn:xmpp:http:upload:0";
    /** §3: the extended-information field giving the largest file size, in bytes. */
    public static final String MAX_FILE_SIZE = "max-file-size";

    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private volatile HttpUploadConfig config;
    private volatile @Nullable HttpClient httpClient;
    private volatile @Nullable CompletableFuture<UploadService> service;

    public HttpUpload() {
        this(HttpUploadConfig.DEFAULT);
    }

    public HttpUpload(HttpUploadConfig config) {
        super(NAME, ServiceDiscovery.NAME, OutOfBandData.NAME);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Replaces the settings; the service is looked for again on the next upload. */
    public HttpUpload configure(HttpUploadConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        this.service = null;
        return this;
    }

    public HttpUploadConfig config() {
        return config;
    }

    /** Uses this HTTP client for the PUTs (its TLS settings, proxy, executor) instead of a default one. */
    public HttpUpload useHttpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "client");
        return this;
    }

    @Override
    protected void start(PluginContext context) {
        service = null; // a new connection may be to another server
    }

    /**
     * The upload service: the configured one, else the first of our server's items (then the server itself)
     * that announces {@code urn:xmpp:http:upload:0} (§3), with the maximum file size it announces. Found once
     * and remembered; a failed search is tried again next time.
     */
    public CompletableFuture<UploadService> findService() {
        CompletableFuture<UploadService> known = service;
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        CompletableFuture<UploadService> found = discover();
        service = found;
        return found;
    }

    private CompletableFuture<UploadService> discover() {
        ServiceDiscovery disco = require(ServiceDiscovery.class);
        Jid configured = config.service();
        if (configured != null) {
            return disco.queryInfo(configured, null)
                    .handle((info, error) -> new UploadService(configured, info == null ? null : maxFileSize(info)));
        }
        Jid self = context().boundJid();
        if (self == null) {
            return CompletableFuture.failedFuture(new HttpUploadException("Not connected: no server to ask", null));
        }
        Jid domain = Jid.of(self.domain());
        return disco.getItems(domain).handle((items, error) -> {
            List<Jid> candidates = new ArrayList<>();
            if (items != null) {
                items.stream().filter(item -> item.node() == null).forEach(item -> candidates.add(item.jid()));
            }
            candidates.add(domain);
            return candidates;
        }).thenCompose(candidates -> firstService(disco, candidates, 0));
    }

    private CompletableFuture<UploadService> firstService(ServiceDiscovery disco, List<Jid> candidates, int index) {
        if (index >= candidates.size()) {
            return CompletableFuture.failedFuture(new HttpUploadException("No upload service among "
                    + candidates + " announces " + NAMESPACE, null));
        }
        Jid candidate = candidates.get(index);
        return disco.queryInfo(candidate, null)
                .handle((info, error) -> info != null && info.hasFeature(NAMESPACE)
                        ? new UploadService(candidate, maxFileSize(info)) : null)
                .thenCompose(found -> found != null ? CompletableFuture.completedFuture(found)
                        : firstService(disco, candidates, index + 1));
    }

    /** §3: the {@code max-file-size} of the service's extended information, or null if absent or unreadable. */
    static @Nullable Long maxFileSize(DiscoInfo info) {
        DataForm form = info.form(NAMESPACE);
        FormField field = form == null ? null : form.field(MAX_FILE_SIZE);
        String value = field == null ? null : field.getValue();
        return parseSize(value);
    }

    /**
     * Asks the upload service for a slot for a file (§4). Fails with {@link FileTooLargeException} at once,
     * without asking, when the service announced a smaller maximum.
     *
     * @param contentType the file's type, or null to leave it out
     */
    public CompletableFuture<UploadSlot> requestSlot(String filename, long size, @Nullable String contentType) {
        if (filename.isBlank() || size < 0) {
            throw new IllegalArgumentException("A slot needs a file name and a size of at least 0");
        }
        return findService().thenCompose(found -> {
            if (found.refuses(size)) {
                return CompletableFuture.failedFuture(new FileTooLargeException(size, found.maxFileSize(), null));
            }
            Iq request = context().makeIq(Iq.Type.GET, found.jid())
                    .setPayload(UploadRequest.of(filename, size, contentType).xml());
            return context().sendIq(request, null).handle((result, error) -> {
                if (error != null) {
                    throw new CompletionException(refusal(unwrap(error), size));
                }
                return slotOf(result);
            });
        });
    }

    /**
     * Uploads a file and completes with the URL to fetch it from. The file's size is read now; its content is
     * read by the HTTP client as it sends.
     *
     * @param contentType the file's type; null to guess it from the file name (else application/octet-stream)
     * @param progress told as the bytes go out
     */
    public CompletableFuture<URI> upload(Path file, @Nullable String contentType, UploadProgress progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new HttpUploadException("Cannot read " + file + ": " + e, e));
        }
        String name = String.valueOf(file.getFileName());
        return upload(name, size, typeOf(name, contentType), progress, () -> {
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (FileNotFoundException e) {
                throw new HttpUploadException("Cannot read " + file + ": " + e, e);
            }
        });
    }

    /** Uploads these bytes as a file of this name, and completes with the URL to fetch it from. */
    public CompletableFuture<URI> upload(byte[] content, String filename, @Nullable String contentType,
            UploadProgress progress) {
        byte[] data = content.clone();
        return upload(filename, data.length, typeOf(filename, contentType), progress,
                () -> HttpRequest.BodyPublishers.ofByteArray(data));
    }

    /**
     * Uploads a file and sends its URL to {@code to}: as the body, so that clients show it inline, and as
     * XEP-0066 out-of-band data. Completes with the message sent.
     */
    public CompletableFuture<Message> uploadAndSend(Path file, Jid to, Message.@Nullable Type type,
            UploadProgress progress) {
        return upload(file, null, progress).thenApply(url -> {
            Message message = require(OutOfBandData.class).linkMessage(to, url, type, null);
            context().send(message);
            return message;
        });
    }

    /** What gives the PUT its body, once the slot is there. */
    private interface BodySource {
        HttpRequest.BodyPublisher open();
    }

    private CompletableFuture<URI> upload(String filename, long size, String contentType, UploadProgress progress,
            BodySource body) {
        return requestSlot(filename, size, contentType)
                .thenCompose(slot -> put(slot, new ProgressPublisher(body.open(), size, progress), contentType));
    }

    private CompletableFuture<URI> put(UploadSlot slot, HttpRequest.BodyPublisher body, String contentType) {
        URI putUrl = Objects.requireNonNull(slot.getPutUrl());
        URI getUrl = Objects.requireNonNull(slot.getGetUrl());
        HttpRequest.Builder request = HttpRequest.newBuilder(putUrl).timeout(config.httpTimeout()).PUT(body);
        try {
            request.header("Content-Type", contentType);
            for (Map.Entry<String, String> header : slot.getPutHeaders()) {
                request.header(header.getKey(), header.getValue());
            }
        } catch (IllegalArgumentException e) { // a header value HTTP does not allow
            return CompletableFuture.failedFuture(new HttpUploadException("Unusable slot headers: " + e, e));
        }
        return client().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = unwrap(error);
                        throw new CompletionException(new HttpUploadException("The HTTP PUT to " + putUrl.getHost()
                                + " failed: " + cause, cause));
                    }
                    // §6: 201 means the file can now be fetched; any other 2xx is taken as success too.
                    if (response.statusCode() / 100 != 2) {
                        throw new CompletionException(new HttpUploadException("The HTTP PUT to " + putUrl.getHost()
                                + " was answered with status " + response.statusCode(), null));
                    }
                    return getUrl;
                });
    }

    private HttpClient client() {
        HttpClient client = httpClient;
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            httpClient = client;
        }
        return client;
    }

    private static UploadSlot slotOf(Iq result) {
        XmlElement payload = result.getPayload();
        UploadSlot slot = payload != null && UploadSlot.SCHEMA.describes(payload) ? new UploadSlot(payload) : null;
        if (slot == null || slot.getPutUrl() == null || slot.getGetUrl() == null) {
            throw new HttpUploadException("The upload service answered without a usable slot: " + result, null);
        }
        return slot;
    }

    /** §5: what the service's error means for the caller. */
    private static HttpUploadException refusal(Throwable error, long size) {
        if (!(error instanceof StanzaErrorException refused)) {
            return new HttpUploadException("No slot from the upload service: " + error, error);
        }
        StanzaBase stanza = refused.stanza();
        StanzaError stanzaError = stanza == null ? null : stanza.getError();
        XmlElement details = stanzaError == null ? null : stanzaError.xml();
        XmlElement tooLarge = details == null ? null : details.element("file-too-large", NAMESPACE);
        if (tooLarge != null) {
            return new FileTooLargeException(size, parseSize(tooLarge.childText(MAX_FILE_SIZE, NAMESPACE)), refused);
        }
        XmlElement retry = details == null ? null : details.element("retry", NAMESPACE);
        boolean wait = stanzaError != null && stanzaError.getErrorType() == StanzaError.Type.WAIT;
        if (retry != null || wait || refused.condition() == StanzaError.Condition.RESOURCE_CONSTRAINT) {
            return new UploadQuotaException(refused.text(),
                    retry == null ? null : XmppDateTime.parseInstant(retry.attribute("stamp")), refused);
        }
        return new HttpUploadException("The upload service refused the slot: " + refused.getMessage(), refused);
    }

    private static @Nullable Long parseSize(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            long size = Long.parseLong(value.trim());
            return size >= 0 ? size : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String typeOf(String filename, @Nullable String contentType) {
        if (contentType != null) {
            return contentType;
        }
        String guessed = URLConnection.guessContentTypeFromName(filename);
        return guessed != null ? guessed : DEFAULT_CONTENT_TYPE;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
