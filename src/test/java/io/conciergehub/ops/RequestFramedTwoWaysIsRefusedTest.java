package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RawConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request carrying both Content-Length and Transfer-Encoding could be framed one way by a proxy
 * and another way by the hub (request smuggling): the hub answers 400 and closes the connection,
 * so nothing sent after it on that connection is read as a request.
 */
class RequestFramedTwoWaysIsRefusedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aRequestWithContentLengthAndTransferEncodingIsRefusedWith400AndItsConnectionClosed() throws Exception {
        try (RawConnection connection = RawConnection.to(env.hub())) {
            connection.send("POST /webhooks/spoki HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\n"
                    + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

            await().atMost(Duration.ofSeconds(10)).until(connection::closedByServer);

            assertThat(connection.received()).startsWith("HTTP/1.1 400").contains("\"error\"", "\"detail\"");
            assertThat(connection.received().split("HTTP/1.1 ", -1)).as("one answer: the smuggled request is not read")
                    .hasSize(2);
        }
    }
}
