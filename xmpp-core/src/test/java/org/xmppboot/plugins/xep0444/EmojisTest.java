package org.xmppboot.plugins.xep0444;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojisTest {

    @ParameterizedTest
    @ValueSource(strings = {"👋", "🐢", "💘", "❤️", "💜", "👍🏽", "👨‍👩‍👧", "🇫🇷", "1️⃣", "🏳️‍🌈", "☕", "⭐", "©️"})
    void singleEmojisAreAccepted(String emoji) {
        assertThat(Emojis.isEmoji(emoji)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a", "1", "+1", ":)", "👋🐢", "👋 ", "é", "中"})
    void anythingElseIsRefused(String text) {
        assertThat(Emojis.isEmoji(text)).isFalse();
    }
}
