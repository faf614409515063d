package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** README "Operations": {@code GET|HEAD /health}. HEAD answers the same status as GET, without a body. */
class HeadHealthAnswersTheStatusWithoutABodyTest {

    @Test
    void headIs200WhileUpAnd503WhileTheDatabaseCannotTakeAWrite() throws Exception {
        try (TestHub hub = TestHub.builder().start()) {
            HttpResponse<String> up = hub.request("HEAD", "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEmpty();
            assertThat(up.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/json"));

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir().resolve("hub.db"));
                 Statement lock = other.createStatement()) {
                lock.execute("PRAGMA busy_timeout = 0");
                lock.execute("BEGIN EXCLUSIVE");
                HttpResponse<String> down = hub.request("HEAD", "/health");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).isEmpty();
                lock.execute("ROLLBACK");
            }
            assertThat(hub.request("HEAD", "/health").statusCode()).isEqualTo(200);
        }
    }
}
