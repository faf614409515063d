package io.conciergehub.console;

import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.RateLimiter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Message;

/**
 * What keeps a guesser slow: login attempts per client address and per account name, counted
 * per window in the hub's rate limiter (Redis when configured, so both nodes share the counts;
 * memory otherwise), and the lock-out after consecutive failures. An account's lock-out is kept
 * in its row (it replicates, an admin lifts it by enabling the account); a name no account has is
 * locked the same way in memory, so that the answers never tell which names exist.
 */
final class LoginGuard {

    private record Failures(int count, long lockedUntil) {
    }

    private final RateLimiter limiter;
    private final Clock clock;
    private final int perAddress;
    private final int perAccount;
    private final long windowMillis;
    final int lockoutAfter;
    final long lockoutMillis;
    private final Map<String, Failures> unknownNames = new ConcurrentHashMap<>();

    LoginGuard(RateLimiter limiter, Clock clock, int perAddress, int perAccount, long windowMillis, int lockoutAfter,
            long lockoutMillis) {
        this.limiter = limiter;
        this.clock = clock;
        this.perAddress = perAddress;
        this.perAccount = perAccount;
        this.windowMillis = windowMillis;
        this.lockoutAfter = lockoutAfter;
        this.lockoutMillis = lockoutMillis;
    }

    /** Counts one attempt from {@code address} for {@code name}; 429 with Retry-After over either limit. */
    void count(Message in, String address, String name) {
        count(in, "console-login-ip:" + address, perAddress);
        count(in, "console-login-name:" + key(name), perAccount);
    }

    private void count(Message in, String bucket, int limit) {
        RateLimiter.Window window = limiter.hit(bucket, windowMillis);
        if (window.count() > limit) {
            throw tooMany(in, window.resetMillis());
        }
    }

    /** 429 while the name is locked (an account's {@code lockedUntil}, or an unknown name's). */
    void refuseIfLocked(Message in, String name, Long accountLockedUntil) {
        long until = accountLockedUntil != null ? accountLockedUntil
                : unknownNames.getOrDefault(key(name), new Failures(0, 0)).lockedUntil();
        long now = clock.millis();
        if (until > now) {
            throw tooMany(in, until - now);
        }
    }

    /** A failed login for a name no account has: locked like an account after as many failures. */
    void unknownNameFailed(String name) {
        if (unknownNames.size() > 10_000) {
            unknownNames.clear();
        }
        long now = clock.millis();
        unknownNames.compute(key(name), (k, before) -> {
            int count = (before == null || before.lockedUntil() > 0 && before.lockedUntil() <= now ? 0 : before.count()) + 1;
            return count >= lockoutAfter ? new Failures(0, now + lockoutMillis) : new Failures(count, 0);
        });
    }

    private static HttpProblem tooMany(Message in, long millis) {
        long seconds = Math.max(1, (millis + 999) / 1000);
        in.setHeader("Retry-After", seconds);
        return new HttpProblem(429, "rate_limited", "too many login attempts; retry after " + seconds + " s");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
