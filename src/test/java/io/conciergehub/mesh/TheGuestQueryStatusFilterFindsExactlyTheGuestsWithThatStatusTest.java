package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/mesh/guests/query} by {@code status}: exactly the guests with that status, among others. */
class TheGuestQueryStatusFilterFindsExactlyTheGuestsWithThatStatusTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void eachStatusFindsItsGuestsAndNoOthers() throws Exception {
        long anna = QueriedGuests.book(env.hub(), "S-1", "+393330000041", "s1@example.org", "AZ611");
        long bruno = QueriedGuests.book(env.hub(), "S-2", "+393330000042", "s2@example.org", "AZ611");
        long carla = QueriedGuests.book(env.hub(), "S-3", "+393330000043", "s3@example.org", "FR100");
        long dario = QueriedGuests.book(env.hub(), "S-4", "+393330000044", "s4@example.org", "FR100");
        QueriedGuests.setStatus(env.hub(), anna, "in-house");
        QueriedGuests.setStatus(env.hub(), carla, "in-house");
        QueriedGuests.setStatus(env.hub(), bruno, "checked-out");
        QueriedGuests.setStatus(env.hub(), dario, "confirmed");

        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"status\":\"in-house\"}")))
                .containsExactlyInAnyOrder(anna, carla);
        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"status\":\"checked-out\"}")))
                .containsExactly(bruno);
        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"status\":\"confirmed\"}")))
                .containsExactly(dario);
        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"status\":\"in-house\",\"flightNumber\":\"FR100\"}")))
                .as("with another filter: both must hold").containsExactly(carla);
        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"status\":\"cancelled\"}"))).isEmpty();
    }
}
