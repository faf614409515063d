package io.conciergehub.ops;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a higher layer keeps suspended on purpose and has stored (the workers' and the budget's
 * pauses, mesh/WorkerControl): {@code /api/routes} does not start such a route behind its back.
 */
public interface StoredPauses {

    /** Nothing is held. */
    StoredPauses NONE = routeId -> null;

    /** Why {@code routeId} must stay suspended now, or null when it may run. */
    String holds(String routeId);

    /** Of these routes, the ones a stored pause holds now, each with why, in their order. */
    default Map<String, String> held(Collection<String> routeIds) {
        Map<String, String> held = new LinkedHashMap<>();
        for (String id : routeIds) {
            String why = holds(id);
            if (why != null) {
                held.put(id, why);
            }
        }
        return held;
    }

    /**
     * What a group's start says of the routes it left suspended: "route 'flights' stays suspended:
     * …; route 'weather' stays suspended: …".
     */
    static String staySuspended(Map<String, String> held) {
        return String.join("; ", held.entrySet().stream()
                .map(entry -> "route '" + entry.getKey() + "' stays suspended: " + entry.getValue()).toList());
    }
}
