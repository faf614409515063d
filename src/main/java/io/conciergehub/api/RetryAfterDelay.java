package io.conciergehub.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Error-handler hook: when a remote service answered 429 with {@code Retry-After}, the next
 * redelivery waits exactly that long (Camel reads {@link Exchange#REDELIVERY_DELAY} before its
 * own back-off); any other failure keeps the configured exponential back-off.
 */
public final class RetryAfterDelay implements Processor {

    /** A failure that says how long to wait before trying again. */
    public interface RetryAfter {
        long getRetryAfterMillis();
    }

    @Override
    public void process(Exchange exchange) {
        apply(exchange);
    }

    public static void apply(Exchange exchange) {
        if (exchange.getException() instanceof RetryAfter retryAfter) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, retryAfter.getRetryAfterMillis());
        } else {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }
}
