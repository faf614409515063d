package io.conciergehub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's operations on staff accounts ({@code /api/console/staff}, scope admin: an admin
 * API key or an admin's console session): create, list, disable, enable, reset a password. Every
 * change is audited with the account's name and who made it (StaffAccounts). Answers never hold a
 * password or its hash, and never repeat what the request sent but a valid name.
 */
public final class StaffApi {

    private static final Logger LOG = LoggerFactory.getLogger(StaffApi.class);
    private static final String NO_SUCH_ACCOUNT = "no staff account has this name";

    private final StaffAccounts accounts;
    private final Passwords passwords;
    private final ObjectMapper json;
    private final Clock clock;

    StaffApi(StaffAccounts accounts, Passwords passwords, ObjectMapper json, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.json = json;
        this.clock = clock;
    }

    /** {@code POST /api/console/staff} {name, role, password}: 201 with the account; 409 when the name is taken. */
    public ApiResponse create(Exchange exchange) throws Exception {
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("name", "role", "password"));
        String name = name(body);
        String roleLabel = Fields.text(body, "role", "role", true, 10);
        StaffRole role = StaffRole.of(roleLabel).orElseThrow(() ->
                HttpProblem.invalidField("role", "must be admin or staff"));
        String password = newPassword(body);
        StaffAccount created;
        try {
            created = accounts.create(name, role, passwords.hash(password), actor(exchange));
        } catch (StaffAccounts.NameTaken taken) {
            throw HttpProblem.conflict("an account with this name exists (names are unique whatever their case)");
        }
        LOG.info("event=console.staff-created account={} role={} by={}", created.name(), role.label(), actor(exchange));
        return new ApiResponse(201, created.shown(clock.millis()), Map.of());
    }

    /** {@code GET /api/console/staff}: every account, by name. */
    public ApiResponse list() {
        long now = clock.millis();
        return ApiResponse.ok(Map.of("staff", accounts.list().stream().map(account -> account.shown(now)).toList()));
    }

    /** {@code POST /api/console/staff/{name}/disable}: the account's sessions end at once. */
    public ApiResponse disable(Exchange exchange, @Header("name") String name) {
        return changed(accounts.setDisabled(known(name), true, actor(exchange)), "disabled", exchange);
    }

    /** {@code POST /api/console/staff/{name}/enable}: usable again, any lock-out lifted. */
    public ApiResponse enable(Exchange exchange, @Header("name") String name) {
        return changed(accounts.setDisabled(known(name), false, actor(exchange)), "enabled", exchange);
    }

    /** {@code POST /api/console/staff/{name}/password} {password}: a new password; the account's sessions end. */
    public ApiResponse resetPassword(Exchange exchange, @Header("name") String name) throws Exception {
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("password"));
        String password = newPassword(body);
        return changed(accounts.setPassword(known(name), passwords.hash(password), actor(exchange)), "password-reset",
                exchange);
    }

    private ApiResponse changed(java.util.Optional<StaffAccount> account, String what, Exchange exchange) {
        StaffAccount changed = account.orElseThrow(() -> HttpProblem.notFound(NO_SUCH_ACCOUNT));
        LOG.info("event=console.staff-{} account={} by={}", what, changed.name(), actor(exchange));
        return ApiResponse.ok(changed.shown(clock.millis()));
    }

    /** A name from the path: one that cannot name an account names none (404, not echoed). */
    private static String known(String name) {
        if (StaffAccounts.nameProblem(name).isPresent()) {
            throw HttpProblem.notFound(NO_SUCH_ACCOUNT);
        }
        return name;
    }

    private static String name(JsonNode body) {
        String name = Fields.text(body, "name", "name", true, 64);
        StaffAccounts.nameProblem(name).ifPresent(problem -> {
            throw HttpProblem.invalidField("name", problem);
        });
        return name;
    }

    private static String newPassword(JsonNode body) {
        String password = SessionApi.password(body, "password");
        Passwords.problem(password).ifPresent(problem -> {
            throw HttpProblem.invalidField("password", problem);
        });
        return password;
    }

    private static String actor(Exchange exchange) {
        return exchange.getProperty(ApiGate.CALLER, Caller.class).keyId();
    }
}
