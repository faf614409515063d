package io.conciergehub.console;

import java.util.LinkedHashMap;
import java.util.Map;

/** A staff account as the hub shows it: never its password hash. {@code lockedUntil}: epoch ms, or null. */
public record StaffAccount(long id, String name, StaffRole role, boolean disabled, int failedLogins, Long lockedUntil,
        long createdAt, long updatedAt) {

    public boolean lockedAt(long now) {
        return lockedUntil != null && lockedUntil > now;
    }

    /** The account for an API answer. */
    public Map<String, Object> shown(long now) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("name", name);
        shown.put("role", role.label());
        shown.put("disabled", disabled);
        shown.put("locked", lockedAt(now));
        shown.put("createdAt", java.time.Instant.ofEpochMilli(createdAt).toString());
        shown.put("updatedAt", java.time.Instant.ofEpochMilli(updatedAt).toString());
        return shown;
    }
}
