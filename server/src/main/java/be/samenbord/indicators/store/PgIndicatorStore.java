package be.samenbord.indicators.store;

import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.model.PersonDays;
import io.vertx.core.Future;
import be.samenbord.store.PgSchema;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The indicator store in PostgreSQL (IND-14), shared by every node of a cluster: tables
 * {@code indicator_people} (consent sealed), {@code indicator_days} (one sealed row per person and
 * day), {@code indicator_placements}, {@code indicator_imports}: schema version 3 of the node's
 * database ({@link PgSchema}), migrated at start if the board store has not done so yet. Changes run in one transaction each, with the person's row locked, so two imports of one
 * person do not interleave and an import never lands after the person's erasure.
 */
public final class PgIndicatorStore implements IndicatorStore {

    private static final long TIMEOUT_MS = 60_000;

    private final Pool pool;
    private final Vault vault;

    private PgIndicatorStore(Pool pool, Vault vault) {
        this.pool = pool;
        this.vault = vault;
    }

    /** @param url {@code postgresql://user:pass@host:port/db}, as {@code SAMENBORD_STORE} gives it */
    public static PgIndicatorStore open(Vertx vertx, String url, Vault vault) throws IOException {
        PgConnectOptions options = PgConnectOptions.fromUri(url).addProperty("application_name", "samenbord-indicators");
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options).using(vertx).build();
        PgIndicatorStore s = new PgIndicatorStore(pool, vault);
        try {
            // The tables are schema version 3 of the node's database (PgSchema); the board store may
            // not have migrated yet, and migrating twice changes nothing.
            s.await(pool.withConnection(PgSchema::migrate), "bring the schema to version " + PgSchema.VERSION);
        } catch (IOException e) {
            pool.close();
            throw e;
        }
        return s;
    }

    private <T> T await(Future<T> f, String what) throws IOException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof java.io.UncheckedIOException u) throw u.getCause();
            throw new IOException("PostgreSQL could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("PostgreSQL did not " + what + " within " + TIMEOUT_MS / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to " + what);
        }
    }

    private Buffer sealConsent(String id, Consent c) {
        return Buffer.buffer(vault.seal(DayCodec.bytes(DayCodec.consentJson(c)), "consent:" + id));
    }

    private Consent consent(String id, Buffer sealed) throws IOException {
        return DayCodec.consent(DayCodec.read(vault.open(sealed.getBytes(), "consent:" + id)));
    }

    private Buffer sealDay(String person, Day d) {
        return Buffer.buffer(vault.seal(DayCodec.bytes(DayCodec.dayJson(d)), "day:" + person + ":" + d.date()));
    }

    private Day day(String person, LocalDate date, Buffer sealed) throws IOException {
        return DayCodec.day(DayCodec.read(vault.open(sealed.getBytes(), "day:" + person + ":" + date)));
    }

    private Person person(Row r) throws IOException {
        String id = r.getString("id");
        return new Person(id, r.getString("workshop"), r.getString("key_hash"), r.getLong("created"), consent(id, r.getBuffer("consent")));
    }

    @Override
    public void createPerson(Person p) throws IOException {
        await(pool.preparedQuery("INSERT INTO indicator_people (id, workshop, key_hash, created, consent) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(p.id(), p.workshop(), p.keyHash(), p.createdAt(), sealConsent(p.id(), p.consent()))), "store a person");
    }

    @Override
    public Optional<Person> person(String id) throws IOException {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT * FROM indicator_people WHERE id = $1").execute(Tuple.of(id)), "read a person");
        return rows.size() == 0 ? Optional.empty() : Optional.of(person(rows.iterator().next()));
    }

    @Override
    public List<Person> people(String workshop) throws IOException {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT * FROM indicator_people WHERE workshop = $1").execute(Tuple.of(workshop)),
                "read people");
        List<Person> out = new ArrayList<>();
        for (Row r : rows) out.add(person(r));
        return out;
    }

    /** Runs {@code work} in a transaction with the person's row locked; NoSuchPerson if there is none. */
    private <T> T locked(String person, String what, java.util.function.BiFunction<SqlConnection, Consent, Future<T>> work) throws IOException {
        return await(pool.withTransaction(conn -> conn.preparedQuery("SELECT consent FROM indicator_people WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(person)).compose(rows -> {
                    if (rows.size() == 0) return Future.failedFuture(new NoSuchPerson(person));
                    try {
                        return work.apply(conn, consent(person, rows.iterator().next().getBuffer("consent")));
                    } catch (IOException | RuntimeException e) {
                        return Future.failedFuture(e);
                    }
                })), what);
    }

    @Override
    public Person saveConsent(String person, Consent consent) throws IOException {
        locked(person, "store a consent", (conn, old) -> conn.preparedQuery("UPDATE indicator_people SET consent = $2 WHERE id = $1")
                .execute(Tuple.of(person, sealConsent(person, consent)))
                .compose(v -> conn.preparedQuery("SELECT day, data FROM indicator_days WHERE person = $1").execute(Tuple.of(person)))
                .compose(rows -> {
                    List<Tuple> keep = new ArrayList<>();
                    List<Tuple> drop = new ArrayList<>();
                    for (Row r : rows) {
                        Day d = openDay(person, r);
                        Day only = d.only(consent);
                        if (only.equals(d)) continue;
                        if (only.isEmpty()) drop.add(Tuple.of(person, d.date()));
                        else keep.add(Tuple.of(person, d.date(), sealDay(person, only)));
                    }
                    Future<?> f = keep.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(
                            "UPDATE indicator_days SET data = $3 WHERE person = $1 AND day = $2").executeBatch(keep);
                    return f.compose(v -> drop.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(
                            "DELETE FROM indicator_days WHERE person = $1 AND day = $2").executeBatch(drop)).mapEmpty();
                }));
        return person(person).orElseThrow(() -> new NoSuchPerson(person));
    }

    private Day openDay(String person, Row r) {
        try {
            return day(person, r.getLocalDate("day"), r.getBuffer("data"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void mergeDays(String person, List<Day> incoming) throws IOException {
        if (incoming.isEmpty()) {
            locked(person, "check a person", (conn, c) -> Future.succeededFuture());
            return;
        }
        LocalDate[] dates = incoming.stream().map(Day::date).toArray(LocalDate[]::new);
        locked(person, "store an import", (conn, consent) -> conn.preparedQuery(
                "SELECT day, data FROM indicator_days WHERE person = $1 AND day = ANY($2)").execute(Tuple.of(person).addArrayOfLocalDate(dates))
                .compose(rows -> {
                    Map<LocalDate, Day> merged = new HashMap<>();
                    for (Row r : rows) {
                        Day d = openDay(person, r);
                        merged.put(d.date(), d);
                    }
                    for (Day d : incoming) {
                        Day only = d.only(consent);
                        if (!only.isEmpty()) merged.merge(d.date(), only, Day::overlay);
                    }
                    List<Tuple> upserts = new ArrayList<>();
                    merged.values().forEach(d -> upserts.add(Tuple.of(person, d.date(), sealDay(person, d))));
                    return upserts.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(
                            "INSERT INTO indicator_days (person, day, data) VALUES ($1, $2, $3) "
                                    + "ON CONFLICT (person, day) DO UPDATE SET data = excluded.data").executeBatch(upserts).mapEmpty();
                }));
    }

    @Override
    public NavigableMap<LocalDate, Day> days(String person, LocalDate from, LocalDate to) throws IOException {
        if (person(person).isEmpty()) throw new NoSuchPerson(person);
        RowSet<Row> rows = await(pool.preparedQuery("SELECT day, data FROM indicator_days WHERE person = $1 AND day BETWEEN $2 AND $3")
                .execute(Tuple.of(person, from, to)), "read days");
        TreeMap<LocalDate, Day> out = new TreeMap<>();
        for (Row r : rows) {
            Day d = day(person, r.getLocalDate("day"), r.getBuffer("data"));
            out.put(d.date(), d);
        }
        return out;
    }

    @Override
    public Map<String, PersonDays> team(String workshop, LocalDate from, LocalDate to) throws IOException {
        // One statement, one snapshot: no person counted with days from before their erasure.
        RowSet<Row> rows = await(pool.preparedQuery("SELECT p.id, p.consent, d.day, d.data FROM indicator_people p "
                + "LEFT JOIN indicator_days d ON d.person = p.id AND d.day BETWEEN $2 AND $3 WHERE p.workshop = $1")
                .execute(Tuple.of(workshop, from, to)), "read a team's days");
        Map<String, Consent> consents = new HashMap<>();
        Map<String, TreeMap<LocalDate, Day>> days = new HashMap<>();
        for (Row r : rows) {
            String id = r.getString("id");
            if (!consents.containsKey(id)) consents.put(id, consent(id, r.getBuffer("consent")));
            TreeMap<LocalDate, Day> mine = days.computeIfAbsent(id, k -> new TreeMap<>());
            if (r.getLocalDate("day") != null) mine.put(r.getLocalDate("day"), day(id, r.getLocalDate("day"), r.getBuffer("data")));
        }
        Map<String, PersonDays> out = new HashMap<>();
        consents.forEach((id, c) -> {
            if (c.team()) out.put(id, new PersonDays(c, days.get(id)));
        });
        return out;
    }

    @Override
    public void erase(String person) throws IOException {
        locked(person, "erase a person", (conn, c) -> conn.preparedQuery("DELETE FROM indicator_days WHERE person = $1").execute(Tuple.of(person))
                .compose(v -> conn.preparedQuery("DELETE FROM indicator_imports WHERE person = $1").execute(Tuple.of(person)))
                .compose(v -> conn.preparedQuery("DELETE FROM indicator_people WHERE id = $1").execute(Tuple.of(person))).mapEmpty());
    }

    @Override
    public int purgeBefore(LocalDate cutoff) throws IOException {
        return await(pool.preparedQuery("DELETE FROM indicator_days WHERE day < $1").execute(Tuple.of(cutoff)), "purge old days").rowCount();
    }

    @Override
    public void savePlacement(Placement p) throws IOException {
        await(pool.preparedQuery("INSERT INTO indicator_placements (board, item, workshop, indicator, weeks, created) VALUES ($1, $2, $3, $4, $5, $6) "
                        + "ON CONFLICT (board, item) DO UPDATE SET indicator = excluded.indicator, weeks = excluded.weeks")
                .execute(Tuple.of(p.board(), p.item(), p.workshop(), p.indicator(), p.weeks(), p.createdAt())), "store a placement");
    }

    @Override
    public void deletePlacement(String board, String item) throws IOException {
        await(pool.preparedQuery("DELETE FROM indicator_placements WHERE board = $1 AND item = $2").execute(Tuple.of(board, item)),
                "delete a placement");
    }

    @Override
    public List<Placement> placements(String workshop) throws IOException {
        return placements(await(pool.preparedQuery("SELECT * FROM indicator_placements WHERE workshop = $1").execute(Tuple.of(workshop)),
                "read placements"));
    }

    @Override
    public List<Placement> allPlacements() throws IOException {
        return placements(await(pool.query("SELECT * FROM indicator_placements").execute(), "read placements"));
    }

    private static List<Placement> placements(RowSet<Row> rows) {
        List<Placement> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Placement(r.getString("workshop"), r.getString("board"), r.getString("item"), r.getString("indicator"),
                    r.getInteger("weeks"), r.getLong("created")));
        }
        return out;
    }

    @Override
    public void saveImport(ImportStatus s) throws IOException {
        await(pool.preparedQuery("INSERT INTO indicator_imports (id, person, doc, updated) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated = excluded.updated")
                .execute(Tuple.of(s.id(), s.person(), DayCodec.importJson(s).toString(), s.updatedAt())), "store an import's status");
    }

    @Override
    public Optional<ImportStatus> importStatus(String id) throws IOException {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT doc FROM indicator_imports WHERE id = $1").execute(Tuple.of(id)), "read an import");
        if (rows.size() == 0) return Optional.empty();
        return Optional.of(DayCodec.importStatus(DayCodec.read(rows.iterator().next().getString("doc").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Override
    public void close() throws IOException {
        await(pool.close(), "close the pool");
    }
}
