package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A provider retries a webhook it believes failed: the guest must still get one answer. */
class DuplicateWebhookAnsweredOnceTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    @Test
    void theSameWebhookDeliveredThreeTimesIsAnsweredOnce() throws Exception {
        String body = Webhooks.spokiInbound("ev-repeat", "msg-repeat", "+393330000001", "Where can I park?");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ack = env.hub().postSpoki(body);
            assertThat(ack.statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo("+393330000001") >= 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND provider_message_id = 'msg-repeat'"))
                .isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> env.spoki().sentTo("+393330000001") == 1);
    }

    @Test
    void theSameWebhookDeliveredTenTimesConcurrentlyIsAnsweredOnce() throws Exception {
        String body = Webhooks.spokiInbound("ev-race", "msg-race", "+393330000002", "Is breakfast included?");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> acks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acks.add(pool.submit(() -> env.hub().postSpoki(body)));
        }
        for (Future<HttpResponse<String>> ack : acks) {
            assertThat(ack.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo("+393330000002") >= 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND provider_message_id = 'msg-race'"))
                .isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> env.spoki().sentTo("+393330000002") == 1);
    }
}
