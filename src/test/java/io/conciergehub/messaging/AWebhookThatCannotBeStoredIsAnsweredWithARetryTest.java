package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.BrokenDisk;
import io.conciergehub.store.Database;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webhook the hub cannot store (the disk fails to sync) is not acknowledged: the provider gets
 * the hub's JSON 500 with Retry-After, as for any failure of an API route, and nothing of the
 * failure's own text.
 */
class AWebhookThatCannotBeStoredIsAnsweredWithARetryTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theProviderIsToldToSendItAgain() throws Exception {
        BrokenDisk.under(env.hub().context().getRegistry().lookupByNameAndType("database", Database.class));

        HttpResponse<String> answer = env.hub().postSpoki(Webhooks.spokiInbound("+393331119988", "Ciao"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(new ObjectMapper().readTree(answer.body()).path("error").asText()).as(answer.body())
                .isEqualTo("internal_error");
        assertThat(answer.body()).doesNotContain("Input/output").doesNotContain("Exception");
    }
}
