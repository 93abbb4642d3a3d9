package org.xmppboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a whole test class once per server: first against {@link LocalProsody}, then against
 * {@link LocalEjabberd} (or the servers {@link #value()} names), shown as {@code [prosody]} and
 * {@code [ejabberd]} under the class. Declare a {@link LocalServer} parameter on a constructor, a
 * {@code @BeforeEach}/{@code @AfterEach} method or a test method to get the server of the current run; a
 * {@link LocalProsody} or {@link LocalEjabberd} parameter works too, in the run of that server. Not on
 * {@code @BeforeAll}/{@code @AfterAll} methods: JUnit runs those once around all the runs of a class template.
 *
 * <pre>{@code
 * @XmppServerTest
 * class MyBotTest {
 *     @Test
 *     void answersHelp(LocalServer server) throws Exception {
 *         Jid bot = server.createUser("bot", "pw");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * One server of each kind serves every such class of the test run (the Prosody one is also the one
 * {@link ProsodyTest} classes share): it starts with the first class that needs it and stops at the end of the
 * run, so tests stay independent by creating their own accounts. Built on JUnit's class templates
 * ({@link ClassTemplate}, JUnit 5.13 and later; still marked experimental in JUnit 6.0).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@ExtendWith(XmppServerExtension.class)
public @interface XmppServerTest {

    /** The servers to run the class against, in this order. */
    ServerKind[] value() default {ServerKind.PROSODY, ServerKind.EJABBERD};
}
