package io.conciergehub.messaging.provider;

import io.conciergehub.api.Failures;
import io.conciergehub.api.RemoteCallException;
import io.conciergehub.api.RetryAfterDelay;
import io.conciergehub.messaging.Outbox;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.HttpHostConnectException;

/**
 * Runs on every failed send attempt, before Camel decides on redelivery: records the error on the
 * outbox row, says whether the provider may have the message, and turns a 429's Retry-After into
 * the next redelivery delay.
 */
public final class SendFailureRecorder implements Processor {

    private final Outbox outbox;

    public SendFailureRecorder(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getException();
        Long outboxId = exchange.getProperty("outboxId", Long.class);
        if (error == null || outboxId == null) {
            return;
        }
        outbox.attemptFailed(outboxId, exchange.getProperty("sendEpoch", Long.class),
                Failures.stored(error), certainlyNotDelivered(error));
        RetryAfterDelay.apply(exchange);
    }

    static boolean certainlyNotDelivered(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RemoteCallException || t instanceof CallNotPermittedException
                    || t instanceof ConnectException || t instanceof HttpHostConnectException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
