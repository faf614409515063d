package io.conciergehub.console;

import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.HttpRequests;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The door of the console's operations, as {@link ApiGate} is the mesh API's:
 * {@code admit(*, 'read')} in a route, the scopes as an API key's. A request with an API key
 * ({@code X-API-Key} or {@code Authorization}) is the API gate's; otherwise the console session's
 * JWT cookie must be valid, its session live and its account enabled (checked in the database on
 * every request, so logout, "log out everywhere" and disabling an account take effect at once).
 * A staff account holds the scopes read and commands, an admin also admin. The caller is kept on
 * the exchange as an API key's would be ({@link ApiGate#CALLER}, id {@code staff:<name>}), so the
 * audit line and the audit rows name the account; the account itself under {@link #ACCOUNT}.
 *
 * <p>CSRF: a request authenticated by its cookie that may change something (anything but GET and
 * HEAD) must carry {@value #CSRF_HEADER}{@code : 1}. A form or a link of another site cannot set
 * a header, and a cross-site script that sets one needs a CORS preflight the hub never grants;
 * the cookies' {@code SameSite=Strict} keeps them off other sites' requests in the first place.
 * Requests with an API key carry no ambient credential and need no such header.
 */
public final class ConsoleGate {

    public static final String ACCOUNT = "consoleAccount";
    public static final String CSRF_HEADER = "X-Console-Request";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final ApiGate apiGate;
    private final SessionTokens tokens;
    private final StaffSessions sessions;

    public ConsoleGate(ApiGate apiGate, SessionTokens tokens, StaffSessions sessions) {
        this.apiGate = apiGate;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /**
     * Admits the request or refuses it (429, 401, 403). {@code scopes}: the scope the operation
     * needs, or several separated by '|' of which one is enough. An API key is limited per key and
     * per client address; a live session per account only; a request with neither per address.
     */
    public void admit(Exchange exchange, String scopes) {
        Message in = exchange.getMessage();
        boolean withKey = HttpRequests.header(in, "X-API-Key") != null || HttpRequests.header(in, "Authorization") != null;
        if (withKey) {
            apiGate.admit(exchange, scopes);
        } else {
            apiGate.admitSession(exchange, scopes, message -> sessionCaller(exchange));
        }
    }

    /**
     * What no session admits, since it makes or ends one (login, refresh, logout): the public flood
     * guard per client address; the login counts its attempts on top (LoginGuard).
     */
    public void admitAnyone(Exchange exchange) {
        exchange.setProperty("meshMethod", exchange.getMessage().getHeader(Exchange.HTTP_METHOD));
        exchange.setProperty("meshPath", exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        apiGate.admitPublic(exchange);
    }

    /** Admits a console session only, of any role (for what only a session can do: log out everywhere). */
    public void admitSession(Exchange exchange) {
        apiGate.admitSession(exchange, "read", message -> sessionCaller(exchange));
    }

    private Caller sessionCaller(Exchange exchange) {
        Message in = exchange.getMessage();
        String token = ConsoleCookies.read(in, ConsoleCookies.SESSION);
        if (token == null) {
            throw HttpProblem.unauthorized("a console session (log in, or refresh it) or an API key is required");
        }
        SessionTokens.Claims claims = tokens.verify(token).orElseThrow(() ->
                HttpProblem.unauthorized("the console session has expired or is not valid; refresh it or log in"));
        StaffAccount account = sessions.liveAccount(claims.sid())
                .filter(live -> live.name().equalsIgnoreCase(claims.name()))
                .orElseThrow(() -> HttpProblem.unauthorized("the console session has ended; log in again"));
        requireCsrfHeader(exchange);
        exchange.setProperty(ACCOUNT, account);
        return new Caller(StaffSessions.actor(account), account.role().scopes());
    }

    /** A request that may change something must carry {@value #CSRF_HEADER}: 1 (see the class comment). */
    public static void requireCsrfHeader(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = String.valueOf(in.getHeader(Exchange.HTTP_METHOD));
        if (!SAFE_METHODS.contains(method) && !"1".equals(HttpRequests.header(in, CSRF_HEADER))) {
            throw HttpProblem.forbidden("the console's requests that change something need the header "
                    + CSRF_HEADER + ": 1");
        }
    }
}
