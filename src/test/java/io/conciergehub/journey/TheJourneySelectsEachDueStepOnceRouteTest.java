package io.conciergehub.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubRouteTest;
import io.conciergehub.support.TestHub;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The guest-journey route on its own: its schedule replaced by {@code direct:journey-run}, its hand-off
 * to the outbox by {@code mock:outbox}. One run queues every step that is due (the welcomes, the
 * pre-arrival of a booking arriving tomorrow) and nothing for a cancelled booking; the next run
 * finds nothing left to queue.
 */
@CamelMainTest(properties = {"journey.quiet-hours="},
        advices = @AdviceRouteMapping(route = "guest-journey",
                advice = TheJourneySelectsEachDueStepOnceRouteTest.RunOnDemand.class))
class TheJourneySelectsEachDueStepOnceRouteTest extends HubRouteTest {

    @EndpointInject("mock:outbox")
    MockEndpoint outbox;

    @Produce("direct:journey-run")
    ProducerTemplate run;

    public static final class RunOnDemand extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            replaceFromWith("direct:journey-run");
            weaveByToUri("seda:outbox*").replace().to("mock:outbox");
        }
    }

    @Test
    void oneRunQueuesWhatIsDueAndTheNextNothing() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Rome"));
        sync("S-1", "+393331234551", today.plusDays(1), today.plusDays(3), "confirmed");
        sync("S-2", "+393331234552", today.plusDays(10), today.plusDays(12), "confirmed");
        sync("S-3", "+393331234553", today.plusDays(1), today.plusDays(3), "cancelled");

        outbox.expectedMessageCount(3);
        run.sendBody("");
        outbox.assertIsSatisfied();
        assertThat(hub.text("SELECT group_concat(b.external_id || ':' || j.step, ',') FROM (SELECT * FROM journey_steps"
                + " ORDER BY booking_id, step) j JOIN bookings b ON b.id = j.booking_id"))
                .isEqualTo("S-1:pre-arrival,S-1:welcome,S-2:welcome");

        outbox.reset();
        outbox.expectedMessageCount(0);
        run.sendBody("");
        outbox.assertIsSatisfied();
        assertThat(hub.count("SELECT COUNT(*) FROM journey_steps")).isEqualTo(3);
    }

    private void sync(String externalId, String phone, LocalDate arrival, LocalDate departure, String status)
            throws Exception {
        assertThat(hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY, "{\"bookings\":[{\"externalId\":\""
                + externalId + "\",\"source\":\"direct\",\"phone\":\"" + phone + "\",\"language\":\"en\","
                + "\"arrival\":\"" + arrival + "\",\"departure\":\"" + departure + "\",\"status\":\"" + status + "\"}]}")
                .statusCode()).isEqualTo(200);
    }
}
