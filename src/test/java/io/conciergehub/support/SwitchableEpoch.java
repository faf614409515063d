package io.conciergehub.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The node's sending epoch as a test switches it, in place of the failover's: a test class adds
 * it in a {@code @Configure} method after the hub's configurations, then fences the node or makes
 * it active again under a higher epoch, as a peer's heartbeat or a promotion would. (Lazy like the
 * failover's binding, so that it replaces it; {@code @ReplaceInRegistry} comes after the outbox
 * has taken the failover's.)
 */
public final class SwitchableEpoch implements CamelConfiguration {

    private final AtomicLong current = new AtomicLong(1);
    private final AtomicLong highest = new AtomicLong(1);

    @BindToRegistry(value = "sendingEpoch", lazy = true)
    public LongSupplier sendingEpoch() {
        return current::get;
    }

    /** Fenced: a peer holds a higher epoch; nothing may start a send. */
    public void fence() {
        current.set(-1);
    }

    /** Active again under an epoch above every earlier one. */
    public void promote() {
        current.set(highest.incrementAndGet());
    }
}
