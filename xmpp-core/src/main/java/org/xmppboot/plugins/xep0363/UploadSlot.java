package org.xmppboot.plugins.xep0363;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <slot xmlns='urn:xmpp:http:upload:0'><put url='..'><header name='..'>..</header></put><get url='..'/>
 * </slot>} (XEP-0363 §4): where to PUT the file, with which headers, and where it can then be fetched.
 */
public final class UploadSlot extends ElementBase {

    public static final Schema<UploadSlot> SCHEMA = Schema.builder("slot", HttpUpload.NAMESPACE, UploadSlot::new)
            .build();

    /** §4 and §11: the only headers of a slot that go into the PUT request; any other is dropped. */
    private static final Set<String> ALLOWED_HEADERS = Set.of("authorization", "cookie", "expires");

    public UploadSlot(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<UploadSlot> schema() {
        return SCHEMA;
    }

    /** Where to PUT the file; null if missing or not an absolute http(s) URL. */
    public @Nullable URI getPutUrl() {
        return httpUrl(xml.element("put", HttpUpload.NAMESPACE));
    }

    /** Where the file can be fetched once put; null if missing or not an absolute http(s) URL. */
    public @Nullable URI getGetUrl() {
        return httpUrl(xml.element("get", HttpUpload.NAMESPACE));
    }

    /**
     * The headers to send with the PUT, in the order given: only Authorization, Cookie and Expires (any case),
     * with newlines stripped from names and values (§4, §11).
     */
    public List<Map.Entry<String, String>> getPutHeaders() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        XmlElement put = xml.element("put", HttpUpload.NAMESPACE);
        if (put == null) {
            return headers;
        }
        for (XmlElement header : put.elements("header", HttpUpload.NAMESPACE)) {
            String name = stripNewlines(String.valueOf(header.attribute("name"))).trim();
            if (ALLOWED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(Map.entry(name, stripNewlines(header.text()).trim()));
            }
        }
        return headers;
    }

    private static String stripNewlines(String value) {
        return value.replace("\r", "").replace("\n", "");
    }

    private static @Nullable URI httpUrl(@Nullable XmlElement element) {
        String url = element == null ? null : element.attribute("url");
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            boolean http = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
