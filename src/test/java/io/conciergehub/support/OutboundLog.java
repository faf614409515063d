package io.conciergehub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code <data-dir>/outbound.jsonl}, where the embedded 'log' provider writes what it sends. */
public final class OutboundLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboundLog() {
    }

    public static List<JsonNode> to(HubClient hub, String phone) {
        Path file = hub.dataDir().resolve("outbound.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(OutboundLog::parse)
                    .filter(line -> phone.equals(line.path("to").asText())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
