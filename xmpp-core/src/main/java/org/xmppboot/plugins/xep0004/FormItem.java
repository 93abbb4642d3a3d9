package org.xmppboot.plugins.xep0004;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/**
 * One {@code <item/>} of a multi-item result (XEP-0004 §3.4): a row whose fields the form's
 * {@code <reported/>} describes.
 */
public final class FormItem {

    private final XmlElement xml;

    FormItem(XmlElement xml) {
        this.xml = xml;
    }

    public XmlElement xml() {
        return xml;
    }

    public List<FormField> fields() {
        return Fields.of(xml);
    }

    public @Nullable FormField field(String var) {
        return Fields.named(xml, var);
    }

    /** The first value of each field, by name (null for a field without value: §3.4 allows it). */
    public Map<String, @Nullable String> values() {
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        for (FormField field : fields()) {
            String var = field.getVar();
            if (var != null) {
                values.put(var, field.getValue());
            }
        }
        return values;
    }
}
