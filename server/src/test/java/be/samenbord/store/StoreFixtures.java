package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardState;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Workshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Builders and waiting helpers shared by the store tests. */
final class StoreFixtures {

    static final String REPLICA = "replica-0001";
    static final long TIMEOUT_SECONDS = 30;

    private StoreFixtures() {
    }

    static Op op(String item, String field, String json, long ms) {
        return new Op(item, field, json, new Stamp(ms, 0, REPLICA));
    }

    /** A batch with one distinct note, numbered by its seq. */
    static AcceptedBatch batch(long seq) {
        return batch(seq, "text " + seq);
    }

    static AcceptedBatch batch(long seq, String text) {
        return new AcceptedBatch(seq, REPLICA, "b-" + seq + "-" + text.hashCode(),
                List.of(op("note-" + seq, "text", "\"" + text + "\"", 1_000 + seq),
                        op("note-" + seq, "pos", "{\"x\":" + seq + ",\"y\":-3}", 1_000 + seq)));
    }

    static List<AcceptedBatch> batches(long fromSeq, long toSeq) {
        List<AcceptedBatch> out = new ArrayList<>();
        for (long s = fromSeq; s <= toSeq; s++) out.add(batch(s));
        return out;
    }

    static Workshop workshop(String id, String title, String... boardIds) {
        return new Workshop(id, title, 1_700_000_000_000L,
                Map.of(Role.FACILITATOR, "hash-f-" + id, Role.PARTICIPANT, "hash-p-" + id, Role.OBSERVER, "hash-o-" + id),
                Arrays.stream(boardIds).map(b -> new Workshop.BoardRef(b, "health-matrix")).toList());
    }

    /** Submits one op to a live board and returns what it accepted (it must be new). */
    static AcceptedBatch submit(BoardState board, String batchId, Op... ops) {
        BoardState.Outcome out = board.submit(REPLICA, batchId, List.of(ops));
        if (!(out instanceof BoardState.Accepted accepted)) throw new AssertionError("not accepted: " + out);
        return accepted.batch();
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("store future did not complete normally", e);
        }
    }

    /** Waits for a future that must fail and returns its cause. */
    static Throwable awaitFailure(CompletableFuture<?> f) {
        try {
            f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("store future did not complete", e);
        }
        throw new AssertionError("expected the future to fail");
    }

    static void awaitAll(List<? extends CompletableFuture<?>> fs) {
        await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)));
    }
}
