package io.conciergehub.console;

import io.conciergehub.api.ApiKeys.Scope;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a staff account may do, as the API keys' scopes: staff read and command, an admin also administers. */
public enum StaffRole {
    STAFF(EnumSet.of(Scope.READ, Scope.COMMANDS)),
    ADMIN(EnumSet.of(Scope.READ, Scope.COMMANDS, Scope.ADMIN));

    private final Set<Scope> scopes;

    StaffRole(Set<Scope> scopes) {
        this.scopes = Set.copyOf(scopes);
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    /** As stored and shown: {@code admin}, {@code staff}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StaffRole> of(String label) {
        for (StaffRole role : values()) {
            if (role.label().equals(label)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
