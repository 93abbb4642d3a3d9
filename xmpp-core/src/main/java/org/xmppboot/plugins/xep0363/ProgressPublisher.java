package org.xmppboot.plugins.xep0363;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A request body that tells an {@link UploadProgress} about each chunk the HTTP client takes from it. */
final class ProgressPublisher implements HttpRequest.BodyPublisher {

    private static final Logger log = LoggerFactory.getLogger(ProgressPublisher.class);

    private final HttpRequest.BodyPublisher body;
    private final UploadProgress progress;
    private final long total;

    ProgressPublisher(HttpRequest.BodyPublisher body, long total, UploadProgress progress) {
        this.body = body;
        this.total = total;
        this.progress = progress;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        AtomicLong sent = new AtomicLong(); // per subscription: a retried request counts from zero again
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                long now = sent.addAndGet(item.remaining());
                subscriber.onNext(item);
                try {
                    progress.progress(now, total);
                } catch (RuntimeException e) { // the listener's failure is not the upload's
                    log.warn("The upload progress listener failed", e);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
