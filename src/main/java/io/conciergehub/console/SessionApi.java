package io.conciergehub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.HttpRequests;
import io.conciergehub.ops.NodeStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's sessions over HTTP (docs/console.md): log in with name and password, refresh,
 * log out, log out everywhere, and who the session is. Answers carry the tokens in cookies only
 * ({@link ConsoleCookies}), never in their JSON. A failed login answers the same 401 for a wrong
 * password, a disabled account and a name no account has, after the same Argon2id work.
 */
public final class SessionApi {

    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);
    private static final String WRONG = "the name or the password is wrong";
    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final SessionTokens tokens;
    private final Passwords passwords;
    private final LoginGuard guard;
    private final ApiGate apiGate;
    private final ObjectMapper json;
    private final Clock clock;
    private final NodeStatus node;

    SessionApi(StaffAccounts accounts, StaffSessions sessions, SessionTokens tokens, Passwords passwords,
            LoginGuard guard, ApiGate apiGate, ObjectMapper json, Clock clock, NodeStatus node) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.passwords = passwords;
        this.guard = guard;
        this.apiGate = apiGate;
        this.json = json;
        this.clock = clock;
        this.node = node;
    }

    /** {@code POST /console/session} {name, password}: a session in cookies, or 401 / 429. */
    public ApiResponse login(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        ConsoleGate.requireCsrfHeader(exchange);
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("name", "password"));
        String name = Fields.text(body, "name", "name", true, 64);
        String password = SessionApi.password(body, "password");
        guard.count(in, apiGate.clientIp(in), name);

        Optional<StaffAccounts.WithHash> found = StaffAccounts.nameProblem(name).isEmpty()
                ? accounts.findWithHash(name) : Optional.empty();
        guard.refuseIfLocked(in, name, found.map(f -> f.account().lockedUntil()).orElse(null));
        boolean verified = found.isPresent() ? passwords.verify(found.get().passwordHash(), password)
                : passwords.verifyNothing(password);
        if (found.isEmpty()) {
            guard.unknownNameFailed(name);
            LOG.info("event=console.login-refused account=unknown");
            throw HttpProblem.unauthorized(WRONG);
        }
        StaffAccount account = found.get().account();
        if (!verified || account.disabled()) {
            Long locked = accounts.loginFailed(account.id(), guard.lockoutAfter, guard.lockoutMillis);
            LOG.info("event=console.login-refused account={} reason={}{}", account.name(),
                    verified ? "disabled" : "wrong-password", locked == null ? "" : " lockedFor=" + guard.lockoutMillis
                            / 1000 + "s");
            throw HttpProblem.unauthorized(WRONG);
        }
        accounts.loginSucceeded(account.id());
        StaffSessions.Issued issued = sessions.open(account);
        LOG.info("event=console.login account={} role={}", account.name(), account.role().label());
        return opened(exchange, account, issued);
    }

    /** {@code POST /console/session/refresh}: a new JWT and refresh token for the refresh cookie's session. */
    public ApiResponse refresh(Exchange exchange) {
        ConsoleGate.requireCsrfHeader(exchange);
        StaffSessions.Refreshed refreshed = sessions.refresh(ConsoleCookies.read(exchange.getMessage(),
                ConsoleCookies.REFRESH)).orElseThrow(() ->
                HttpProblem.unauthorized("the console session has ended; log in again"));
        return opened(exchange, refreshed.account(), refreshed.issued());
    }

    /**
     * {@code DELETE /console/session}: ends this browser's session (if any) and clears its cookies.
     * A passive node cannot end the session (the active node's database holds it) but still clears
     * the cookies: whoever uses this browser next is not logged in as the one who left.
     */
    public ApiResponse logout(Exchange exchange) {
        ConsoleGate.requireCsrfHeader(exchange);
        Message in = exchange.getMessage();
        String sid = tokens.verify(ConsoleCookies.read(in, ConsoleCookies.SESSION)).map(SessionTokens.Claims::sid)
                .orElse(null);
        boolean ended = node.active() && sessions.revoke(ConsoleCookies.read(in, ConsoleCookies.REFRESH), sid);
        setCookies(exchange, ConsoleCookies.cleared(secure(in)));
        return new ApiResponse(200, Map.of("loggedOut", ended), NO_STORE);
    }

    /** {@code POST /console/session/logout-everywhere}: ends every session of the account (admitted by its session). */
    public ApiResponse logoutEverywhere(Exchange exchange) {
        StaffAccount account = exchange.getProperty(ConsoleGate.ACCOUNT, StaffAccount.class);
        int ended = sessions.revokeAll(account);
        LOG.info("event=console.logout-everywhere account={} sessions={}", account.name(), ended);
        setCookies(exchange, ConsoleCookies.cleared(secure(exchange.getMessage())));
        return new ApiResponse(200, Map.of("sessionsEnded", ended), NO_STORE);
    }

    /** {@code GET /api/console/me}: the session's account (name, role, scopes), or an API key's id and scopes. */
    public ApiResponse me(Exchange exchange) {
        Map<String, Object> me = new LinkedHashMap<>();
        StaffAccount account = exchange.getProperty(ConsoleGate.ACCOUNT, StaffAccount.class);
        Caller caller = exchange.getProperty(ApiGate.CALLER, Caller.class);
        if (account != null) {
            me.put("name", account.name());
            me.put("role", account.role().label());
        } else {
            me.put("key", caller.keyId());
        }
        me.put("scopes", caller.scopes().stream().map(scope -> scope.name().toLowerCase(java.util.Locale.ROOT))
                .sorted().toList());
        return ApiResponse.ok(me);
    }

    private ApiResponse opened(Exchange exchange, StaffAccount account, StaffSessions.Issued issued) {
        long now = clock.millis();
        String jwt = tokens.issue(account.name(), issued.sid());
        setCookies(exchange, ConsoleCookies.issued(jwt, tokens.ttlMillis() / 1000, issued.refreshToken(),
                Math.max(0, issued.expiresAt() - now) / 1000, secure(exchange.getMessage())));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", account.name());
        answer.put("role", account.role().label());
        answer.put("accessExpiresAt", Instant.ofEpochMilli(now + tokens.ttlMillis()).toString());
        answer.put("sessionExpiresAt", Instant.ofEpochMilli(issued.expiresAt()).toString());
        return new ApiResponse(200, answer, NO_STORE);
    }

    /**
     * Sets the cookies on the HTTP response now, while the exchange still holds the request (Camel's
     * header filter keeps Set-Cookie off the headers it copies from the message).
     */
    private static void setCookies(Exchange exchange, List<String> cookies) {
        cookies.forEach(cookie -> HttpRequests.addResponseHeader(exchange.getMessage(), "Set-Cookie", cookie));
    }

    private boolean secure(Message in) {
        return ConsoleCookies.secure(in, apiGate.behindProxy());
    }

    /** A password field as typed (not trimmed): a string, at most {@link Passwords#MAX_LENGTH} characters. */
    static String password(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw HttpProblem.invalidField(field, "is required");
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw HttpProblem.invalidField(field, "must be a non-empty string");
        }
        if (node.asText().length() > Passwords.MAX_LENGTH * 2) {
            throw HttpProblem.invalidField(field, "is longer than " + Passwords.MAX_LENGTH + " characters");
        }
        return node.asText();
    }
}
