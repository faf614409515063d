package io.conciergehub.store;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The data directory and what lives in it (the lock, the encryption key, the database), Redis when
 * configured, and the webhooks' idempotency keys. Whatever writes to the data directory takes the
 * {@link DataDirLock}, so it is made only once this hub holds the directory.
 */
public class StoreConfiguration implements CamelConfiguration {

    private static final String REDIS = "redis";

    /** One hub per data dir, held until it stops: a second hub or a restore would write under this one. */
    @BindToRegistry(lazy = true)
    public DataDirLock dataDirLock(@PropertyInject("concierge.data-dir") String dataDir) {
        DataDirLock lock = DataDirLock.acquire(Path.of(dataDir));
        // Only this user may read guests' data: a directory left loose by an older version is tightened.
        PrivateFiles.tighten(lock.directory());
        return lock;
    }

    /** The hub's database for camel-jdbc reads in the routes ({@code jdbc:hubDataSource}). */
    @BindToRegistry(value = "hubDataSource", lazy = true)
    public javax.sql.DataSource hubDataSource(Database db) {
        return db.readDataSource();
    }

    @BindToRegistry(lazy = true)
    public FieldCrypto fieldCrypto(DataDirLock dataDir, @PropertyInject("concierge.encryption-key") String key) {
        return FieldCrypto.fromConfiguredKeyOrFile(key, dataDir.directory());
    }

    @BindToRegistry(lazy = true)
    public Database database(DataDirLock dataDir, FieldCrypto crypto,
            @PropertyInject("store.durable-acks") boolean durableAcks) {
        return Database.open(dataDir.directory(), durableAcks, crypto);
    }

    /**
     * A lazily connecting client, so a Redis that is down at start-up degrades the hub instead of
     * stopping it. Not a lazy bean: with {@code concierge.redis-url} empty there is none.
     */
    @BindToRegistry(REDIS)
    public RedissonClient redis(@PropertyInject("concierge.redis-url") String url) {
        if (url.isBlank()) {
            return null;
        }
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer().setAddress(url).setConnectTimeout(1000).setTimeout(1000).setRetryAttempts(1)
                .setRetryInterval(200).setConnectionMinimumIdleSize(1).setConnectionPoolSize(8);
        return Redisson.create(config);
    }

    /** The Redis client, or null when {@code concierge.redis-url} is empty (the embedded fallbacks then). */
    public static RedissonClient redis(Registry registry) {
        return registry.lookupByNameAndType(REDIS, RedissonClient.class);
    }

    /** Provider message ids already taken in: in Redis when configured (shared by both nodes), else in SQLite. */
    @BindToRegistry(lazy = true)
    public IdempotentRepository webhookIdempotency(Registry registry, Database db) {
        RedissonClient redis = redis(registry);
        return redis != null ? new RedisIdempotentRepository(redis, "webhooks", Duration.ofDays(7))
                : new SqliteIdempotentRepository(db, "webhooks");
    }

    /** Made now: the directory is claimed right after the settings are read, and released last. */
    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        DataDirLock dataDirLock = registry.findSingleByType(DataDirLock.class);
        Database db = registry.findSingleByType(Database.class);
        RedissonClient redis = redis(registry);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                if (redis != null) {
                    redis.shutdown();
                }
                db.close();
                dataDirLock.close();
            }
        }, true, true);
    }
}
