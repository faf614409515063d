package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenWeather's One Call answer carries a thunderstorm warning, later a second alert: each goes once
 * to each guest in house or arriving within 24 hours, as a lead sentence in their language and the
 * alert's own text, or as the template outside their 24-hour window; guests who left, arrive later,
 * cancelled or opted out get nothing, and the key in the URL reaches no log.
 */
class AWeatherAlertIsToldOnceToTheGuestsInHouseOrArrivingTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-10T10:00"));
    static final long NOW = clock.instant().getEpochSecond();
    // From 11:00 today to 16:00 tomorrow: the guest arriving tomorrow is there while it holds.
    static final String STORM = OpenWeatherStub.alert("Yellow thunderstorm warning", NOW + 3600, NOW + 30 * 3600,
            "Temporali forti attesi nel pomeriggio.");
    static final String HEAT = OpenWeatherStub.alert("Orange heat warning", NOW + 20 * 3600, NOW + 40 * 3600,
            "Ondata di calore.");
    static final String IN_HOUSE = "+393331230101";
    static final String ARRIVING = "+4915123450102";
    static final OpenWeatherStub openweather = new OpenWeatherStub(NOW);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> openweather.configure(hub.clock(clock))
            .property("weather.notice-template", "4001"));

    @AfterAll
    static void stopStub() {
        openweather.close();
    }

    @Test
    void eachAlertGoesOnceToEachGuestConcerned() throws Exception {
        stay("W-1", "Giulia Verdi", IN_HOUSE, "it", "2027-06-08", "2027-06-12");
        stay("W-2", "Jonas Berg", ARRIVING, "de", "2027-06-11", "2027-06-14");
        stay("W-3", "Later Guest", "+393331230103", "en", "2027-06-20", "2027-06-22");
        stay("W-4", "Left Guest", "+393331230104", "en", "2027-06-05", "2027-06-09");
        stay("W-5", "Opted Out", "+393331230105", "en", "2027-06-09", "2027-06-11");
        Flights.command(env.hub(), "{\"action\":\"UPDATE_GUEST\",\"payload\":{\"phone\":\"+393331230105\","
                + "\"updates\":{\"optedOut\":true}}}");
        Flights.sync(env.hub(), "{\"externalId\":\"W-6\",\"source\":\"direct\",\"phone\":\"+393331230106\","
                + "\"arrival\":\"2027-06-10\",\"departure\":\"2027-06-12\",\"status\":\"cancelled\"}");
        // Booked in January with no departure date given: long gone, not in house.
        Flights.sync(env.hub(), "{\"externalId\":\"W-7\",\"source\":\"direct\",\"phone\":\"+393331230107\","
                + "\"arrival\":\"2027-01-05\"}");
        Flights.guestWrites(env.hub(), clock, IN_HOUSE, "Buongiorno");
        openweather.alerts(STORM);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> notices(env.spoki(), IN_HOUSE, "warning").size() == 1 && templates(ARRIVING).size() == 1);
        assertThat(notices(env.spoki(), IN_HOUSE, "warning").get(0))
                .startsWith("Buongiorno Giulia Verdi, un'allerta meteo")
                .contains("Yellow thunderstorm warning", "11:00", "Temporali forti attesi nel pomeriggio.");
        JsonNode template = templates(ARRIVING).get(0);
        assertThat(template.path("template").asLong()).isEqualTo(4001);
        assertThat(template.path("custom_fields").path("EVENT").asText()).isEqualTo("Yellow thunderstorm warning");
        assertThat(template.path("custom_fields").path("GUEST_NAME").asText()).isEqualTo("Jonas Berg");
        assertThat(template.path("custom_fields").fieldNames()).toIterable()
                .as("the order WhatsApp Cloud numbers them in").containsExactly("EVENT", "FROM", "UNTIL", "GUEST_NAME");

        int asked = openweather.questions();
        await().atMost(Duration.ofSeconds(15)).until(() -> openweather.questions() >= asked + 2);
        openweather.alerts(STORM + "," + HEAT);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> notices(env.spoki(), IN_HOUSE, "warning").size() == 2 && templates(ARRIVING).size() == 2);
        int again = openweather.questions();
        await().atMost(Duration.ofSeconds(15)).until(() -> openweather.questions() >= again + 2);

        assertThat(notices(env.spoki(), IN_HOUSE, "warning")).hasSize(2);
        assertThat(templates(ARRIVING)).hasSize(2);
        assertThat(env.hub().count("SELECT COUNT(*) FROM weather_notices")).isEqualTo(4);
        for (String other : new String[] {"+393331230103", "+393331230104", "+393331230105", "+393331230106",
                "+393331230107"}) {
            assertThat(env.spoki().sentTo(other)).as(other).isZero();
        }
        assertThat(openweather.requests().get(0).queryParameter("appid").firstValue())
                .isEqualTo(OpenWeatherStub.API_KEY);
        assertThat(env.hub().log().text()).doesNotContain(OpenWeatherStub.API_KEY);
    }

    private static void stay(String id, String name, String phone, String language, String arrival, String departure)
            throws Exception {
        Flights.sync(env.hub(), "{\"externalId\":\"" + id + "\",\"source\":\"direct\",\"guestName\":\"" + name
                + "\",\"phone\":\"" + phone + "\",\"language\":\"" + language + "\",\"arrival\":\"" + arrival
                + "\",\"departure\":\"" + departure + "\"}");
    }

    private static List<JsonNode> templates(String phone) {
        return env.spoki().sentBodies().stream().filter(b -> phone.equals(b.path("phone").asText()))
                .filter(b -> "Template".equals(b.path("type").asText())).toList();
    }
}
