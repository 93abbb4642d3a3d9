package org.xmppboot.spring.localserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** README's properties table lists every {@code xmpp.*} property the modules' metadata has, so it cannot drift. */
class ReadmePropertiesTest {

    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(xmpp\\.[^\"]+)\"");

    @Test
    void readmeListsEveryProperty() throws IOException {
        Set<String> properties = new TreeSet<>();
        Enumeration<URL> files = getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int start = json.indexOf("\"properties\"");
                int end = json.indexOf("\"hints\"");
                Matcher m = NAME.matcher(json.substring(Math.max(start, 0), end > start ? end : json.length()));
                while (m.find()) {
                    properties.add(m.group(1));
                }
            }
        }
        assertThat(properties).as("properties in the metadata").contains("xmpp.jid", "xmpp.local-server.enabled");
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(properties).filteredOn(name -> !readme.contains("| `" + name + "` |"))
                .as("properties missing from README's table (regenerate it with scripts/properties-table.py)").isEmpty();
    }
}
