package io.conciergehub.support;

import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.OutboundMessage;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import java.util.Date;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;

/**
 * A route test of the outbox (messaging-outbox.camel.yaml and its outbox-delivery policy) whose edge, the
 * provider, is {@code mock:provider}: each test scripts its answers. A test class names the advice
 * in its own {@code @CamelMainTest(advices = @AdviceRouteMapping(route = "outbox-attempt", advice =
 * OutboxRouteTest.TheProviderIsAMock.class))}.
 */
public abstract class OutboxRouteTest extends HubRouteTest {

    @EndpointInject("mock:provider")
    protected MockEndpoint provider;

    @Produce("seda:outbox")
    private ProducerTemplate dispatch;

    @BeanInject("database")
    protected Database database;

    @BeanInject("outbox")
    protected Outbox outbox;

    /** The configured provider's endpoint (direct:outbox-send-log by default) gives way to the mock. */
    public static final class TheProviderIsAMock extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByToUri("direct:outbox-send-*").replace().to("mock:provider");
        }
    }

    @BeforeEach
    void providerAcceptsUnlessToldOtherwise() {
        provider.reset();
        // Each accepted message under its own id, as a provider names them.
        provider.whenAnyExchangeReceived(exchange -> answer(200, "{\"id\":\"" + exchange.getExchangeId() + "\"}")
                .process(exchange));
    }

    /** The provider's answer as the http-json-call template hands it back: a status, a body and headers. */
    protected static Processor answer(int status, String body, String... headers) {
        return exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getMessage().setHeader(headers[i], headers[i + 1]);
            }
            exchange.getMessage().setBody(body);
        };
    }

    /**
     * Writes a reply to a guest who has just written (their 24-hour window is open) and hands it to
     * the outbox, as the concierge does; returns the outbox row's id.
     */
    protected long queue(String phone, String text) {
        long outboxId = enqueue(phone, text);
        dispatch(outboxId);
        return outboxId;
    }

    /** {@link #queue} without handing the row to the outbox: the test claims it, or the sweep would. */
    protected long enqueue(String phone, String text) {
        GuestRepository guests = new GuestRepository(FieldCrypto.fromConfiguredKeyOrFile("", hub.dataDir()));
        long now = System.currentTimeMillis();
        return database.write(c -> outbox.enqueue(c, guests.touchInbound(c, phone, null, now, now).id(), null, text,
                "en", null, Outbox.PURPOSE_REPLY, now));
    }

    /** Hands a queued row to the outbox again, as its sweep does once the row is due. */
    protected void dispatch(long outboxId) {
        dispatch.sendBody(outboxId);
    }

    /** When the provider was called, in milliseconds, in order. */
    protected List<Long> attemptTimes() {
        return provider.getReceivedExchanges().stream().map(OutboxRouteTest::receivedAt).toList();
    }

    /** When the provider was called for this recipient, in milliseconds, in order. */
    protected List<Long> attemptTimesTo(String phone) {
        return provider.getReceivedExchanges().stream()
                .filter(exchange -> exchange.getMessage().getBody(OutboundMessage.class).phone().equals(phone))
                .map(OutboxRouteTest::receivedAt).toList();
    }

    private static long receivedAt(Exchange exchange) {
        return exchange.getProperty(Exchange.RECEIVED_TIMESTAMP, Date.class).getTime();
    }

    /** The outbox row's state, and its message's status: e.g. "dead/failed". */
    protected String stateOf(long outboxId) throws Exception {
        return hub.text("SELECT o.state || '/' || m.status FROM outbox o JOIN messages m ON m.id = o.message_id"
                + " WHERE o.id = " + outboxId);
    }
}
