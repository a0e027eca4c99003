package be.samenbord.store;

import be.samenbord.workshop.Workshop;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workshops and their boards in {@code workshop_boards} (schema version 2, rule CU-9). A workshop's
 * document keeps the boards it was created with; every board, those included, also has a row, and
 * boards added later have only their row. Adding is an insert that ignores rows already there, so
 * two nodes adding boards to one workshop at once both keep theirs (a set union), and a node can
 * find a board's workshop by the board's id. A workshop as read is its document with the boards of
 * its rows that the document lacks appended, in the order they were added.
 */
final class PgWorkshops {

    static final String INSERT_BOARD = "INSERT INTO workshop_boards (workshop, board, template) VALUES ($1, $2, $3)"
            + " ON CONFLICT (workshop, board) DO NOTHING";
    static final String UPSERT_DOC = "INSERT INTO workshops (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc";
    private static final String SELECT_DOC = "SELECT id, doc FROM workshops WHERE id = $1";
    private static final String SELECT_BOARDS = "SELECT board, template FROM workshop_boards WHERE workshop = $1 ORDER BY pos";
    private static final String SELECT_WORKSHOP_OF = "SELECT workshop FROM workshop_boards WHERE board = $1";
    static final String SELECT_ALL_BOARDS = "SELECT workshop, board, template FROM workshop_boards ORDER BY pos";

    private PgWorkshops() {
    }

    /** A new workshop: its document and a row per board, in one transaction. */
    static Future<Void> create(SqlConnection conn, Workshop w) {
        Tuple doc;
        List<Tuple> rows;
        try {
            doc = PgWrites.workshopRow(w);
            rows = rows(w.id(), w.boards());
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(e);
        }
        return conn.begin().compose(tx -> conn.preparedQuery(UPSERT_DOC).execute(doc)
                .compose(v -> conn.preparedQuery(INSERT_BOARD).executeBatch(rows))
                .compose(v -> tx.commit(), err -> PgWrites.rollback(tx, err)));
    }

    /** Adds rows for {@code boards} (those already there stay as they are), then reads the workshop back. */
    static Future<Workshop> add(SqlConnection conn, String workshopId, List<Workshop.BoardRef> boards) {
        List<Tuple> rows;
        try {
            rows = rows(workshopId, boards);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Future<?> inserted = rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(INSERT_BOARD).executeBatch(rows);
        return inserted.compose(v -> read(conn, workshopId)).map(w -> w.orElseThrow(
                () -> new IllegalStateException("workshop " + workshopId + " is not stored")));
    }

    /** Rows for the boards of workshops read from their documents (stored before version 2, or by a snapshot). */
    static Future<Void> index(SqlConnection conn, List<Workshop> workshops) {
        List<Tuple> rows = new ArrayList<>();
        try {
            for (Workshop w : workshops) rows.addAll(rows(w.id(), w.boards()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(INSERT_BOARD).executeBatch(rows).mapEmpty();
    }

    static Future<Optional<Workshop>> read(SqlConnection conn, String workshopId) {
        return conn.preparedQuery(SELECT_DOC).execute(Tuple.of(workshopId)).compose(docs -> {
            if (docs.size() == 0) return Future.succeededFuture(Optional.<Workshop>empty());
            Workshop doc;
            try {
                doc = PgRecords.readWorkshop(docs.iterator().next().getString("doc"));
            } catch (JournalRecords.MalformedException e) {
                return Future.failedFuture(new IOException("workshop " + workshopId + " is unreadable: " + e.getMessage()));
            }
            return conn.preparedQuery(SELECT_BOARDS).execute(Tuple.of(workshopId)).map(rows -> {
                List<Workshop.BoardRef> boards = new ArrayList<>();
                for (Row r : rows) boards.add(new Workshop.BoardRef(r.getString("board"), r.getString("template")));
                return Optional.of(withBoards(doc, boards));
            });
        });
    }

    static Future<Optional<Workshop>> readOfBoard(SqlConnection conn, String boardId) {
        return conn.preparedQuery(SELECT_WORKSHOP_OF).execute(Tuple.of(boardId)).compose(rows -> rows.size() == 0
                ? Future.succeededFuture(Optional.<Workshop>empty())
                : read(conn, rows.iterator().next().getString("workshop")));
    }

    /** Every workshop read from its document, with the boards of its rows (recovery). */
    static Future<List<Workshop>> withAdditions(SqlConnection conn, List<Workshop> docs) {
        return conn.query(SELECT_ALL_BOARDS).execute().map(rows -> {
            Map<String, List<Workshop.BoardRef>> byWorkshop = new LinkedHashMap<>();
            for (Row r : rows) {
                byWorkshop.computeIfAbsent(r.getString("workshop"), k -> new ArrayList<>())
                        .add(new Workshop.BoardRef(r.getString("board"), r.getString("template")));
            }
            List<Workshop> out = new ArrayList<>(docs.size());
            for (Workshop w : docs) out.add(withBoards(w, byWorkshop.getOrDefault(w.id(), List.of())));
            return out;
        });
    }

    private static Workshop withBoards(Workshop doc, List<Workshop.BoardRef> rows) {
        return Workshop.union(doc, new Workshop(doc.id(), doc.title(), doc.createdAt(), doc.tokenHashes(), rows, doc.lang()));
    }

    private static List<Tuple> rows(String workshopId, List<Workshop.BoardRef> boards) {
        List<Tuple> rows = new ArrayList<>(boards.size());
        for (Workshop.BoardRef b : boards) {
            rows.add(Tuple.of(PgRecords.text("workshop id", workshopId), PgRecords.text("board id", b.id()),
                    PgRecords.text("template", b.template())));
        }
        return rows;
    }
}
