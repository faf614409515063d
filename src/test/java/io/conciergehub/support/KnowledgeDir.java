package io.conciergehub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A hotel's own knowledge directory ({@code concierge.knowledge-dir}): a bundled file, changed. */
public final class KnowledgeDir {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KnowledgeDir() {
    }

    /** Writes {@code dir/en.yaml} with {@code intent} added; answers {@code dir}. */
    public static Path withEnglishIntent(Path dir, String intent, List<String> keywords, String answer) throws Exception {
        ObjectNode english = bundled("en");
        ObjectNode added = ((ObjectNode) english.get("intents")).putObject(intent);
        keywords.forEach(added.putArray("keywords")::add);
        added.put("answer", answer);
        return write(dir, "en", english);
    }

    /** Writes {@code dir/<language>.yaml} without the {@code replies} named (as a hotel's older file); answers {@code dir}. */
    public static Path withoutReplies(Path dir, String language, List<String> replies) throws Exception {
        ObjectNode file = bundled(language);
        ((ObjectNode) file.get("replies")).remove(replies);
        return write(dir, language, file);
    }

    private static ObjectNode bundled(String language) throws Exception {
        try (InputStream in = KnowledgeDir.class.getResourceAsStream("/knowledge/" + language + ".yaml")) {
            return (ObjectNode) YAML.readTree(in);
        }
    }

    private static Path write(Path dir, String language, ObjectNode file) throws Exception {
        Files.createDirectories(dir);
        YAML.writeValue(dir.resolve(language + ".yaml").toFile(), file);
        return dir;
    }
}
