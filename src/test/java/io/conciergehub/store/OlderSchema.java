package io.conciergehub.store;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * A data directory's database as a hub of an older version left it: migrated up to a version, the
 * Java migration included.
 */
public final class OlderSchema {

    private OlderSchema() {
    }

    /** The database of {@code dataDir} at {@code version}, under the directory's key file; a hub upgrades it. */
    public static SQLiteDataSource at(Path dataDir, String version) {
        SQLiteDataSource file = Database.sqlite(dataDir.resolve("hub.db"), 5000);
        Flyway.configure().dataSource(file).locations("classpath:db/migration")
                .javaMigrations(new SealNamesAndTexts(FieldCrypto.fromConfiguredKeyOrFile("", dataDir)))
                .target(version).load().migrate();
        return file;
    }
}
