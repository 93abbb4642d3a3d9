package org.xmppboot.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad {@code xmpp.*} property the way Spring Boot reports its own configuration errors. */
class XmppFailureAnalyzer extends AbstractFailureAnalyzer<InvalidXmppPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidXmppPropertyException cause) {
        return new FailureAnalysis("The XMPP connection is misconfigured: " + cause.getMessage(),
                cause.action(), cause);
    }
}
