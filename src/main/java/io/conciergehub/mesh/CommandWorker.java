package io.conciergehub.mesh;

import io.conciergehub.api.Failures;
import io.conciergehub.events.DeadLetters;
import io.conciergehub.mesh.CommandActions.Refused;
import io.conciergehub.mesh.CommandStore.Running;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command worker's steps (routes {@code mesh-commands-worker} and {@code mesh-commands-sweep}, policy
 * {@code mesh-commands}): take a queued command, run its action inside the circuit breaker
 * {@value #BREAKER}, record the outcome. An action's effects and the command's final state are
 * committed in one transaction, so a crash never runs a command twice.
 */
public final class CommandWorker {

    public static final String BREAKER = "command-execution";
    private static final Logger LOG = LoggerFactory.getLogger(CommandWorker.class);

    /** The route that runs commands (mesh-commands.camel.yaml). */
    public static final String ROUTE = "mesh-commands-worker";

    private final BooleanSupplier suspended;
    private final Database db;
    private final CommandStore store;
    private final CommandActions actions;
    private final Metrics metrics;
    private final int maxAttempts;
    private final Clock clock;

    /** @param suspended whether the worker route is suspended: a command its last poll took stays queued */
    public CommandWorker(Database db, CommandStore store, CommandActions actions, Metrics metrics, int maxAttempts,
            BooleanSupplier suspended, Clock clock) {
        this.suspended = suspended;
        this.db = db;
        this.store = store;
        this.actions = actions;
        this.metrics = metrics;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /**
     * queued → running. False when the command is not queued (another worker has it, or it is done),
     * or the worker route is suspended (the sweep hands it on after it is resumed).
     */
    public boolean start(@ExchangeProperty("commandId") String id) {
        return !suspended.getAsBoolean() && store.start(id);
    }

    /**
     * Runs the command and records its outcome; unexpected errors propagate to the circuit breaker.
     * Returns the outbox rows of the messages it queued, for the route to hand to the outbox.
     */
    public List<Long> execute(@ExchangeProperty("commandId") String id) throws Exception {
        Running command = store.running(id).orElse(null);
        if (command == null) {
            return List.of();
        }
        Map<String, Object> controlResult = actions.control(command.action(), command.keyId());
        long now = clock.millis();
        List<Long> queued = new ArrayList<>();
        String outcome = db.write(c -> {
            Map<String, Object> result;
            String state = "succeeded";
            try {
                result = controlResult != null ? controlResult
                        : actions.perform(c, command.action(), command.payload(), command.keyId(), now);
            } catch (Refused refused) {
                state = "failed";
                result = Map.of("error", refused.getMessage());
            }
            store.finish(c, command, state, result, now);
            queued.addAll(CommandActions.queuedMessages(result));
            return state;
        });
        metrics.command(command.action().name(), outcome);
        LOG.info("event=command.done id={} action={} outcome={}", id, command.action(), outcome);
        return queued;
    }

    /** The circuit is open: the command goes back to the queue, this attempt not counted. */
    public void deferWhileOpen(@ExchangeProperty("commandId") String id) {
        store.requeueUncounted(id);
    }

    /** An unexpected error: queued again for the sweep, or failed (and a dead letter) after the last attempt. */
    public void executionFailed(@ExchangeProperty("commandId") String id,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        long now = clock.millis();
        String error = Failures.stored(cause);
        boolean dead = db.write(c -> {
            if (store.attempts(c, id) < maxAttempts) {
                store.requeue(c, id, now);
                return false;
            }
            store.fail(c, id, error, now);
            DeadLetters.record(c, "commands", id, error, null, now);
            return true;
        });
        LOG.warn("event=command.error id={} deadLetter={} error=\"{}\"", id, dead, Failures.logged(cause));
    }

    /** Commands queued longer than {@code olderThanMillis}: lost from the in-process queue, or deferred. */
    public List<String> due(long olderThanMillis) {
        return store.due(olderThanMillis);
    }
}
