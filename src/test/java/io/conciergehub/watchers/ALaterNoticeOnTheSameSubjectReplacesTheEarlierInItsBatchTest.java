package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.FieldCrypto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A flight's delay grows again while its first notice still waits in the guest's batch: the batch
 * keeps the newer notice in place of the older, beside the notices on other subjects, and keeps its
 * id (what makes queueing it idempotent). What the batch keeps is sealed: no text in clear.
 */
class ALaterNoticeOnTheSameSubjectReplacesTheEarlierInItsBatchTest {

    final ObjectMapper json = new ObjectMapper();
    final NoticeBatches batches = new NoticeBatches(null, null, json, new FieldCrypto(new byte[32]), null);

    @Test
    void theNewerNoticeOnAFlightTakesTheOldOnesPlace() throws Exception {
        String batch = batches.merge(null, notice("flight|AZ608|2027-03-11", "AZ608 is 45 minutes late"));
        batch = batches.merge(batch, notice("weather|storm", "A storm is coming"));
        String id = batches.opened(batch).id();
        batch = batches.merge(batch, notice("flight|AZ608|2027-03-11", "AZ608 is 80 minutes late"));

        assertThat(batch).doesNotContain("AZ608", "storm", "Luca");
        NoticeBatches.Batch merged = batches.opened(batch);
        assertThat(merged.id()).isNotBlank().isEqualTo(id);
        assertThat(merged.notices()).extracting(Notice::text)
                .isEqualTo(List.of("A storm is coming", "AZ608 is 80 minutes late"));
    }

    private static Notice notice(String subject, String text) {
        return new Notice(7, subject, text, "en", "3001", null, Map.of("GUEST_NAME", "Luca"));
    }
}
