package org.xmppboot.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What an IDE shows for the {@code xmpp.*} properties: a plain-text description for every one. */
class ConfigurationMetadataTest {

    private static final Pattern PROPERTY = Pattern.compile(
            "\\{\\s*\"name\"\\s*:\\s*\"([^\"]+)\"(.*?)\\}", Pattern.DOTALL);

    /** This module's metadata (every Spring Boot jar has a file of that name). */
    static String metadata() throws IOException {
        Enumeration<URL> files = ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains(XmppProperties.class.getName())) {
                    return text;
                }
            }
        }
        throw new AssertionError("No metadata generated for " + XmppProperties.class.getName());
    }

    @Test
    void everyPropertyHasADescriptionWithoutJavadocMarkup() throws IOException {
        String metadata = metadata();
        String properties = metadata.substring(metadata.indexOf("\"properties\""));
        List<String> undescribed = new ArrayList<>();
        List<String> markedUp = new ArrayList<>();
        Matcher m = PROPERTY.matcher(properties);
        int count = 0;
        while (m.find()) {
            if (!m.group(1).startsWith("xmpp.")) {
                continue;
            }
            count++;
            String body = m.group(2);
            if (!body.contains("\"description\"")) {
                undescribed.add(m.group(1));
            }
            if (body.contains("{@")) {
                markedUp.add(m.group(1));
            }
        }
        assertThat(count).as("properties found").isGreaterThan(30);
        assertThat(undescribed).as("properties without a description").isEmpty();
        assertThat(markedUp).as("descriptions with javadoc markup").isEmpty();
    }
}
