package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubRouteTest;
import io.conciergehub.support.TestHub;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The notice routes on their own, their hand-off to the sender replaced by {@code mock:outbox}:
 * two notices to one guest and one to another within the batch window become two outbox rows, one
 * per guest, and each watcher's record is written once its notice is in its batch.
 */
@CamelMainTest(properties = {"notifications.batch-window=2s"},
        advices = @AdviceRouteMapping(route = "notice-batches",
                advice = NoticeBatchesMergeEachGuestsNoticesRouteTest.ToMockOutbox.class))
class NoticeBatchesMergeEachGuestsNoticesRouteTest extends HubRouteTest {

    @EndpointInject("mock:outbox")
    MockEndpoint outbox;

    @Produce("direct:notices")
    ProducerTemplate notices;

    public static final class ToMockOutbox extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByToUri("seda:outbox*").replace().to("mock:outbox");
        }
    }

    @Test
    void oneOutboxRowPerGuestAndEachNoticeRecorded() throws Exception {
        guest("N-1", "+393331234561");
        guest("N-2", "+393331234562");
        AtomicInteger recorded = new AtomicInteger();

        outbox.expectedMessageCount(2);
        notices.sendBody(pending(1, "flight|AZ608|2027-03-11", "AZ608 is late", recorded));
        notices.sendBody(pending(1, "weather|storm", "A storm is coming", recorded));
        notices.sendBody(pending(2, "weather|storm", "A storm is coming", recorded));
        assertThat(recorded).as("recorded as each notice joined its batch").hasValue(3);
        outbox.assertIsSatisfied();

        assertThat(hub.count("SELECT COUNT(*) FROM outbox WHERE purpose = 'notice'")).isEqualTo(2);
        assertThat(hub.count("SELECT COUNT(DISTINCT guest_id) FROM outbox WHERE purpose = 'notice'")).isEqualTo(2);
        assertThat(hub.count("SELECT COUNT(*) FROM queued_notice_batches")).isEqualTo(2);
    }

    private static NoticeBatches.Pending pending(long guestId, String subject, String text, AtomicInteger recorded) {
        return new NoticeBatches.Pending(new Notice(guestId, subject, text, "en", "3001", null, Map.of()), c -> {
            recorded.incrementAndGet();
            return null;
        });
    }

    private void guest(String externalId, String phone) throws Exception {
        assertThat(hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY, "{\"bookings\":[{\"externalId\":\""
                + externalId + "\",\"source\":\"direct\",\"phone\":\"" + phone + "\",\"language\":\"en\","
                + "\"arrival\":\"2030-01-10\",\"departure\":\"2030-01-12\"}]}").statusCode()).isEqualTo(200);
    }
}
