package org.xmppboot.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.xmppboot.plugin.PluginRegistry;

/** The IDE offers every plugin that can be named in {@code xmpp.plugins}, and no other. */
class PluginHintsTest {

    @Test
    void xmppPluginsHintsAreThePluginsOnTheClassPath() throws IOException {
        String metadata = ConfigurationMetadataTest.metadata();
        int hints = metadata.indexOf("\"hints\"");
        assertThat(hints).as("hints in the metadata").isPositive();
        String pluginHints = metadata.substring(metadata.indexOf("\"xmpp.plugins\"", hints));
        pluginHints = pluginHints.substring(0, pluginHints.indexOf(']'));
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(pluginHints);
        while (m.find()) {
            values.add(m.group(1));
        }
        assertThat(values).containsExactlyInAnyOrderElementsOf(PluginRegistry.availableNames());
        assertThat(pluginHints).as("each value described").doesNotContain("\"description\": \"\"");
    }
}
