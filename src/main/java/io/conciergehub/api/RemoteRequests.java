package io.conciergehub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;

/**
 * The body of a request to a remote API (the http-call template), as JSON from the request bean's
 * map. Not a {@code marshal} step, which looks its route up among all routes on every call; not the
 * ObjectMapper as the bean either: Camel would introspect its hundreds of methods in each route.
 */
public final class RemoteRequests {

    private final ObjectMapper json;

    public RemoteRequests(ObjectMapper json) {
        this.json = json;
    }

    public byte[] body(@Body Object request) throws JsonProcessingException {
        return json.writeValueAsBytes(request);
    }
}
