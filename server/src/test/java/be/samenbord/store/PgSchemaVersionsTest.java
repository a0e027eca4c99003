package be.samenbord.store;

import be.samenbord.indicators.store.PgIndicatorStore;
import be.samenbord.indicators.store.Vault;
import be.samenbord.testkit.Postgres;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static be.samenbord.store.StoreFixtures.await;
import static be.samenbord.store.StoreFixtures.workshop;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One schema version for the whole database (IND-14, DU-8): the team indicator tables are version
 * 3, after the board store's versions 1 (workshops, batches, snapshots) and 2 (workshop_boards). A
 * database left at version 2 by a node without indicators gets them, whichever store opens first,
 * and keeps its data; opening again changes nothing.
 */
class PgSchemaVersionsTest {

    private static Postgres pg;
    private static Vertx vertx;
    private static final Vault VAULT = Vault.fromSetting(Base64.getEncoder().encodeToString(new byte[32]));

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

    private static List<String> rows(String url, String sql) {
        PgConnection c = PgConnection.connect(vertx, url).await();
        try {
            List<String> out = new ArrayList<>();
            for (Row r : c.query(sql).execute().await()) out.add(String.valueOf(r.getValue(0)));
            return out;
        } finally {
            c.close().await();
        }
    }

    private static final String VERSIONS = "SELECT version FROM samenbord_schema ORDER BY version";
    private static final String INDICATOR_TABLES = "SELECT tablename FROM pg_tables WHERE tablename LIKE 'indicator_%' ORDER BY tablename";

    @Test
    @DisplayName("a version-2 database with a workshop: the indicator store brings it to version 3; the board store then opens it with its workshop")
    void versionTwoGetsIndicatorTables() throws IOException {
        String url = pg.createDatabase("schema_v2");
        Workshop old = workshop("ws-v2", "Van voor de indicatoren", "b-1");
        PgConnection c = PgConnection.connect(vertx, url).await();
        try {
            c.query("CREATE TABLE samenbord_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())").execute().await();
            for (int v = 1; v <= 2; v++) {
                for (String sql : PgSchema.MIGRATIONS.get(v - 1)) c.query(sql).execute().await();
                c.query("INSERT INTO samenbord_schema (version) VALUES (" + v + ")").execute().await();
            }
            c.preparedQuery(PgWrites.UPSERT_WORKSHOP).execute(PgWrites.workshopRow(old)).await();
        } finally {
            c.close().await();
        }
        assertEquals(3, PgSchema.VERSION);
        PgIndicatorStore.open(vertx, url, VAULT).close();
        assertEquals(List.of("1", "2", "3"), rows(url, VERSIONS));
        assertEquals(List.of("indicator_days", "indicator_imports", "indicator_people", "indicator_placements"),
                rows(url, INDICATOR_TABLES).stream().sorted().toList());

        PgStore boards = new PgStore(vertx, url);
        try {
            boards.recover();
            assertEquals("ws-v2", await(boards.loadWorkshopOfBoard("b-1")).orElseThrow().id(), "version 2's data is kept");
        } finally {
            boards.close();
        }
        PgIndicatorStore.open(vertx, url, VAULT).close();
        assertEquals(List.of("1", "2", "3"), rows(url, VERSIONS), "opening again changes nothing");
    }

    @Test
    @DisplayName("a new database: the board store migrates it to version 3, indicator tables included; the indicator store then opens it as it is")
    void freshDatabaseBoardStoreFirst() throws IOException {
        String url = pg.createDatabase("schema_new");
        PgStore boards = new PgStore(vertx, url);
        try {
            boards.recover();
        } finally {
            boards.close();
        }
        assertEquals(List.of("1", "2", "3"), rows(url, VERSIONS));
        assertEquals(4, rows(url, INDICATOR_TABLES).size());
        PgIndicatorStore.open(vertx, url, VAULT).close();
        assertEquals(List.of("1", "2", "3"), rows(url, VERSIONS));
    }
}
