package io.conciergehub.ops;

/**
 * What a higher layer keeps suspended on purpose and has stored (the workers' and the budget's
 * pauses, mesh/WorkerControl): {@code /api/routes} does not start such a route behind its back.
 */
public interface StoredPauses {

    /** Nothing is held. */
    StoredPauses NONE = routeId -> null;

    /** Why {@code routeId} must stay suspended now, or null when it may run. */
    String holds(String routeId);
}
