package io.conciergehub.messaging.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.Phones;
import io.conciergehub.messaging.OutboundMessage;
import io.conciergehub.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default provider: appends each outbound message as a JSON line to
 * {@code <data-dir>/outbound.jsonl} and logs that it did (masked, without the text). It answers
 * like an HTTP provider so the outbox treats every provider the same way.
 */
public final class LogProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LogProvider.class);

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;

    public LogProvider(Path file, ObjectMapper json, Clock clock) {
        this.file = file;
        this.json = json;
        this.clock = clock;
    }

    public synchronized String send(@Body OutboundMessage message, Exchange exchange) throws IOException {
        String id = "log-" + UUID.randomUUID();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("at", clock.instant().toString());
        line.put("to", message.phone());
        line.put("language", message.language());
        line.put(message.isTemplate() ? "template" : "text", message.isTemplate() ? message.templateName() : message.text());
        PrivateFiles.write(file, (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        LOG.info("event=outbound.logged id={} to={} chars={} file={}", id, Phones.mask(message.phone()),
                message.text() == null ? 0 : message.text().length(), file);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        return json.writeValueAsString(Map.of("id", id));
    }
}
