package org.xmppboot.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ScramTest {

    private static final Credentials USER = new Credentials("user", "pencil", null);

    @Test
    void rfc5802TestVectorForScramSha1() throws Exception {
        Scram scram = new Scram(Scram.Algorithm.SHA_1, USER, null, false, "fyko+d2lbbFgONRv9qkxdawL");

        assertThat(new String(scram.initialResponse(), UTF_8)).isEqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        byte[] clientFinal = scram.evaluateChallenge(
                "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096".getBytes(UTF_8));
        assertThat(new String(clientFinal, UTF_8)).isEqualTo(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        scram.verifySuccess("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=".getBytes(UTF_8));
    }

    @Test
    void rfc7677TestVectorForScramSha256() throws Exception {
        Scram scram = new Scram(Scram.Algorithm.SHA_256, USER, null, false, "rOprNGfwEbeRWgbNEkqO");

        assertThat(new String(scram.initialResponse(), UTF_8)).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        byte[] clientFinal = scram.evaluateChallenge(("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").getBytes(UTF_8));
        assertThat(new String(clientFinal, UTF_8)).isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)"
                + "hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        scram.verifySuccess("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".getBytes(UTF_8));
    }

    @Test
    void aWrongServerSignatureFails() throws Exception {
        Scram scram = new Scram(Scram.Algorithm.SHA_1, USER, null, false, "fyko+d2lbbFgONRv9qkxdawL");
        scram.initialResponse();
        scram.evaluateChallenge(
                "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096".getBytes(UTF_8));

        assertThatThrownBy(() -> scram.verifySuccess("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=".getBytes(UTF_8)))
                .isInstanceOf(SaslException.class).hasMessageContaining("does not know the password");
    }

    @Test
    void aServerNonceThatDoesNotExtendOursOrFewIterationsIsRefused() throws Exception {
        Scram scram = new Scram(Scram.Algorithm.SHA_256, USER, null, false, "abc");
        scram.initialResponse();
        assertThatThrownBy(() -> scram.evaluateChallenge("r=xyz123,s=QSXCR+Q6sek8bf92,i=4096".getBytes(UTF_8)))
                .hasMessageContaining("nonce");
        Scram weak = new Scram(Scram.Algorithm.SHA_256, USER, null, false, "abc");
        weak.initialResponse();
        assertThatThrownBy(() -> weak.evaluateChallenge("r=abc123,s=QSXCR+Q6sek8bf92,i=1".getBytes(UTF_8)))
                .hasMessageContaining("1 SCRAM iterations, fewer than the 4096");
    }

    @Test
    void anIterationCountAboveTheCapIsRefusedBeforeAnyHashing() throws Exception {
        Scram greedy = new Scram(Scram.Algorithm.SHA_256, USER, null, false, "abc");
        greedy.initialResponse();
        assertThatThrownBy(() -> greedy.evaluateChallenge("r=abc123,s=QSXCR+Q6sek8bf92,i=10000000".getBytes(UTF_8)))
                .isInstanceOf(SaslException.class)
                .hasMessageContaining("asks for 10000000 SCRAM iterations; this client computes at most 100000");

        Scram atTheCap = new Scram(Scram.Algorithm.SHA_256, USER, null, false, "abc");
        atTheCap.initialResponse();
        assertThat(atTheCap.evaluateChallenge(("r=abc123,s=QSXCR+Q6sek8bf92,i=" + Scram.MAX_ITERATIONS)
                .getBytes(UTF_8))).isNotEmpty();
    }

    @Test
    void channelBindingGoesIntoTheGs2HeaderAndTheCAttribute() throws Exception {
        ChannelBinding binding = new ChannelBinding("tls-exporter", new byte[] {1, 2, 3});
        Scram plus = new Scram(Scram.Algorithm.SHA_256, USER, binding, true, "abc");
        assertThat(plus.name()).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(new String(plus.initialResponse(), UTF_8)).isEqualTo("p=tls-exporter,,n=user,r=abc");
        String clientFinal = new String(plus.evaluateChallenge("r=abc123,s=QSXCR+Q6sek8bf92,i=4096"
                .getBytes(UTF_8)), UTF_8);
        byte[] c = Base64.getDecoder().decode(clientFinal.substring(2, clientFinal.indexOf(',')));
        assertThat(c).startsWith("p=tls-exporter,,".getBytes(UTF_8)).endsWith(1, 2, 3);

        Scram couldBind = new Scram(Scram.Algorithm.SHA_256, USER, binding, false, "abc");
        assertThat(new String(couldBind.initialResponse(), UTF_8)).as("y: we could bind, the server could not")
                .startsWith("y,,");
    }

    @Test
    void namesAreEscapedAndPasswordsPrepared() {
        assertThat(Scram.saslName("a=b,c")).isEqualTo("a=3Db=2Cc");
        assertThat(Scram.saslPrep("I\u00ADX")).isEqualTo("IX");
        assertThat(Scram.saslPrep("a\u00A0b")).isEqualTo("a b");
        assertThat(Scram.saslPrep("\u2168")).isEqualTo("IX");
        assertThatThrownBy(() -> Scram.saslPrep("a\u0007")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertThat(USER.toString()).doesNotContain("pencil").contains("******");
    }
}
