package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.store.Database;
import io.conciergehub.store.SlowDisk;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staff reply is answered 202 only once it is on disk, as a guest's webhook is acknowledged: a
 * power cut right after the answer cannot lose a reply the receptionist saw accepted.
 */
class AStaffReplyIsAnsweredOnlyOnceItIsOnDiskTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    @Test
    void theAnswerWaitsForTheDisk() throws Exception {
        long guestId = InboxGuests.writes(env.hub(), "+393351240002", InboxGuests.WIFI);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        SlowDisk disk = SlowDisk.under(env.hub().context().getRegistry().lookupByNameAndType("database", Database.class));

        CompletableFuture<HttpResponse<String>> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return InboxGuests.reply(anna, guestId, "{\"text\":\"The code is on the card in your room\"}");
            } catch (Exception failed) {
                throw new CompletionException(failed);
            }
        });
        try {
            assertThat(disk.syncBegan()).as("the reply's commit is synced").isTrue();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> !reply.isDone());
        } finally {
            disk.finish();
        }

        HttpResponse<String> answer = reply.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }
}
