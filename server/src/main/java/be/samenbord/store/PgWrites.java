package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The write statements of {@link PgStore}, each group in one transaction. */
final class PgWrites {

    // Idempotent for the same batch: appended twice (a tail persisted twice, a failover) it is
    // stored once and counts as one row. A different batch under a (board, seq) that is taken
    // counts 0 rows (the WHERE refuses the update): a clash, failed loudly (rule DU-8).
    static final String INSERT_BATCH = "INSERT INTO batches (board, seq, replica, batch, ops) VALUES ($1, $2, $3, $4, $5)"
            + " ON CONFLICT (board, seq) DO UPDATE SET ops = EXCLUDED.ops WHERE batches.replica = EXCLUDED.replica"
            + " AND batches.batch = EXCLUDED.batch AND batches.ops = EXCLUDED.ops";
    static final String UPSERT_WORKSHOP = "INSERT INTO workshops (id, doc) VALUES ($1, $2)"
            + " ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc";
    // An older snapshot finishing after a newer one is skipped.
    static final String UPSERT_SNAPSHOT = "INSERT INTO snapshots (board, seq, doc) VALUES ($1, $2, $3)"
            + " ON CONFLICT (board) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc WHERE snapshots.seq <= EXCLUDED.seq";
    static final String DELETE_COVERED = "DELETE FROM batches WHERE board = $1 AND seq <= $2";
    // saveWorkshop keeps the table current; a snapshot (captured earlier) only fills gaps, never
    // undoes a save that committed while it was being captured.
    static final String KEEP_WORKSHOP = "INSERT INTO workshops (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING";

    private PgWrites() {
    }

    /** A snapshot as rows, encoded (and checked) off the event loop. */
    record SnapshotRows(List<Tuple> boards, List<Tuple> covered, List<Tuple> workshops) {
    }

    /** Index of the ops text in a {@link #batchRow}. */
    static final int OPS = 4;

    static Tuple batchRow(String board, AcceptedBatch b) throws IOException {
        return Tuple.of(PgRecords.text("board id", board), b.seq(), PgRecords.text("replica", b.replica()),
                PgRecords.text("batch id", b.batch()), PgRecords.ops(b.ops()));
    }

    static Tuple workshopRow(Workshop w) throws IOException {
        return Tuple.of(PgRecords.text("workshop id", w.id()), PgRecords.workshop(w));
    }

    static SnapshotRows snapshotRows(SnapshotContent content) throws IOException {
        List<Tuple> boards = new ArrayList<>();
        List<Tuple> covered = new ArrayList<>();
        for (BoardSnapshot b : content.boards()) {
            String id = PgRecords.text("board id", b.id());
            boards.add(Tuple.of(id, b.seq(), PgRecords.board(b)));
            covered.add(Tuple.of(id, b.seq()));
        }
        List<Tuple> workshops = new ArrayList<>();
        for (Workshop w : content.workshops()) workshops.add(workshopRow(w));
        return new SnapshotRows(boards, covered, workshops);
    }

    /** Batches whose (board, seq) holds another batch in the database; nothing of their group was committed. */
    static final class ClashException extends RuntimeException {
        final java.util.Set<Integer> clashing;

        ClashException(java.util.Set<Integer> clashing) {
            super("(board, seq) already holds another batch", null, false, false);
            this.clashing = clashing;
        }
    }

    /**
     * Batches and workshops in call order (executeBatch keeps it), committed together; fails with
     * {@link ClashException} (rolled back) when a batch's (board, seq) holds a different batch.
     */
    static Future<Void> journal(SqlConnection conn, List<Tuple> batches, List<Tuple> workshops) {
        return inTransaction(conn, () -> {
            Future<?> inserted = batches.isEmpty() ? Future.succeededFuture()
                    : conn.preparedQuery(INSERT_BATCH).executeBatch(batches).compose(rs -> {
                        java.util.Set<Integer> clashing = new java.util.TreeSet<>();
                        int i = 0;
                        for (io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> r = rs; r != null; r = r.next(), i++) {
                            if (r.rowCount() == 0) clashing.add(i);
                        }
                        return clashing.isEmpty() ? Future.succeededFuture() : Future.failedFuture(new ClashException(clashing));
                    });
            return inserted.compose(v -> rows(conn, UPSERT_WORKSHOP, workshops));
        });
    }

    /** Each board's snapshot, the batches it covers deleted, and workshops not stored yet. */
    static Future<Void> snapshot(SqlConnection conn, SnapshotRows s) {
        return inTransaction(conn, () -> Future.all(rows(conn, UPSERT_SNAPSHOT, s.boards()),
                rows(conn, DELETE_COVERED, s.covered()), rows(conn, KEEP_WORKSHOP, s.workshops())));
    }

    private static Future<Void> inTransaction(SqlConnection conn, Supplier<Future<?>> work) {
        return conn.begin().compose(tx -> work.get().compose(v -> tx.commit(), err -> rollback(tx, err)));
    }

    private static Future<?> rows(SqlConnection conn, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(sql).executeBatch(rows);
    }

    /** Rolls back (best effort) and fails with the original error. */
    static <T> Future<T> rollback(Transaction tx, Throwable err) {
        return tx.rollback().transform(ignored -> Future.failedFuture(err));
    }
}
