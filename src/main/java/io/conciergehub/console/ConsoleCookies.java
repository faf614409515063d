package io.conciergehub.console;

import io.conciergehub.api.HttpRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Message;

/**
 * The console's two cookies, both {@code HttpOnly} (no script reads them) and
 * {@code SameSite=Strict} (no other site's page sends them), {@code Secure} when the request came
 * over TLS: on the connection itself, or {@code X-Forwarded-Proto: https} from the proxy the hub
 * trusts (only when {@code api.client-ip-header} is set, i.e. the hub is reached through it alone).
 * <ul>
 * <li>{@value #SESSION}: the JWT, for {@code /console} (the page, its live feed) and
 * {@code /api/console} (its API): two cookies of the same name, one per path.</li>
 * <li>{@value #REFRESH}: the refresh token, sent only to {@code /console/session} (refresh, logout).</li>
 * </ul>
 * Neither token is ever in a URL or in a JSON body. Lifetimes are given as {@code Max-Age} (no
 * date: a comma would split the header).
 */
public final class ConsoleCookies {

    public static final String SESSION = "console_session";
    public static final String REFRESH = "console_refresh";
    static final List<String> SESSION_PATHS = List.of("/console", "/api/console");
    static final String REFRESH_PATH = "/console/session";

    private ConsoleCookies() {
    }

    /** The cookie's value in the request's {@code Cookie} header, or null. */
    public static String read(Message in, String name) {
        return fromHeader(HttpRequests.header(in, "Cookie"), name);
    }

    /** The cookie's value in a {@code Cookie} header, or null. */
    static String fromHeader(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                String value = pair.substring(equals + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** Whether the request reached the hub over TLS, directly or through the trusted proxy. */
    static boolean secure(Message in, boolean behindTrustedProxy) {
        if (HttpRequests.overTls(in)) {
            return true;
        }
        String proto = behindTrustedProxy ? HttpRequests.header(in, "X-Forwarded-Proto") : null;
        return proto != null && proto.split(",")[0].trim().toLowerCase(Locale.ROOT).equals("https");
    }

    /** The cookies of a session just opened or refreshed. */
    static List<String> issued(String jwt, long jwtSeconds, String refreshToken, long refreshSeconds, boolean secure) {
        List<String> cookies = new ArrayList<>();
        SESSION_PATHS.forEach(path -> cookies.add(cookie(SESSION, jwt, path, jwtSeconds, secure)));
        cookies.add(cookie(REFRESH, refreshToken, REFRESH_PATH, refreshSeconds, secure));
        return cookies;
    }

    /** The cookies that make the browser forget both (logout). */
    static List<String> cleared(boolean secure) {
        List<String> cookies = new ArrayList<>();
        SESSION_PATHS.forEach(path -> cookies.add(cookie(SESSION, "", path, 0, secure)));
        cookies.add(cookie(REFRESH, "", REFRESH_PATH, 0, secure));
        return cookies;
    }

    private static String cookie(String name, String value, String path, long maxAgeSeconds, boolean secure) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + Math.max(0, maxAgeSeconds)
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
