package org.xmppboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real, local Prosody ({@link LocalProsody}). Declare a {@link LocalProsody}
 * parameter on a constructor, a {@code @BeforeAll}/{@code @BeforeEach} method or a test method to get it.
 *
 * <pre>{@code
 * @ProsodyTest
 * class MyBotTest {
 *     @Test
 *     void answersHelp(LocalProsody server) throws Exception {
 *         Jid bot = server.createUser("bot", "pw");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * By default one server serves every class of the test run that shares its options (it starts with the first
 * and stops at the end of the run): tests stay independent as long as each creates its own accounts.
 * {@link #isolated()} gives the class a server of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ProsodyExtension.class)
public @interface ProsodyTest {

    /** A server for this class alone, stopped after its last test. */
    boolean isolated() default false;

    /** A server without TLS (to test that clients refuse plaintext); always isolated. */
    boolean withoutTls() default false;
}
