package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Through Jolokia (/observe/jolokia, admin key), as through /api/routes, what serves the API
 * cannot be stopped or suspended: not group {@code api}, not one of its routes, not a REST entry
 * route. Refused, they stay Started and the API keeps answering.
 */
class RoutesServingTheApiCannotBeStoppedThroughJmxTest {

    static final String JOLOKIA = "/observe/jolokia";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void stoppingGroupApiIsRefusedAndTheApiStillAnswers() throws Exception {
        String group = mbean("org.apache.camel:type=routegroups,*", "api");

        JsonNode answer = jolokia(exec(group, "stop()")).get(0);

        assertRefused(answer);
        assertThat(answer.path("error").asText()).contains("serves the API");
        assertTheApiAnswersWithEveryApiRouteStarted();
    }

    @Test
    void stoppingOrSuspendingAnyRouteThatServesTheApiIsRefusedAndTheApiStillAnswers() throws Exception {
        List<String> servingTheApi = routes().stream().filter(RoutesServingTheApiCannotBeStoppedThroughJmxTest::servesApi)
                .map(route -> route.path("id").asText()).toList();
        assertThat(servingTheApi).contains("ops-health", "route-control-list", "route-control-rest-list",
                "mesh-api-rest-commands-submit");
        List<String> routeMBeans = mbeans("org.apache.camel:type=routes,*");
        ArrayNode requests = JSON.createArrayNode();
        for (String id : servingTheApi) {
            String route = routeMBeans.stream().filter(mbean -> mbean.contains("name=\"" + id + "\"")).findFirst()
                    .orElseThrow(() -> new AssertionError("no MBean for route " + id));
            for (String operation : List.of("stop()", "stop(long)", "suspend()", "suspend(long)")) {
                requests.addAll(exec(route, operation, operation.endsWith("(long)") ? 1000L : null));
            }
        }

        JsonNode answers = jolokia(requests);

        assertThat(answers).hasSize(requests.size());
        assertThat(answers).allSatisfy(answer -> {
            assertRefused(answer);
            assertThat(answer.path("error").asText()).contains("serves the API");
        });
        assertTheApiAnswersWithEveryApiRouteStarted();
    }

    private static void assertTheApiAnswersWithEveryApiRouteStarted() throws Exception {
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(200);
        assertThat(routes()).filteredOn(RoutesServingTheApiCannotBeStoppedThroughJmxTest::servesApi).isNotEmpty()
                .allSatisfy(route -> assertThat(route.path("state").asText()).as(route.path("id").asText())
                        .isEqualTo("Started"));
    }

    static boolean servesApi(JsonNode route) {
        return "api".equals(route.path("group").asText()) || route.path("id").asText().contains("-rest-");
    }

    /** The routes as /api/routes lists them; a 200 shows the API answers. */
    static List<JsonNode> routes() throws Exception {
        HttpResponse<String> answer = env.hub().getApi("/api/routes", TestHub.API_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(answer.body()).spliterator(), false).toList();
    }

    /** One Jolokia bulk request as Hawtio sends it; the answers, one per request. */
    static JsonNode jolokia(ArrayNode requests) throws Exception {
        HttpResponse<String> answer = env.hub().postJson(JOLOKIA, requests.toString(), "Authorization",
                "Bearer " + TestHub.API_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static ArrayNode exec(String mbean, String operation, Object... arguments) {
        ArrayNode request = JSON.createArrayNode();
        request.addObject().put("type", "exec").put("mbean", mbean).put("operation", operation)
                .putPOJO("arguments", arguments.length == 1 && arguments[0] == null ? new Object[0] : arguments);
        return request;
    }

    /** The MBeans matching the pattern, found as Hawtio finds them: by search. */
    static List<String> mbeans(String pattern) throws Exception {
        ArrayNode search = JSON.createArrayNode();
        search.addObject().put("type", "search").put("mbean", pattern);
        return StreamSupport.stream(jolokia(search).get(0).path("value").spliterator(), false).map(JsonNode::asText)
                .toList();
    }

    static String mbean(String pattern, String name) throws Exception {
        return mbeans(pattern).stream().filter(mbean -> mbean.contains("name=\"" + name + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " among " + pattern));
    }

    static void assertRefused(JsonNode answer) {
        assertThat(answer.path("status").asInt()).as(answer.toString()).isNotEqualTo(200);
        assertThat(answer.has("value")).as(answer.toString()).isFalse();
    }
}
