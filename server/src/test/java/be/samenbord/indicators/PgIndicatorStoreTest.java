package be.samenbord.indicators;

import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.PgIndicatorStore;
import be.samenbord.indicators.store.Vault;
import be.samenbord.testkit.Postgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The PostgreSQL indicator store on a real server (IND-14): tables shared by a cluster. */
class PgIndicatorStoreTest extends IndicatorStoreContract {

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

    private static String db(Path dir) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return "i_" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected IndicatorStore open(Path dir, Vault vault) throws IOException {
        String db = db(dir);
        if (created.add(db)) pg.createDatabase(db);
        return PgIndicatorStore.open(vertx, pg.url(db), vault);
    }

    @Override
    protected String raw(Path dir) {
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pg.url(db(dir)))).using(vertx).build();
        try {
            StringBuilder b = new StringBuilder();
            // Plain columns as text; sealed (bytea) columns as their raw bytes, not as hex, whose
            // digits could spell any number by chance.
            String[] plain = {"SELECT id, workshop, key_hash, created FROM indicator_people", "SELECT person, day FROM indicator_days",
                    "SELECT t::text FROM indicator_placements t", "SELECT t::text FROM indicator_imports t"};
            for (String sql : plain) {
                for (Row r : pool.query(sql).execute().await()) {
                    for (int i = 0; i < r.size(); i++) b.append(r.getValue(i)).append(' ');
                }
            }
            for (String sql : new String[]{"SELECT consent FROM indicator_people", "SELECT data FROM indicator_days"}) {
                for (Row r : pool.query(sql).execute().await()) b.append(new String(r.getBuffer(0).getBytes(), StandardCharsets.ISO_8859_1));
            }
            return b.toString();
        } finally {
            pool.close().await();
        }
    }
}
