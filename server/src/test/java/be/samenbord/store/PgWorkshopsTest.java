package be.samenbord.store;

import be.samenbord.testkit.Postgres;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static be.samenbord.store.StoreFixtures.await;
import static be.samenbord.store.StoreFixtures.workshop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CU-9 in PostgreSQL (issue 13, finding 6): boards added to one workshop by two stores (two nodes)
 * at the same moment are a set union, never a lost update; a board's workshop is found by the
 * board's id; workshops stored before schema version 2 get their rows at the next start.
 */
class PgWorkshopsTest {

    private static Postgres pg;
    private static Vertx vertx;
    private static final AtomicInteger databases = new AtomicInteger();
    private final List<PgStore> opened = new ArrayList<>();

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

    @AfterEach
    void closeAll() throws IOException {
        for (PgStore s : opened) s.close();
    }

    private PgStore open(String url) throws IOException {
        PgStore s = new PgStore(vertx, url);
        opened.add(s);
        s.recover();
        return s;
    }

    @Test
    @DisplayName("CU-9 (finding 6): two nodes add a board each to one workshop at the same moment, 100 times: all 200 are stored, with the first ones, in order of addition")
    void concurrentAdditionsAreAUnion() throws IOException {
        String url = pg.createDatabase("w_" + databases.incrementAndGet());
        PgStore a = open(url);
        PgStore b = open(url);
        Workshop w = workshop("ws-union", "Samen", "first-1", "first-2");
        await(a.createWorkshop(w));
        // Each node keeps only what its own additions told it: it never hears of the other's.
        Workshop knownByA = w;
        Workshop knownByB = w;
        Set<String> added = new HashSet<>();
        for (int round = 0; round < 100; round++) {
            Workshop.BoardRef ra = new Workshop.BoardRef("a-" + round, "three-b");
            Workshop.BoardRef rb = new Workshop.BoardRef("b-" + round, "windroos");
            CompletableFuture<Workshop> fa = a.addBoards(knownByA, List.of(ra));
            CompletableFuture<Workshop> fb = b.addBoards(knownByB, List.of(rb));
            knownByA = await(fa);
            knownByB = await(fb);
            added.add(ra.id());
            added.add(rb.id());
            assertTrue(knownByA.hasBoard(ra.id()) && knownByB.hasBoard(rb.id()), "each node reads its own addition back, round " + round);
        }
        PgStore third = open(url);
        Workshop stored = await(third.loadWorkshop("ws-union")).orElseThrow();
        List<String> ids = stored.boards().stream().map(Workshop.BoardRef::id).toList();
        assertEquals(202, ids.size(), "2 + 200 boards, none twice: " + ids.size());
        assertEquals(List.of("first-1", "first-2"), ids.subList(0, 2), "the workshop's own boards first");
        assertTrue(ids.containsAll(added), "no addition lost");
        assertTrue(ids.indexOf("a-41") < ids.indexOf("a-42"), "additions in the order they were made");
        assertEquals("three-b", stored.boards().get(ids.indexOf("a-7")).template(), "templates kept");
        assertEquals(ids, await(third.loadWorkshops()).stream().filter(x -> x.id().equals("ws-union")).findFirst().orElseThrow()
                .boards().stream().map(Workshop.BoardRef::id).toList(), "loadWorkshops reads the same");
        PgStore restarted = new PgStore(vertx, url);
        opened.add(restarted);
        assertEquals(ids, restarted.recover().workshops().stream().filter(x -> x.id().equals("ws-union")).findFirst().orElseThrow()
                .boards().stream().map(Workshop.BoardRef::id).toList(), "and so does a restart");
        System.out.println("PgWorkshopsTest: 100 rounds of two concurrent additions, " + (ids.size() - 2) + " of 200 boards stored");
    }

    @Test
    @DisplayName("CU-9: a board's workshop is found by the board's id, whether the board came with the workshop or was added; unknown ids find nothing; an English workshop stays English (SE-3, merge finding)")
    void workshopOfBoard() throws IOException {
        String url = pg.createDatabase("w_" + databases.incrementAndGet());
        PgStore s = open(url);
        Workshop dutch = workshop("ws-find", "Zoek", "own-board");
        Workshop w = new Workshop(dutch.id(), dutch.title(), dutch.createdAt(), dutch.tokenHashes(), dutch.boards(), "en");
        await(s.createWorkshop(w));
        await(s.addBoards(w, List.of(new Workshop.BoardRef("added-board", "windroos"))));
        assertEquals(Optional.of("ws-find"), await(s.loadWorkshopOfBoard("own-board")).map(Workshop::id));
        Workshop viaAdded = await(s.loadWorkshopOfBoard("added-board")).orElseThrow();
        assertEquals(List.of("own-board", "added-board"), viaAdded.boards().stream().map(Workshop.BoardRef::id).toList());
        assertEquals(w.tokenHashes(), viaAdded.tokenHashes());
        assertEquals("en", viaAdded.lang(), "a workshop read with its added boards keeps its language");
        assertEquals("en", await(s.loadWorkshop("ws-find")).orElseThrow().lang());
        assertEquals(Optional.empty(), await(s.loadWorkshopOfBoard("no-such-board")));
        assertEquals(Optional.empty(), await(s.loadWorkshop("no-such-workshop")));
    }

    @Test
    @DisplayName("CU-9: a version-1 database migrates to version 2 and its workshops' boards get rows at start")
    void migratesVersionOne() throws IOException {
        String url = pg.createDatabase("w_" + databases.incrementAndGet());
        Workshop old = workshop("ws-old", "Van vroeger", "old-1", "old-2");
        PgConnection c = PgConnection.connect(vertx, url).await();
        try {
            c.query("CREATE TABLE samenbord_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())").execute().await();
            for (String sql : PgSchema.MIGRATIONS.getFirst()) c.query(sql).execute().await();
            c.query("INSERT INTO samenbord_schema (version) VALUES (1)").execute().await();
            c.preparedQuery(PgWrites.UPSERT_WORKSHOP).execute(PgWrites.workshopRow(old)).await();
        } finally {
            c.close().await();
        }
        PgStore s = open(url);
        assertEquals(List.of("old-1", "old-2"), await(s.loadWorkshopOfBoard("old-2")).orElseThrow().boards().stream()
                .map(Workshop.BoardRef::id).toList(), "rows made at start for a workshop stored under version 1");
        Workshop after = await(s.addBoards(old, List.of(new Workshop.BoardRef("new-1", "windroos"))));
        assertEquals(List.of("old-1", "old-2", "new-1"), after.boards().stream().map(Workshop.BoardRef::id).toList());
        PgConnection check = PgConnection.connect(vertx, url).await();
        try {
            assertEquals(3L, check.preparedQuery("SELECT count(*) FROM workshop_boards WHERE workshop = $1")
                    .execute(Tuple.of("ws-old")).await().iterator().next().getLong(0));
        } finally {
            check.close().await();
        }
    }
}
