package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgNotice;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads a {@link PgStore} back (rule DU-2): at start the workshops in first-seen order; a board,
 * when first used, as its snapshot and the batches after it in seq order. A row that does not
 * decode is skipped with a warning; so is the rest of that board's journal, since replaying past a
 * hole would be wrong.
 */
final class PgRecovery {

    private static final Logger LOG = Logger.getLogger(PgRecovery.class.getName());

    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Workshop> workshops = new LinkedHashMap<>();
    private final Map<String, BoardSnapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, List<AcceptedBatch>> batches = new LinkedHashMap<>();
    private final Map<String, Long> lastSeq = new LinkedHashMap<>();

    private PgRecovery() {
    }

    /** What the store holds and what could not be read (the start stops on it unless salvaging, rule DU-7). */
    record Opened(Recovery recovery, List<String> unreadableWorkshops) {
    }

    /** Migrates the schema and reads back, on one connection of {@code pool}. */
    static Future<Opened> open(Pool pool) {
        return pool.withConnection(c -> PgSchema.migrate(quiet(c)).compose(version -> {
            PgRecovery r = new PgRecovery();
            return r.readAll(c).compose(rec -> withBoardRows(c, rec)).map(rec -> new Opened(rec, List.copyOf(r.unreadableWorkshops)));
        }));
    }

    /** Schema notices ("already exists, skipping") go to the fine log, not the warnings. */
    static SqlConnection quiet(SqlConnection c) {
        if (c instanceof PgConnection pc) pc.noticeHandler(PgRecovery::notice);
        return c;
    }

    private final List<String> unreadableWorkshops = new ArrayList<>();

    /**
     * Gives every workshop a row per board (those stored before schema version 2 had none) and
     * reads the workshops with the boards other nodes added (CU-9).
     */
    private static Future<Recovery> withBoardRows(SqlConnection c, Recovery r) {
        return PgWorkshops.index(c, r.workshops()).compose(v -> PgWorkshops.withAdditions(c, r.workshops()))
                .map(workshops -> new Recovery(workshops, r.warnings(), r.fresh()));
    }

    private static void notice(PgNotice n) {
        LOG.fine(() -> "PostgreSQL " + n.getSeverity() + ": " + n.getMessage());
    }

    /**
     * The workshops, and whether the store holds anything at all (rule FS-1), in one REPEATABLE
     * READ transaction. No board is read: each is loaded on first use ({@link #readBoard}).
     */
    private Future<Recovery> readAll(SqlConnection conn) {
        PgRecovery r = this;
        boolean[] anyBoardData = new boolean[1];
        return conn.begin().compose(tx -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                .compose(v -> conn.query("SELECT id, doc FROM workshops ORDER BY pos").execute())
                .compose(rows -> {
                    r.workshops(rows);
                    return conn.query("SELECT EXISTS (SELECT 1 FROM batches) OR EXISTS (SELECT 1 FROM snapshots)").execute();
                })
                .compose(rows -> {
                    anyBoardData[0] = rows.iterator().next().getBoolean(0);
                    return tx.commit();
                }, err -> PgWrites.rollback(tx, err)))
                .map(v -> new Recovery(new ArrayList<>(r.workshops.values()), r.warnings,
                        r.workshops.isEmpty() && !anyBoardData[0] && r.warnings.isEmpty()));
    }

    /** Every workshop (cluster: another node created one this node has not heard of). */
    static Future<List<Workshop>> readWorkshops(SqlConnection conn) {
        PgRecovery r = new PgRecovery();
        return conn.query("SELECT id, doc FROM workshops ORDER BY pos").execute()
                .map(rows -> {
                    r.workshops(rows);
                    return List.copyOf(r.workshops.values());
                });
    }

    /** One board: its snapshot and the batches after it, read in one consistent transaction. */
    static Future<Store.BoardLoad> readBoard(SqlConnection conn, String board) {
        PgRecovery r = new PgRecovery();
        Tuple key = Tuple.of(board);
        return conn.begin().compose(tx -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                .compose(v -> conn.preparedQuery("SELECT board, seq, doc FROM snapshots WHERE board = $1").execute(key))
                .compose(rows -> {
                    r.snapshots(rows);
                    return conn.preparedQuery("""
                            SELECT b.board, b.seq, b.replica, b.batch, b.ops
                            FROM batches b LEFT JOIN snapshots s ON s.board = b.board
                            WHERE b.board = $1 AND (s.seq IS NULL OR b.seq > s.seq)
                            ORDER BY b.seq""").execute(key);
                })
                .compose(rows -> {
                    r.batches(rows);
                    return tx.commit();
                }, err -> PgWrites.rollback(tx, err)))
                .map(v -> new Store.BoardLoad(r.snapshots.get(board), r.batches.getOrDefault(board, List.of()), r.warnings));
    }

    private void workshops(RowSet<Row> rows) {
        for (Row row : rows) {
            String id = row.getString("id");
            try {
                workshops.put(id, PgRecords.readWorkshop(row.getString("doc")));
            } catch (JournalRecords.MalformedException e) {
                unreadableWorkshops.add("workshop " + id + " (" + e.getMessage() + ")");
                warn("workshop " + id + " is unreadable (" + e.getMessage() + "); it is left out");
            }
        }
    }

    private void snapshots(RowSet<Row> rows) {
        for (Row row : rows) {
            String board = row.getString("board");
            try {
                BoardSnapshot snap = PgRecords.readBoard(row.getString("doc"));
                if (!snap.id().equals(board) || snap.seq() != row.getLong("seq")) {
                    throw new JournalRecords.MalformedException("its document is of board " + snap.id() + " at seq " + snap.seq());
                }
                snapshots.put(board, snap);
                lastSeq.put(board, snap.seq());
            } catch (JournalRecords.MalformedException e) {
                // Its batches up to the snapshot were deleted with it: the board cannot be rebuilt whole.
                warn("snapshot of board " + board + " is unreadable (" + e.getMessage() + "); the board starts from its"
                        + " remaining journal and misses what the snapshot held");
                lastSeq.put(board, -1L);
            }
        }
    }

    private void batches(RowSet<Row> rows) {
        String skipping = null;
        for (Row row : rows) {
            String board = row.getString("board");
            if (board.equals(skipping)) continue;
            long seq = row.getLong("seq");
            try {
                AcceptedBatch batch = new AcceptedBatch(seq, row.getString("replica"), row.getString("batch"),
                        PgRecords.readOps(row.getString("ops")));
                long previous = lastSeq.getOrDefault(board, 0L);
                if (previous >= 0 && seq != previous + 1) {
                    warn("board " + board + " jumps from seq " + previous + " to " + seq + " in the journal");
                }
                lastSeq.put(board, seq);
                batches.computeIfAbsent(board, k -> new ArrayList<>()).add(batch);
            } catch (JournalRecords.MalformedException e) {
                skipping = board;
                warn("batch " + seq + " of board " + board + " is unreadable (" + e.getMessage() + "); the board's"
                        + " journal from there on is left out");
            }
        }
    }

    private void warn(String message) {
        LOG.warning(message);
        warnings.add(message);
    }
}
