package io.conciergehub.watchers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import org.apache.camel.ServiceStatus;

/** What the tests of the night and idle pause share: a hub whose schedule looks every second, the pause it shows. */
final class Pauses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Pauses() {
    }

    /** The schedule on (TestHub turns it off), looking every second, on a clock the test moves. */
    static TestHub.Builder everySecond(TestHub.Builder hub, TestClock clock) {
        return hub.clock(clock).property("schedules.enabled", "true").property("schedules.check-cron", "* * * * * ?");
    }

    /** The stats' view of the workers' pause. */
    static JsonNode stats(TestHub hub) throws Exception {
        return JSON.readTree(hub.getApi("/api/mesh/stats", TestHub.API_KEY).body());
    }

    static boolean paused(TestHub hub) throws Exception {
        return stats(hub).path("workersPaused").asBoolean();
    }

    /** Who paused the work (or last resumed it). */
    static String by(TestHub hub) throws Exception {
        return stats(hub).path("workersPausedBy").asText();
    }

    /** Whether the event forwarding (a route of group cloud) takes work now. */
    static boolean forwarding(TestHub hub) {
        return hub.context().getRouteController().getRouteStatus("events-poll") == ServiceStatus.Started;
    }
}
