package io.conciergehub.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The node's sending epoch as a test switches it, in place of the failover's (see
 * {@link OutboxOnASwitchableEpochTest}): fenced, or active again under the same or a higher
 * epoch, as a peer's heartbeat, a failed hand-back or a promotion would leave it. Bound lazily like
 * the failover's binding, so that it replaces it; {@code @ReplaceInRegistry} would come after the
 * outbox has taken the failover's.
 */
public final class SwitchableEpoch implements CamelConfiguration {

    private final AtomicLong current = new AtomicLong(1);
    private final AtomicLong highest = new AtomicLong(1);
    private final AtomicLong known = new AtomicLong(1);

    @BindToRegistry(value = "sendingEpoch", lazy = true)
    public LongSupplier sendingEpoch() {
        return current::get;
    }

    @BindToRegistry(value = "knownEpoch", lazy = true)
    public LongSupplier knownEpoch() {
        return known::get;
    }

    /** Not active: fenced, or handing the role over; nothing may start a send. */
    public void fence() {
        current.set(-1);
    }

    /** Fenced by the peer's answer: it holds a higher epoch than any this node sent under. */
    public void fenceByAHigherEpoch() {
        current.set(-1);
        known.accumulateAndGet(highest.get() + 1, Math::max);
    }

    /** Active again under the epoch it held, as a node is after a hand-back that failed (no recovery). */
    public void resume() {
        current.set(highest.get());
    }

    /** Active again under an epoch above every earlier one. */
    public void promote() {
        current.set(highest.accumulateAndGet(known.get(), Math::max) + 1);
        highest.set(current.get());
        known.set(current.get());
    }
}
