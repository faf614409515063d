package io.conciergehub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.HttpProblem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, in front of every route, a request whose path or query decodes to control characters
 * (CR, LF, ESC ...) or is not valid percent-encoding: 400 and one log line. No route reads such a
 * value as a header, a log field or a lookup key; a hostile request gets no stack trace either.
 */
public final class MalformedRequests implements Handler<RoutingContext> {

    public static final String PATH = "/*";
    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");

    private final ObjectMapper json;

    public MalformedRequests(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(RoutingContext routing) {
        if (malformed(routing.request().uri())) {
            // No part of the request in the line: it is what is malformed.
            LOG.info("event=http.refused status=400 error=malformed_request");
            HttpGate.refuse(routing, json, HttpProblem.badRequest(
                    "the request's path or query holds control characters or invalid percent-encoding"));
        } else {
            routing.next();
        }
    }

    static boolean malformed(String uri) {
        try {
            return CONTROL.matcher(uri).find()
                    || CONTROL.matcher(URLDecoder.decode(uri, StandardCharsets.UTF_8)).find();
        } catch (IllegalArgumentException notPercentEncoding) {
            return true;
        }
    }
}
