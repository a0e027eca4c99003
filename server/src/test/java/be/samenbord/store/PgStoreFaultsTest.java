package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Findings 2 and 5 of issue 13 on a real PostgreSQL. Before: one connection and no reconnect, so a
 * single blip failed the store for good; and a (board, seq) clash kept whichever row came first
 * ({@code ON CONFLICT DO NOTHING}) and silently dropped the other.
 */
class PgStoreFaultsTest {

    private static Postgres pg;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        pg = Postgres.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        try {
            if (vertx != null) vertx.close().await();
        } finally {
            if (pg != null) pg.close();
        }
    }

    private static PgStore open(String url) {
        return new PgStore(vertx, url, false, System::currentTimeMillis, 50, 500);
    }

    @Test
    @DisplayName("DU-5: PostgreSQL stopped: writes fail with StoreUnavailableException and the store is failing; started again: it heals by itself")
    void postgresBlipFailsLoudlyAndHeals() throws IOException {
        try (Postgres own = Postgres.start(); PgStore store = open(own.url())) {
            store.recover();
            List<AcceptedBatch> acked = new ArrayList<>();
            for (long s = 1; s <= 5; s++) {
                await(store.append("board-a", batch(s)));
                acked.add(batch(s));
            }
            own.pause();
            Throwable failed = awaitFailure(store.append("board-a", batch(6)));
            assertInstanceOf(StoreUnavailableException.class, failed, failed::toString);
            assertEquals(StoreStatus.State.FAILING, store.status().state());
            assertInstanceOf(StoreUnavailableException.class, awaitFailure(store.saveWorkshop(workshop("w", "W", "board-a"))));
            own.resume();
            Poll.until("the store heals", Duration.ofSeconds(20), () -> store.status().healthy());
            // No gap: seq 7 waits until 6 comes again.
            assertInstanceOf(StoreUnavailableException.class, awaitFailure(store.append("board-a", batch(7))));
            await(store.append("board-a", batch(6)));
            await(store.append("board-a", batch(7)));
            acked.add(batch(6));
            acked.add(batch(7));
            store.close();
            try (PgStore reopened = open(own.url())) {
                assertEquals(acked, StoreReads.recover(reopened, "board-a").batches().get("board-a"));
            }
        }
    }

    @Test
    @DisplayName("DU-8: a (board, seq) clash with different content fails that batch loudly; an identical re-insert is a no-op; the rest of the group is stored")
    void clashWithDifferentContentFailsLoudly() throws IOException {
        String url = pg.createDatabase("clash");
        try (PgStore store = open(url)) {
            store.recover();
            await(store.append("board-a", batch(1)));
            await(store.append("board-a", batch(1))); // a tail persisted twice: same content, harmless
            CompletableFuture<Void> other = store.append("board-b", batch(1));
            CompletableFuture<Void> clash = store.append("board-a", batch(1, "another text"));
            CompletableFuture<Void> after = store.append("board-c", batch(1));
            Throwable failed = awaitFailure(clash);
            assertInstanceOf(BatchClashException.class, failed, failed::toString);
            assertTrue(failed.getMessage().contains("board-a") && failed.getMessage().contains("seq 1"), failed.getMessage());
            await(other);
            await(after);
            assertTrue(store.status().healthy(), "a clash is not a store outage");
        }
        PgConnection c = PgConnection.connect(vertx, url).await();
        try {
            var rows = c.query("SELECT board, seq, batch FROM batches ORDER BY board, seq").execute().await();
            List<String> stored = new ArrayList<>();
            rows.forEach(r -> stored.add(r.getString(0) + "/" + r.getLong(1) + "/" + r.getString(2)));
            assertEquals(List.of("board-a/1/" + batch(1).batch(), "board-b/1/" + batch(1).batch(), "board-c/1/" + batch(1).batch()), stored);
        } finally {
            c.close().await();
        }
    }

    @Test
    @DisplayName("DU-7: an unreadable workshop row refuses a strict start naming the table and the setting; salvage starts without it")
    void unreadableWorkshopRowRefusesStrictStart() throws IOException {
        String url = pg.createDatabase("badworkshop");
        try (PgStore store = open(url)) {
            store.recover();
            await(store.saveWorkshop(workshop("ws-1", "Werkgroep", "board-a")));
            await(store.saveWorkshop(workshop("ws-2", "Tweede", "board-b")));
        }
        PgConnection c = PgConnection.connect(vertx, url).await();
        try {
            c.query("UPDATE workshops SET doc = '{\"id\":' WHERE id = 'ws-1'").execute().await();
        } finally {
            c.close().await();
        }
        IOException refused = assertThrows(IOException.class, () -> {
            try (PgStore store = open(url)) {
                store.recover();
            }
        });
        assertTrue(refused.getMessage().contains("workshops") && refused.getMessage().contains("ws-1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("SAMENBORD_RECOVERY=salvage"), refused.getMessage());
        try (PgStore salvage = new PgStore(vertx, url, true, System::currentTimeMillis, 50, 500)) {
            Recovery r = salvage.recover();
            assertEquals(List.of("ws-2"), r.workshops().stream().map(be.samenbord.workshop.Workshop::id).toList());
            assertFalse(r.fresh());
        }
    }
}
