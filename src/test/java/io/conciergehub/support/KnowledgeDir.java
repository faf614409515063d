package io.conciergehub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A hotel's own knowledge directory ({@code concierge.knowledge-dir}): the bundled en.yaml with one intent more. */
public final class KnowledgeDir {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KnowledgeDir() {
    }

    /** Writes {@code dir/en.yaml} with {@code intent} added; answers {@code dir}. */
    public static Path withEnglishIntent(Path dir, String intent, List<String> keywords, String answer) throws Exception {
        ObjectNode english;
        try (InputStream bundled = KnowledgeDir.class.getResourceAsStream("/knowledge/en.yaml")) {
            english = (ObjectNode) YAML.readTree(bundled);
        }
        ObjectNode added = ((ObjectNode) english.get("intents")).putObject(intent);
        keywords.forEach(added.putArray("keywords")::add);
        added.put("answer", answer);
        Files.createDirectories(dir);
        YAML.writeValue(dir.resolve("en.yaml").toFile(), english);
        return dir;
    }
}
