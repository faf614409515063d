package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** A guest's conversation through the real webhook, and its age as retention sees it. */
public final class Conversations {

    private Conversations() {
    }

    /** The guest at {@code phone} (E.164) asks {@code text}; returns the guest's id once the answer went out. */
    public static long guestAsks(TestHub hub, String phone, String text) throws Exception {
        int answered = OutboundLog.to(hub, phone).size();
        assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, text)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(hub, phone).size() > answered);
        return hub.count("SELECT guest_id FROM messages WHERE direction = 'in' ORDER BY id DESC LIMIT 1");
    }

    /** The guest at {@code phone} writes {@code text}; returns the provider's id of the message (its text is stored sealed). */
    public static String guestWrites(TestHub hub, String phone, String text) throws Exception {
        String id = "msg-" + java.util.UUID.randomUUID();
        assertThat(hub.postSpoki(Webhooks.spokiInbound("ev-" + id, id, phone, text)).statusCode()).isEqualTo(200);
        return id;
    }

    /** Makes the guest's messages {@code age} older, as if the conversation had happened then. */
    public static void backdate(HubClient hub, long guestId, Duration age) throws Exception {
        hub.update("UPDATE messages SET created_at = created_at - " + age.toMillis() + " WHERE guest_id = " + guestId);
    }

    public static long messagesOf(HubClient hub, long guestId) throws Exception {
        return hub.count("SELECT COUNT(*) FROM messages WHERE guest_id = " + guestId);
    }
}
