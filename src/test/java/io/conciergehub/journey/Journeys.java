package io.conciergehub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the journey tests share: bookings through the mesh API, a guest writing, what went out. */
final class Journeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Journeys() {
    }

    /** A hub whose journey looks every second, on a clock the test moves. */
    static TestHub.Builder everySecond(TestHub.Builder hub, TestClock clock) {
        return hub.clock(clock).property("journey.cron", "* * * * * ?");
    }

    /** Each step's template: 1000 the welcome, 1001 the pre-arrival message, 1003 the check-out message. */
    static TestHub.Builder stepTemplates(TestHub.Builder hub) {
        return hub.property("journey.welcome.template", "1000")
                .property("journey.pre-arrival.template", "1001")
                .property("journey.check-out.template", "1003");
    }

    /** A booking; a null name or date: the channel did not send it (yet). */
    static void book(TestHub hub, String externalId, String name, String phone, String language, String arrival,
            String departure) throws Exception {
        Map<String, String> booking = new LinkedHashMap<>();
        booking.put("externalId", externalId);
        booking.put("source", "direct");
        booking.put("guestName", name);
        booking.put("phone", phone);
        booking.put("language", language);
        booking.put("arrival", arrival);
        booking.put("departure", departure);
        booking.values().removeIf(Objects::isNull);
        sync(hub, JSON.writeValueAsString(booking));
    }

    static void cancel(TestHub hub, String externalId) throws Exception {
        sync(hub, "{\"externalId\":\"" + externalId + "\",\"source\":\"direct\",\"status\":\"cancelled\"}");
    }

    private static void sync(TestHub hub, String booking) throws Exception {
        HttpResponse<String> answer = hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY,
                "{\"bookings\":[" + booking + "]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** The guest writes now (by the hub's clock): their 24-hour window opens. */
    static void guestWrites(TestHub hub, TestClock clock, String phone, String text) throws Exception {
        Webhooks.guestWritesOnSpoki(hub, clock, phone, text);
    }

    /**
     * The guest at {@code phone} writes (their window opens), then their bookings reach the hub, in
     * English, each "externalId arrival departure".
     */
    static void writesThenBooks(TestHub hub, TestClock clock, String phone, String name, String... bookings)
            throws Exception {
        guestWrites(hub, clock, phone, "Hello, a question about parking");
        for (String booking : bookings) {
            String[] fields = booking.split(" ");
            book(hub, fields[0], name, phone, "en", fields[1], fields[2]);
        }
    }

    /** The guest writes ten minutes before {@code at} (their window opens), then the clock moves to {@code at}. */
    static void guestWritesBefore(TestHub hub, TestClock clock, String phone, String at) throws Exception {
        LocalDateTime then = LocalDateTime.parse(at);
        clock.moveTo(then.minusMinutes(10));
        guestWrites(hub, clock, phone, "Good morning");
        clock.moveTo(then);
    }

    /** The step whose text has {@code words} reaches the phone, and no second one follows. */
    static void toldOnce(SpokiStub spoki, String phone, String words) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !journeyTexts(spoki, phone, words).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(journeyTexts(spoki, phone, words)).hasSize(1));
    }

    /**
     * The free texts to the phone that contain {@code words}: the journey's when the words are the
     * guest's name, or a phrase of one step's text; the concierge's answers have neither.
     */
    static List<String> journeyTexts(SpokiStub spoki, String phone, String words) {
        return spoki.textsTo(phone).stream().filter(text -> text.contains(words)).toList();
    }

    /**
     * The step templates ({@link #stepTemplates}) sent to the phone, in order, each as its id and the
     * date it names: "1001 arrival 12 marzo 2027", the departure for the check-out (1003).
     */
    static List<String> stepsWithTheirDates(SpokiStub spoki, String phone) {
        return templates(spoki, phone).stream().map(template -> {
            long id = template.path("template").asLong();
            JsonNode fields = template.path("custom_fields");
            return id == 1003 ? id + " departure " + fields.path("DEPARTURE").asText()
                    : id + " arrival " + fields.path("ARRIVAL").asText();
        }).toList();
    }

    /** The templates sent to the phone, in order. */
    static List<JsonNode> templates(SpokiStub spoki, String phone) {
        return spoki.sentBodies().stream().filter(b -> phone.equals(b.path("phone").asText()))
                .filter(b -> "Template".equals(b.path("type").asText())).toList();
    }
}
