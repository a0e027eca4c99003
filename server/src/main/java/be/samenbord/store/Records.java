package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The stores' JSON forms of batches, workshops and board snapshots, for other nodes: the cluster
 * hands them between members in the same form the journal and PostgreSQL keep, so there is one
 * encoding to get right.
 */
public final class Records {

    private Records() {
    }

    /** A record that did not decode. */
    public static final class BadRecord extends RuntimeException {
        BadRecord(String message) {
            super(message);
        }
    }

    public static String batch(String board, AcceptedBatch batch) {
        try {
            return new String(JournalRecords.encodeBatch(board, batch), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AcceptedBatch readBatch(String text) {
        try {
            if (JournalRecords.decode(text.getBytes(StandardCharsets.UTF_8)) instanceof JournalRecords.BatchRecord b) {
                return b.batch();
            }
            throw new BadRecord("not a batch record");
        } catch (JournalRecords.MalformedException e) {
            throw new BadRecord(e.getMessage());
        }
    }

    public static String workshop(Workshop w) {
        try {
            return PgRecords.workshop(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Workshop readWorkshop(String text) {
        try {
            return PgRecords.readWorkshop(text);
        } catch (JournalRecords.MalformedException e) {
            throw new BadRecord(e.getMessage());
        }
    }

    public static String board(BoardSnapshot b) {
        try {
            return PgRecords.board(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BoardSnapshot readBoard(String text) {
        try {
            return PgRecords.readBoard(text);
        } catch (JournalRecords.MalformedException e) {
            throw new BadRecord(e.getMessage());
        }
    }
}
