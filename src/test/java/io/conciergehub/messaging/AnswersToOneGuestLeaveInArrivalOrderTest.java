package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers to one guest leave in the order the guest's messages arrived, whichever concierge worker
 * or sender handles them, and across a restart; answers may go out merged, never twice.
 */
class AnswersToOneGuestLeaveInArrivalOrderTest {

    /** Five clear questions and how their answers (knowledge/en.yaml) begin, in the order asked. */
    static final List<String> QUESTIONS = List.of("wifi password?", "what time is breakfast?", "is there parking?",
            "what time is check-in?", "what time is check-out?");
    static final List<String> ANSWERS = List.of("The Wi-Fi network is", "Breakfast is served", "Parking is available",
            "Check-in is from", "Check-out is by");

    static TestHub.Builder busy(SpokiStub spoki) {
        // Several concierge workers and senders, so that nothing but the outbox's order keeps them in line.
        return spoki.configure(TestHub.builder()).property("concierge.workers", "4")
                .property("messaging.send-concurrency", "4");
    }

    @Test
    void fiveQuestionsWithinASecondAreAnsweredInTheOrderAsked() throws Exception {
        String phone = "+393337650001";
        try (SpokiStub spoki = new SpokiStub(); TestHub hub = busy(spoki).start()) {
            for (String question : QUESTIONS) {
                assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, question)).statusCode()).isEqualTo(200);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> allAnswered(spoki, phone));
            assertAnsweredInOrderOnce(spoki, phone);
        }
    }

    @Test
    void fiveQuestionsAreAnsweredInTheOrderAskedAcrossARestartInTheMiddle() throws Exception {
        String phone = "+393337650002";
        try (SpokiStub spoki = new SpokiStub()) {
            Path dataDir;
            int port = TestHub.freePort();
            try (TestHub hub = busy(spoki).port(port).start()) {
                dataDir = hub.dataDir();
                for (String question : QUESTIONS.subList(0, 3)) {
                    assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, question)).statusCode()).isEqualTo(200);
                }
            }
            try (TestHub again = busy(spoki).dataDir(dataDir).port(port).start()) {
                for (String question : QUESTIONS.subList(3, 5)) {
                    assertThat(again.postSpoki(Webhooks.spokiInbound(phone, question)).statusCode()).isEqualTo(200);
                }

                await().atMost(Duration.ofSeconds(30)).until(() -> allAnswered(spoki, phone));
                assertAnsweredInOrderOnce(spoki, phone);
                assertThat(again.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            }
        }
    }

    static boolean allAnswered(SpokiStub spoki, String phone) {
        String sent = String.join("\n", spoki.textsTo(phone));
        return ANSWERS.stream().allMatch(sent::contains);
    }

    /** The texts sent to the guest, one after the other, hold each answer once, in the order asked. */
    static void assertAnsweredInOrderOnce(SpokiStub spoki, String phone) {
        String sent = String.join("\n\n", spoki.textsTo(phone));
        int previous = -1;
        for (String answer : ANSWERS) {
            int at = sent.indexOf(answer);
            assertThat(at).as("'%s' in %s", answer, sent).isGreaterThan(previous);
            assertThat(sent.indexOf(answer, at + 1)).as("'%s' sent once", answer).isEqualTo(-1);
            previous = at;
        }
    }
}
