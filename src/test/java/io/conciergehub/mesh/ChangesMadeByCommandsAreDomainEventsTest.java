package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job runner hears of a change whoever made it: a SEND_MESSAGE to a phone the hub did not know
 * creates the guest (guest.created, source "command"), and an UPDATE_GUEST that changes the next
 * stay's flight number updates that booking (booking.updated); the same number again changes
 * nothing and says nothing.
 */
class ChangesMadeByCommandsAreDomainEventsTest {

    @RegisterExtension
    @Order(1)
    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("events.timeout", "10000"));

    @Test
    void aNewGuestAndAChangedFlightAreTold() throws Exception {
        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+393351300001\","
                + "\"template\":\"welcome\"}}").path("status").asText()).isEqualTo("succeeded");
        String arrival = LocalDate.now().plusDays(20).toString();
        assertThat(env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":[{\"externalId\":"
                + "\"CMD-1\",\"source\":\"smoobu\",\"guestName\":\"Ida Neri\",\"phone\":\"+393351300002\",\"arrival\":\""
                + arrival + "\",\"departure\":\"" + LocalDate.now().plusDays(23) + "\"}]}").statusCode()).isEqualTo(200);
        String flight = "{\"action\":\"UPDATE_GUEST\",\"payload\":{\"phone\":\"+393351300002\","
                + "\"updates\":{\"flightNumber\":\"AZ 610\"}}}";

        assertThat(Commands.runToEnd(env.hub(), flight).path("status").asText()).isEqualTo("succeeded");
        assertThat(Commands.runToEnd(env.hub(), flight).path("status").asText()).isEqualTo("succeeded");

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM buffered_events") == 0);
        // An event may arrive twice (a slow acknowledgement): the sink tells them apart by id.
        List<JsonNode> events = sink.acknowledged().stream()
                .filter(distinctBy(event -> event.path("id").asText())).toList();
        assertThat(events).filteredOn(event -> event.path("type").asText().equals("guest.created")
                && event.path("data").path("source").asText().equals("command")).hasSize(1);
        assertThat(events).filteredOn(event -> event.path("type").asText().equals("booking.updated")
                && event.path("data").path("externalId").asText().equals("CMD-1")).singleElement()
                .satisfies(event -> assertThat(event.path("data").path("status").asText()).isEqualTo("confirmed"));
    }

    private static <T> Predicate<T> distinctBy(Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        return item -> seen.add(key.apply(item));
    }
}
