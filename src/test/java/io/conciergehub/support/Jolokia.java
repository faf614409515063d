package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;

/** A hub's JMX over HTTP at /observe/jolokia, called as Hawtio calls it. */
public final class Jolokia {

    public static final String PATH = "/observe/jolokia";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubClient hub;

    public Jolokia(HubClient hub) {
        this.hub = hub;
    }

    /** A Jolokia request as Hawtio sends it: POST with the key as a bearer token; Jolokia's answer. */
    public JsonNode call(String request) throws Exception {
        HttpResponse<String> answer = hub.postJson(PATH, request, "Authorization", "Bearer " + TestHub.API_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The MBean of that type whose name key is the given one, found as Hawtio finds it: by search. */
    public String mbean(String pattern, String name) throws Exception {
        JsonNode found = call(JSON.createObjectNode().put("type", "search").put("mbean", pattern).toString());
        return StreamSupport.stream(found.path("value").spliterator(), false).map(JsonNode::asText)
                .filter(mbean -> mbean.contains("name=\"" + name + "\"") || mbean.contains("name=" + name + ","))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + found));
    }

    public JsonNode read(String mbean, String attribute) throws Exception {
        return call(request("read", mbean).put("attribute", attribute).toString());
    }

    public JsonNode write(String mbean, String attribute, Object value) throws Exception {
        return call(request("write", mbean).put("attribute", attribute).putPOJO("value", value).toString());
    }

    public JsonNode exec(String mbean, String operation, Object... arguments) throws Exception {
        ObjectNode request = request("exec", mbean).put("operation", operation);
        request.putPOJO("arguments", arguments);
        return call(request.toString());
    }

    private static ObjectNode request(String type, String mbean) {
        return JSON.createObjectNode().put("type", type).put("mbean", mbean);
    }

    /** Jolokia answers a refused request with HTTP 200 and status 403 in its JSON. */
    public static void assertRefused(JsonNode answer) {
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.has("value")).isFalse();
    }
}
