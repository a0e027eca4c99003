package be.samenbord.store;

import be.samenbord.testkit.Postgres;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL store against the contract every store must pass, on a real server started once
 * for the class. Each test's dir maps to its own database, so reopening sees the same data.
 */
class PgStoreContractTest extends StoreContract {

    private static Postgres pg;
    private static Vertx vertx;
    private static final Set<String> created = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startPostgres() {
        pg = Postgres.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopPostgres() {
        try {
            if (vertx != null) vertx.close().await();
        } finally {
            if (pg != null) pg.close();
        }
    }

    @Override
    protected Store open(Path dir) {
        String db = databaseFor(dir);
        if (created.add(db)) pg.createDatabase(db);
        return new PgStore(vertx, pg.url(db));
    }

    /** {@code t_} and 16 hex digits of the SHA-256 of the dir's path. */
    static String databaseFor(Path dir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return "t_" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
