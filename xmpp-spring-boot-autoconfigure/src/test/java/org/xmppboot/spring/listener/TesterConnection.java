package org.xmppboot.spring.listener;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.test.StreamTester;

/** The connection of the handler tests: a client whose session a {@link StreamTester} has already established. */
@Configuration(proxyBeanMethods = false)
class TesterConnection {

    @Bean(destroyMethod = "close")
    StreamTester tester() {
        return StreamTester.client("bot@example.com/test");
    }

    @Bean
    ClientXMPP xmppConnection(StreamTester tester) {
        return tester.client();
    }
}
