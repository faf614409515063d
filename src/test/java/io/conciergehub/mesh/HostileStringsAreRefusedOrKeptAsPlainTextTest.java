package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.support.HubUnderReview;
import io.conciergehub.support.HubUnderReview.Operation;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security review: SQL and script payloads in every string field of every API request are refused,
 * or stored as the plain text they are; no table is dropped or added, nothing is echoed as markup.
 */
class HostileStringsAreRefusedOrKeptAsPlainTextTest {

    @RegisterExtension
    static final HubUnderReview env = new HubUnderReview();

    static final List<String> HOSTILE = List.of("' OR '1'='1", "'; DROP TABLE guests; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "../../../etc/passwd", "{{7*7}}");

    static Stream<Operation> operationsWithBody() {
        return HubUnderReview.operationsWithBody();
    }

    @ParameterizedTest(name = "{0} with SQL and script payloads in every string field")
    @MethodSource("operationsWithBody")
    void hostileStringsAreRefusedOrKeptAsPlainText(Operation operation) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode valid = json.readTree(operation.validBody());
        List<String> fields = new ArrayList<>();
        stringFields(valid, "", fields);
        assertThat(fields).isNotEmpty();
        List<String> tables = env.tables();
        assertThat(tables).as("the hub's tables").contains("guests", "messages", "outbox", "commands");

        for (String field : fields) {
            for (String hostile : HOSTILE) {
                env.awaitWorkDone(); // an accepted command runs after its answer and writes then
                Map<String, Long> before = env.rowCounts();
                JsonNode attacked = valid.deepCopy();
                replace(attacked, field, hostile);
                HttpResponse<String> answer = env.call(operation, attacked.toString(), "application/json",
                        "X-API-Key", TestHub.API_KEY);

                int status = answer.statusCode();
                assertThat(status).as("%s %s = %s", operation, field, hostile).isIn(200, 201, 202, 207, 400, 404, 409);
                assertThat(env.tables()).as("no table dropped or added").containsExactlyElementsOf(tables);
                assertThat(answer.body()).as("nothing echoed as markup").doesNotContain("<script>");
                if (status == 400 || status == 404 || status == 409 || MeshJson.body(answer).path("rejected").asInt() > 0) {
                    assertThat(env.rowCounts()).as("%s %s = %s stored something", operation, field, hostile)
                            .isEqualTo(before);
                }
            }
        }
        assertThat(env.rowCounts().get("guests")).as("the guests table still has its rows").isPositive();
    }

    /** JSON pointers of every string in the tree. */
    static void stringFields(JsonNode node, String path, List<String> fields) {
        if (node.isTextual()) {
            fields.add(path);
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> stringFields(node.get(name), path + "/" + name, fields));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                stringFields(node.get(i), path + "/" + i, fields);
            }
        }
    }

    static void replace(JsonNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(name), value);
        } else {
            ((ObjectNode) parent).put(name, value);
        }
    }
}
