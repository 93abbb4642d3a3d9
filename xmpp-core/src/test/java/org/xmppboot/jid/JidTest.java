package org.xmppboot.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JidTest {

    @Test
    void parsesTheThreeParts() {
        Jid jid = Jid.of("juliet@example.com/balcony");
        assertThat(jid.local()).isEqualTo("juliet");
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resource()).isEqualTo("balcony");
        assertThat(jid.bare()).isEqualTo(Jid.of("juliet@example.com"));
        assertThat(jid.bare().isBare()).isTrue();
        assertThat(jid.domainJid()).hasToString("example.com");
        assertThat(jid.bare().withResource("r2")).hasToString("juliet@example.com/r2");
    }

    @Test
    void resourceMayHoldSlashesAndAts() {
        // RFC 7622 §3.1: the first '/' starts the resourcepart.
        Jid jid = Jid.of("a@b.c/d@e/f");
        assertThat(jid.local()).isEqualTo("a");
        assertThat(jid.resource()).isEqualTo("d@e/f");
        Jid domainOnly = Jid.of("b.c/x@y");
        assertThat(domainOnly.local()).isNull();
        assertThat(domainOnly.resource()).isEqualTo("x@y");
    }

    @Test
    void anySpellingThatNormalisesToTheJidIsRecognisedAsIt() {
        Jid own = Jid.of("bot@example.com/Res");
        for (String same : new String[] {"bot@example.com/Res", "BOT@Example.COM/Res", "bot@example.com./Res",
                "bot@EXAMPLE.com./Res"}) {
            assertThat(own.isSpelledBy(same)).as(same).isTrue();
        }
        for (String other : new String[] {"bot@example.com/res", "bot@example.com", "bot@example.com/Res2",
                "bot@example.org/Res", "b@example.com/Res", "example.com/Res", "bot@example.com/Res/", "",
                "bot@example.com..", "bot@example.com/Re\u017F"}) {
            assertThat(own.isSpelledBy(other)).as(other).isFalse();
        }
        // Non-ASCII spellings are parsed: U+212A KELVIN SIGN is K in NFC; 'ſ' (U+017F) is not 's'.
        assertThat(Jid.of("bot@example.com/K").isSpelledBy("bot@example.com/\u212A")).isTrue();
        assertThat(Jid.of("\u017Fam@example.com").isSpelledBy("sam@example.com")).isFalse();
        assertThat(Jid.of("sam@example.com").isSpelledBy("SAM@example.com")).isTrue();
        assertThat(Jid.of("caf\u00E9@example.com/x").isSpelledBy("CAFE\u0301@example.com/x")).isTrue();
        assertThat(Jid.of("component.example.com").isSpelledBy("Component.Example.com")).isTrue();
        assertThat(Jid.of("component.example.com").isSpelledBy("component.example.com/r")).isFalse();
    }

    @Test
    void equalityIsOnTheNormalizedForm() {
        assertThat(Jid.of("Juliet@Example.COM/Balcony")).isEqualTo(Jid.of("juliet@example.com/Balcony"))
                .hasSameHashCodeAs(Jid.of("juliet@example.com/Balcony"));
        assertThat(Jid.of("juliet@example.com/Balcony")).isNotEqualTo(Jid.of("juliet@example.com/balcony"));
        assertThat(Jid.of("juliet@example.com.")).isEqualTo(Jid.of("juliet@example.com"));
        // NFC: e + combining acute equals the precomposed é.
        assertThat(Jid.of("caf\u0065\u0301@example.com")).isEqualTo(Jid.of("caf\u00e9@example.com"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@example.com|localpart is empty",
            "juliet@|domainpart is empty",
            "juliet@example.com/|resourcepart is empty",
            "jul\"iet@example.com|localpart may not contain",
            "jul iet@example.com|localpart may not contain",
            "juliet@exa mple.com|domainpart may not contain",
            "juliet@example..com|not a valid domain name",
            "juliet@[zz::1]|IPv6",
    })
    void invalidJidsSayWhatIsWrong(String input, String message) {
        assertThatThrownBy(() -> Jid.of(input)).isInstanceOf(JidFormatException.class)
                .hasMessageContaining(message);
        assertThat(Jid.ofOrNull(input)).isNull();
    }

    @Test
    void partsLongerThan1023BytesAreRefused() {
        String local = "a".repeat(1024);
        assertThatThrownBy(() -> Jid.of(local + "@example.com")).isInstanceOf(JidFormatException.class)
                .hasMessageContaining("1024 bytes").hasMessageContaining("1023");
        assertThat(Jid.of("a".repeat(1023) + "@example.com").local()).hasSize(1023);
        // Length is in UTF-8 bytes, not characters.
        assertThatThrownBy(() -> Jid.of("x@y/" + "é".repeat(512))).hasMessageContaining("resourcepart");
    }

    @Test
    void controlCharactersInTheResourceAreRefused() {
        assertThatThrownBy(() -> Jid.of("a@b/x\u0001y")).hasMessageContaining("U+0001");
    }
}
