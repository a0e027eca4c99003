package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.testkit.Postgres;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** What the PostgreSQL store adds to the contract: schema, duplicates, exact text, failures. */
class PgStoreTest {

    private static Postgres pg;
    private static Vertx vertx;
    private static final AtomicInteger databases = new AtomicInteger();

    private final List<Store> opened = new ArrayList<>();
    private String url;

    @BeforeAll
    static void startPostgres() {
        long t0 = System.nanoTime();
        pg = Postgres.start();
        System.out.printf("PostgreSQL started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
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

    @AfterEach
    void closeAll() throws IOException {
        for (Store s : opened) s.close();
    }

    private Store open() {
        if (url == null) url = pg.createDatabase("s_" + databases.incrementAndGet());
        return track(new PgStore(vertx, url));
    }

    private Store track(Store s) {
        opened.add(s);
        return s;
    }

    private List<Row> query(String sql) {
        PgConnection c = PgConnection.connect(vertx, url).await();
        try {
            List<Row> rows = new ArrayList<>();
            c.query(sql).execute().await().forEach(rows::add);
            return rows;
        } finally {
            c.close().await();
        }
    }

    @Test
    @DisplayName("the schema version row is written once; a second start migrates nothing and works")
    void schemaVersionAndIdempotentMigration() throws IOException {
        Store first = open();
        first.recover();
        await(first.append("board-a", batch(1)));
        first.close();
        assertEquals(List.of(1, 2), query("SELECT version FROM samenbord_schema ORDER BY 1").stream().map(r -> r.getInteger(0)).toList());
        assertEquals(List.of("batches", "samenbord_schema", "snapshots", "workshop_boards", "workshops"),
                query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
                        .stream().map(r -> r.getString(0)).toList());

        Store second = open();
        assertEquals(batches(1, 1), StoreReads.recover(second, "board-a").batches().get("board-a"));
        await(second.append("board-a", batch(2)));
        assertEquals(PgSchema.VERSION, query("SELECT count(*) FROM samenbord_schema").getFirst().getLong(0));
    }

    @Test
    @DisplayName("a database with a newer schema version is refused with a clear message")
    void newerSchemaRefused() throws IOException {
        open().recover();
        query("INSERT INTO samenbord_schema (version) VALUES (" + (PgSchema.VERSION + 1) + ")");
        IOException e = assertThrows(IOException.class, () -> open().recover());
        assertTrue(e.getMessage().contains("newer than this node knows"), e.getMessage());
    }

    @Test
    @DisplayName("appending the same (board, seq) twice fails nothing and stores it once")
    void duplicateAppend() throws IOException {
        Store store = open();
        store.recover();
        await(store.append("board-a", batch(1)));
        CompletableFuture<Void> again = store.append("board-a", batch(1));
        CompletableFuture<Void> sameGroup = store.append("board-a", batch(1));
        CompletableFuture<Void> next = store.append("board-a", batch(2));
        awaitAll(List.of(again, sameGroup, next));
        store.close();
        assertEquals(batches(1, 2), StoreReads.recover(open(), "board-a").batches().get("board-a"));
    }

    @Test
    @DisplayName("op values are TEXT and come back with their key order and text unchanged")
    void opValuesKeptAsText() throws IOException {
        Store store = open();
        store.recover();
        String value = "{\"z\":1,\"a\":[true,null,\"é ✓ 𝄞\"],\"m\":{\"y\":2,\"b\":3}}";
        AcceptedBatch b = new AcceptedBatch(1, REPLICA, "b-1", List.of(op("note-1", "data", value, 5)));
        await(store.append("board-a", b));
        store.close();
        assertEquals("text", query("SELECT data_type::text FROM information_schema.columns"
                + " WHERE table_name = 'batches' AND column_name = 'ops'").getFirst().getString(0));
        assertTrue(query("SELECT ops FROM batches").getFirst().getString(0).contains(value));
        assertEquals(List.of(b), StoreReads.recover(open(), "board-a").batches().get("board-a"));
    }

    @Test
    @DisplayName("a record that would not read back fails alone; the store carries on")
    void rejectedRecordFailsAlone() throws IOException {
        Store store = open();
        store.recover();
        AcceptedBatch broken = new AcceptedBatch(1, REPLICA, "b-x", List.of(op("n", "text", "{\"x\":", 1)));
        assertInstanceOf(IllegalArgumentException.class, awaitFailure(store.append("board-a", broken)));
        assertInstanceOf(IllegalArgumentException.class, awaitFailure(store.append("board\0", batch(1))));
        await(store.append("board-a", batch(1)));
        store.close();
        assertEquals(Map.of("board-a", batches(1, 1)), StoreReads.recover(open(), "board-a").batches());
    }

    @Test
    @DisplayName("an older snapshot never replaces a newer one, nor undoes a later workshop save")
    void olderSnapshotLoses() throws IOException {
        Store store = open();
        store.recover();
        Workshop v1 = workshop("ws-1", "Eerste", "board-a");
        Workshop v2 = workshop("ws-1", "Tweede", "board-a");
        await(store.saveWorkshop(v2));
        BoardSnapshot newer = new BoardSnapshot("board-a", "windroos", 5, List.of(op("n5", "text", "\"5\"", 5)), List.of());
        BoardSnapshot older = new BoardSnapshot("board-a", "windroos", 3, List.of(op("n3", "text", "\"3\"", 3)), List.of());
        for (long s = 1; s <= 6; s++) await(store.append("board-a", batch(s)));
        await(store.snapshot(() -> CompletableFuture.completedFuture(new SnapshotContent(List.of(v2), List.of(newer)))));
        await(store.snapshot(() -> CompletableFuture.completedFuture(new SnapshotContent(List.of(v1), List.of(older)))));
        store.close();
        StoreReads r = StoreReads.recover(open(), "board-a");
        assertEquals(List.of(v2), r.workshops());
        assertEquals(Map.of("board-a", newer), r.snapshots());
        assertEquals(Map.of("board-a", batches(6, 6)), r.batches());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    @DisplayName("journalBytesSinceSnapshot counts ops text and restarts at a snapshot")
    void bytesSinceSnapshot() throws IOException {
        Store store = open();
        store.recover();
        assertEquals(0, store.journalBytesSinceSnapshot());
        await(store.append("board-a", batch(1)));
        long one = store.journalBytesSinceSnapshot();
        assertTrue(one > 50, "counted " + one);
        await(store.append("board-a", batch(2)));
        assertTrue(store.journalBytesSinceSnapshot() > one);
        await(store.snapshot(() -> CompletableFuture.completedFuture(new SnapshotContent(List.of(), List.of()))));
        assertEquals(0, store.journalBytesSinceSnapshot());
    }

    @Test
    @DisplayName("after the server stops, a write fails (and every later one) instead of hanging")
    void serverStopped() throws IOException {
        try (Postgres own = Postgres.start()) {
            Store store = track(new PgStore(vertx, own.url()));
            store.recover();
            await(store.append("board-a", batch(1)));
            own.close();
            List<CompletableFuture<Void>> later = List.of(store.append("board-a", batch(2)),
                    store.saveWorkshop(workshop("ws-1", "Na de stop")), store.flushed(), store.append("board-a", batch(3)));
            for (CompletableFuture<Void> f : later) assertInstanceOf(IOException.class, awaitFailure(f));
            assertTimeoutPreemptively(Duration.ofSeconds(TIMEOUT_SECONDS), store::close);
        }
    }

    @Test
    @DisplayName("close() on the store's own event loop (where callbacks run) is refused rather than deadlocking")
    void closeOnStoreThreadRefused() throws IOException {
        Store store = open();
        store.recover();
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        // The capture always runs on the store's event loop, like a callback of its futures.
        CompletableFuture<Void> snap = store.snapshot(() -> {
            try {
                store.close();
                refused.complete(null);
            } catch (Throwable t) {
                refused.complete(t);
            }
            return CompletableFuture.completedFuture(new SnapshotContent(List.of(), List.of()));
        });
        assertInstanceOf(IllegalStateException.class, await(refused));
        await(snap);
        await(store.append("board-a", batch(1)));
    }

    @Test
    @DisplayName("a URL that is not postgresql:// is refused without repeating the password")
    void badUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PgStore(vertx, "mysql://u:secret@h:1/db"));
        assertFalse(e.getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> new PgStore(vertx, "postgresql://u:secret@h:notaport/db"));
        assertThrows(IllegalArgumentException.class, () -> new PgStore(vertx, "postgresql://u:secret@h:5432"));
        assertThrows(IllegalArgumentException.class, () -> new PgStore(vertx, "jdbc:postgresql://h:5432/db"));
    }
}
