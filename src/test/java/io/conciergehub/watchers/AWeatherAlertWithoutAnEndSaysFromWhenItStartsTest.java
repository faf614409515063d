package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An alert whose end the weather service leaves out (One Call's {@code end} is optional): the
 * guest's lead sentence says from when, in their language, and no "to ." with nothing in between.
 * Both guests are in house and wrote today, so the notice goes as free text.
 */
class AWeatherAlertWithoutAnEndSaysFromWhenItStartsTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-10T10:00"));
    static final long NOW = clock.instant().getEpochSecond();
    static final String ENGLISH = "+447700900201";
    static final String ITALIAN = "+393331230202";
    static final OpenWeatherStub openweather = new OpenWeatherStub(NOW);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> openweather.configure(hub.clock(clock)));

    @AfterAll
    static void stopStub() {
        openweather.close();
    }

    @Test
    void theLeadSentenceSaysFromWhenOnly() throws Exception {
        stay("E-1", "Ann Lee", ENGLISH, "en");
        stay("E-2", "Giulia Verdi", ITALIAN, "it");
        Flights.guestWrites(env.hub(), clock, ENGLISH, "Hello"); // within their 24 hours: a free text may go
        Flights.guestWrites(env.hub(), clock, ITALIAN, "Buongiorno");
        openweather.alerts(OpenWeatherStub.alertWithoutEnd("Yellow wind warning", NOW + 3600, "Raffiche forti."));

        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), ENGLISH, "warning").size() == 1
                && notices(env.spoki(), ITALIAN, "warning").size() == 1);
        assertThat(notices(env.spoki(), ENGLISH, "warning").get(0))
                .startsWith("Hello Ann Lee, a weather alert for the area around ")
                .contains(": Yellow wind warning, from 10/06 11:00. Take care")
                .endsWith("Raffiche forti.");
        assertThat(notices(env.spoki(), ITALIAN, "warning").get(0))
                .contains("Yellow wind warning, a partire dalle 10/06 11:00. Faccia attenzione");
    }

    private static void stay(String id, String name, String phone, String language) throws Exception {
        Flights.sync(env.hub(), "{\"externalId\":\"" + id + "\",\"source\":\"direct\",\"guestName\":\"" + name
                + "\",\"phone\":\"" + phone + "\",\"language\":\"" + language
                + "\",\"arrival\":\"2027-06-09\",\"departure\":\"2027-06-12\"}");
    }
}
