package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** /api/routes as an operator reads it, with the admin key. */
public final class RouteApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubClient hub;

    public RouteApi(HubClient hub) {
        this.hub = hub;
    }

    /** An answer's JSON body, once it is checked to have this status and to be JSON. */
    public static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    /** The states of a group's routes. */
    public List<String> states(String group) throws Exception {
        return stream(body(hub.getApi("/api/routes?group=" + group, TestHub.API_KEY), 200))
                .map(route -> route.path("state").asText()).toList();
    }

    /** A route's state. */
    public String state(String id) throws Exception {
        return stream(body(hub.getApi("/api/routes", TestHub.API_KEY), 200))
                .filter(route -> route.path("id").asText().equals(id)).findFirst().orElseThrow()
                .path("state").asText();
    }

    public static List<String> ids(JsonNode routes) {
        return stream(routes).map(route -> route.path("id").asText()).toList();
    }

    public static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
