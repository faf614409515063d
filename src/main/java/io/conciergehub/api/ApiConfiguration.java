package io.conciergehub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.StoreConfiguration;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.redisson.api.RedissonClient;

/** The door of every API route and webhook, and the answers and errors the routes write. */
public class ApiConfiguration implements CamelConfiguration {

    /** The configured keys, or one generated at the first start and kept in the data directory. */
    @BindToRegistry(lazy = true)
    public ApiKeys apiKeys(DataDirLock dataDir, @PropertyInject("concierge.api-keys") String configured) {
        return ApiKeys.fromConfiguredOrGenerated(configured, dataDir.directory());
    }

    /** Keys, scopes, rate limits (counted in Redis when configured, so both nodes share them). */
    @BindToRegistry(lazy = true)
    public ApiGate apiGate(ApiKeys apiKeys, Registry registry, ObjectMapper json, Clock clock,
            @PropertyInject("api.rate-limit") int apiLimit,
            @PropertyInject("api.webhook-rate-limit") int webhookLimit,
            @PropertyInject("api.public-rate-limit") int publicLimit,
            @PropertyInject("ms:api.rate-limit-window") long windowMillis,
            @PropertyInject("api.client-ip-header") String clientIpHeader) {
        return new ApiGate(apiKeys, rateLimiter(registry, clock), apiLimit, webhookLimit, publicLimit, windowMillis,
                clientIpHeader, json);
    }

    /** Request counters in Redis when configured (shared by both nodes), in memory otherwise. */
    public static RateLimiter rateLimiter(Registry registry, Clock clock) {
        RedissonClient redis = StoreConfiguration.redis(registry);
        return redis != null ? new RedisRateLimiter(redis, "concierge:rate:", clock) : new RateLimiter(clock);
    }

    @BindToRegistry(lazy = true)
    public HttpErrors httpErrors(ObjectMapper json) {
        return new HttpErrors(json);
    }

    @BindToRegistry(lazy = true)
    public RetryAfterDelay retryAfterDelay() {
        return new RetryAfterDelay();
    }

    @BindToRegistry(lazy = true)
    public RemoteRequests remoteRequests(ObjectMapper json) {
        return new RemoteRequests(json);
    }

    @BindToRegistry(lazy = true)
    public RemoteAnswers remoteAnswers(Clock clock) {
        return new RemoteAnswers(clock);
    }
}
