package org.xmppboot.plugins.xep0363;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <request xmlns='urn:xmpp:http:upload:0' filename='..' size='..' content-type='..'/>} (XEP-0363 §4): the
 * iq payload asking an upload service for a slot.
 */
public final class UploadRequest extends ElementBase {

    public static final Schema<UploadRequest> SCHEMA =
            Schema.builder("request", HttpUpload.NAMESPACE, UploadRequest::new)
                    .attribute("filename").attribute("size").attribute("content_type", "content-type").build();

    public UploadRequest(XmlElement xml) {
        super(xml);
    }

    /** A request for a slot for a file of this name and size in bytes; the content type may be left out. */
    public static UploadRequest of(String filename, long size, @Nullable String contentType) {
        XmlElement request = new XmlElement("request", HttpUpload.NAMESPACE)
                .setAttribute("filename", filename)
                .setAttribute("size", Long.toString(size))
                .setAttribute("content-type", contentType);
        return new UploadRequest(request);
    }

    @Override
    public Schema<UploadRequest> schema() {
        return SCHEMA;
    }

    public @Nullable String getFilename() {
        return xml.attribute("filename");
    }

    /** The size in bytes, or -1 if absent or not a number. */
    public long getSize() {
        try {
            return Long.parseLong(String.valueOf(xml.attribute("size")));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public @Nullable String getContentType() {
        return xml.attribute("content-type");
    }
}
