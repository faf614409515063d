package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Processor;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;

/**
 * An outbox route test whose node the test fences, deposes and makes active again through
 * {@link #epoch}, in place of the failover's epoch.
 */
public abstract class OutboxOnASwitchableEpochTest extends OutboxRouteTest {

    protected final SwitchableEpoch epoch = new SwitchableEpoch();

    @Configure
    protected void anEpochTheTestSwitches(MainConfigurationProperties configuration) {
        configuration.addConfiguration(epoch);
    }

    /** What staff's replay of the row's dead letter does to the row: queued again, due now. */
    protected void replayByStaff(long outboxId) {
        database.write(c -> {
            outbox.replay(c, outboxId, System.currentTimeMillis());
            return null;
        });
    }

    /**
     * Queues a message whose request the provider holds while its node loses the role, takes it
     * back and recovers as on becoming active (the send becomes a "may have been delivered" dead
     * letter); then the provider answers that request with {@code lateAnswer}. Returns the row's
     * id once its send ended.
     */
    protected long answeredAfterItsNodeWasDeposed(String phone, String text, Processor lateAnswer) throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        provider.whenExchangeReceived(1, exchange -> {
            requestArrived.countDown();
            answer.await(10, TimeUnit.SECONDS); // the provider takes its time
            lateAnswer.process(exchange);
        });
        NotifyBuilder sendEnded = new NotifyBuilder(context).fromRoute("outbox-dispatch")
                .wereSentTo("direct:outbox-attempt").whenDone(1).create();
        long outboxId = queue(phone, text);
        assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();

        epoch.fence();
        epoch.promote();
        outbox.recoverInterrupted();
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        answer.countDown();
        assertThat(sendEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        return outboxId;
    }
}
