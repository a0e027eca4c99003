package be.samenbord.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * The tables of {@link PgStore} and their migrations. {@code samenbord_schema} holds one row per
 * applied version; {@link #migrate} applies the missing ones in one transaction, under an advisory
 * lock so two nodes starting at once do not race. Running it again changes nothing.
 */
final class PgSchema {

    private static final Logger LOG = Logger.getLogger(PgSchema.class.getName());

    /** Advisory lock key: "samenbrd" as ASCII. */
    private static final long LOCK_KEY = 0x73616d656e627264L;

    /**
     * Migration n (index n-1) brings the schema from version n-1 to n. Op values and documents
     * are TEXT, never jsonb: jsonb would reorder keys and change the JSON text the merge compares.
     * {@code workshops.pos} keeps first-seen order across replacements.
     */
    static final List<List<String>> MIGRATIONS = List.of(
            // 1: workshops, batches and snapshots.
            List.of(
            """
            CREATE TABLE workshops (
                id text PRIMARY KEY,
                doc text NOT NULL,
                pos bigint GENERATED ALWAYS AS IDENTITY)""",
            """
            CREATE TABLE batches (
                board text,
                seq bigint,
                replica text NOT NULL,
                batch text NOT NULL,
                ops text NOT NULL,
                PRIMARY KEY (board, seq))""",
            """
            CREATE TABLE snapshots (
                board text PRIMARY KEY,
                seq bigint NOT NULL,
                doc text NOT NULL)"""),
            // 2: every board of every workshop, one row each (CU-9). Nodes add boards by inserting
            // rows, so additions from two nodes at once are a set union, never a lost update of the
            // workshop document; and a node that missed an announcement finds a board's workshop.
            // Rows of workshops stored before are added at the next start (PgWorkshops.index).
            List.of("""
                    CREATE TABLE workshop_boards (
                        workshop text NOT NULL REFERENCES workshops (id),
                        board text NOT NULL,
                        template text NOT NULL,
                        pos bigint GENERATED ALWAYS AS IDENTITY,
                        PRIMARY KEY (workshop, board))""",
                    "CREATE INDEX workshop_boards_board ON workshop_boards (board)"));

    static final int VERSION = MIGRATIONS.size();

    private PgSchema() {
    }

    /** Brings the database to {@link #VERSION}; fails if it is newer than this code knows. */
    static Future<Integer> migrate(SqlConnection conn) {
        return conn.begin().compose(tx -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
                .compose(v -> conn.query("SELECT to_regclass('samenbord_schema') IS NULL").execute())
                .compose(rows -> !rows.iterator().next().getBoolean(0) ? Future.succeededFuture() : conn.query("""
                        CREATE TABLE samenbord_schema (
                            version integer PRIMARY KEY,
                            applied_at timestamptz NOT NULL DEFAULT now())""").execute())
                .compose(v -> conn.query("SELECT coalesce(max(version), 0) FROM samenbord_schema").execute())
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    int current = row.getInteger(0);
                    if (current > VERSION) {
                        return Future.failedFuture(new IOException("the database holds Samenbord schema version " + current
                                + ", newer than this node knows (" + VERSION + "); run a newer node"));
                    }
                    Future<Void> step = Future.succeededFuture();
                    for (int v = current + 1; v <= VERSION; v++) step = apply(conn, step, v);
                    return step.map(current);
                })
                .compose(from -> tx.commit().map(from), err -> PgWrites.rollback(tx, err)))
                .map(from -> {
                    if (from < VERSION) LOG.info("PostgreSQL schema migrated from version " + from + " to " + VERSION);
                    return VERSION;
                });
    }

    private static Future<Void> apply(SqlConnection conn, Future<Void> after, int version) {
        Future<Void> step = after;
        for (String sql : MIGRATIONS.get(version - 1)) {
            step = step.compose(v -> conn.query(sql).execute().mapEmpty());
        }
        return step.compose(v -> conn.query("INSERT INTO samenbord_schema (version) VALUES (" + version + ")")
                .execute().mapEmpty());
    }
}
