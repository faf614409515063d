package io.conciergehub.watchers;

import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;

/** What the tests of the weather watch's targeting share: a guest's stay, the watch's next polls. */
final class WeatherGuests {

    private WeatherGuests() {
    }

    /** A booking (not cancelled) from arrival to departure; the guest writes, so a free text may go. */
    static void stay(TestHub hub, TestClock clock, String id, String name, String phone, String arrival,
            String departure) throws Exception {
        Flights.sync(hub, "{\"externalId\":\"" + id + "\",\"source\":\"direct\",\"guestName\":\"" + name
                + "\",\"phone\":\"" + phone + "\",\"language\":\"en\",\"arrival\":\"" + arrival
                + "\",\"departure\":\"" + departure + "\"}");
        Flights.guestWrites(hub, clock, phone, "Hello");
    }

    /** Waits until the watch has read the alerts twice more: what it would tell, it has told. */
    static void twoMorePolls(OpenWeatherStub openweather) {
        int asked = openweather.questions();
        await().atMost(Duration.ofSeconds(15)).until(() -> openweather.questions() >= asked + 2);
    }
}
