package io.conciergehub.support;

import java.io.IOException;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests: the one at {@code REDIS_URL} when set, otherwise a redis-server binary
 * (shipped by embedded-redis) started on a free loopback port and stopped afterwards.
 */
public final class TestRedis implements AutoCloseable {

    private final String url;
    private final RedisServer server;

    private TestRedis(String url, RedisServer server) {
        this.url = url;
        this.server = server;
    }

    public static TestRedis shared() throws IOException {
        String configured = System.getenv("REDIS_URL");
        return configured != null && !configured.isBlank() ? new TestRedis(configured.trim(), null) : ownServer();
    }

    /** Always a server of our own, for tests that stop it. */
    public static TestRedis ownServer() throws IOException {
        int port = TestHub.freePort();
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new TestRedis("redis://127.0.0.1:" + port, server);
    }

    public String url() {
        return url;
    }

    public void stopServer() throws IOException {
        server.stop();
    }

    @Override
    public void close() throws IOException {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }
}
