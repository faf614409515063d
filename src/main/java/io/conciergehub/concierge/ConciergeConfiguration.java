package io.conciergehub.concierge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/** The concierge: which language a guest writes, what they ask, and the answer (from the knowledge base, or a model). */
public class ConciergeConfiguration implements CamelConfiguration {

    /**
     * The bundled answers, or those of {@code concierge.knowledge-dir}, filled in with the hotel's
     * facts. Made at start, not lazily, right after the settings: a placeholder without a value, or
     * the demo facts with a real provider, stop the start before anything is created.
     */
    @BindToRegistry
    public KnowledgeBase knowledgeBase(CamelContext context, @PropertyInject("concierge.knowledge-dir") String dir,
            @PropertyInject("messaging.provider") String provider,
            @PropertyInject("concierge.allow-demo-facts") boolean allowDemoFacts,
            @PropertyInject("concierge.match-threshold") double threshold) {
        HotelFacts facts = HotelFacts.read(context.getPropertiesComponent(), System.getenv());
        KnowledgeBase knowledge = new KnowledgeBase(dir.isBlank() ? null : Path.of(dir), facts.values(), threshold);
        facts.requireOwnFactsFor(provider, allowDemoFacts);
        return knowledge;
    }

    /**
     * Lingua loads its models lazily: they are loaded once the hub is up (not competing with start-up
     * for the CPU), so that the first guest does not wait either.
     */
    @BindToRegistry(lazy = true)
    public LanguageGuesser languageGuesser(CamelContext context,
            @PropertyInject("concierge.language-accuracy") String accuracy) throws Exception {
        LanguageGuesser languages = new LanguageGuesser("high".equals(accuracy));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext starting, boolean alreadyStarted) {
                // the routes are about to start: loading the models now would take the CPU they start on
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                Thread warmUp = new Thread(languages::warmUp, "language-warm-up");
                warmUp.setDaemon(true);
                warmUp.start();
            }
        });
        return languages;
    }

    @BindToRegistry(lazy = true)
    public ConciergeService concierge(Database db, GuestRepository guests, KnowledgeBase knowledge,
            LanguageGuesser languages, Outbox outbox, StaffAlerts alerts, Clock clock,
            @PropertyInject("concierge.default-language") String defaultLanguage,
            @PropertyInject("llm.base-url") String llmUrl,
            @PropertyInject("ms:concierge.quiet-while-staff-answer") long quietWhileStaffAnswer) {
        return new ConciergeService(db, guests, knowledge, languages, outbox, alerts, defaultLanguage,
                !llmUrl.isEmpty(), quietWhileStaffAnswer, clock);
    }

    @BindToRegistry(lazy = true)
    public WebhooksFirst webhooksFirst(Metrics metrics, @PropertyInject("concierge.give-way-above") int abovePerSecond,
            @PropertyInject("ms:concierge.give-way-max") long maxWait) {
        return new WebhooksFirst(metrics::webhooksAnswered, System::nanoTime, metrics::conciergeGaveWay, abovePerSecond,
                Duration.ofMillis(maxWait));
    }

    /**
     * The guest messages a concierge worker is deciding (or has decided) in this process: the sweep
     * hands a message that waits longer than 2 s (one the model is still answering) to the queue
     * again, and a second worker must not ask the model the same question meanwhile. A failed
     * decision leaves it (the sweep's next try is taken).
     */
    @BindToRegistry(lazy = true)
    public IdempotentRepository conciergeInFlight() {
        return MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
    }

    /** Off while neither alerts.slack-webhook-url nor alerts.email-to is set. */
    @BindToRegistry(lazy = true)
    public StaffAlerts staffAlerts(Database db, GuestRepository guests, Clock clock,
            @PropertyInject("alerts.slack-webhook-url") String slackUrl, @PropertyInject("alerts.email-to") String emailTo,
            @PropertyInject("ms:alerts.retry-delay") long retryDelay,
            @PropertyInject("ms:alerts.max-retry-delay") long maxRetryDelay,
            @PropertyInject("ms:alerts.give-up-after") long giveUpAfter, Metrics metrics) {
        return new StaffAlerts(db, guests, !slackUrl.isEmpty(), !emailTo.isEmpty(), retryDelay, maxRetryDelay,
                giveUpAfter, metrics, clock);
    }

    @BindToRegistry(lazy = true)
    public LlmAnswers llmAnswers(KnowledgeBase knowledge, ObjectMapper json, @PropertyInject("llm.model") String model,
            @PropertyInject("hotel.name") String hotelName) {
        return new LlmAnswers(knowledge, model, hotelName, json);
    }
}
