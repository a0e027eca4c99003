package be.samenbord.sync;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import be.samenbord.board.Op;
import be.samenbord.store.Store;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One board's live side: its state, its connections on this node, and the order of events. Every
 * method runs on the board's own Vert.x context, so the state needs no locks and every connection
 * sees frames in seq order.
 *
 * <p>Acks, fan-out and welcomes wait until the seq they reflect is durable (rules OP-5, DU-1): a
 * client never learns a seq that a crash could take back, so {@code since} never skips a batch.
 */
final class BoardHub {

    private static final Logger LOG = Logger.getLogger(BoardHub.class.getName());

    private final BoardState state;
    private final Context context;
    private final Store store;
    private final LongSupplier clock;
    private final SyncMetrics metrics;
    private final Map<Connection, Member> members = new LinkedHashMap<>();
    private final TreeMap<Long, List<Waiter>> whenDurable = new TreeMap<>();
    private long durableSeq;
    private boolean failed;

    /** What to do once a seq is durable, or if the store fails before it is. */
    private record Waiter(Runnable durable, Runnable failed) {
    }

    /** A connection on this board; it gets fan-out only for seqs after its welcome. */
    private static final class Member {
        long welcomeSeq;
        boolean welcomed;
    }

    BoardHub(BoardState state, Context context, Store store, LongSupplier clock, SyncMetrics metrics) {
        this.state = state;
        this.context = context;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.durableSeq = state.seq();
    }

    String id() {
        return state.id();
    }

    String template() {
        return state.template();
    }

    void run(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Hello accepted: snapshot (or catch-up since {@code since}, -1 = none) once durable. */
    void join(Connection c, long since) {
        run(() -> {
            long seq = state.seq();
            Optional<List<Op>> catchUp = since >= 0 ? state.opsSince(since) : Optional.empty();
            List<Frames.Peer> peers = new ArrayList<>();
            members.keySet().forEach(m -> peers.add(new Frames.Peer(m.replica(), m.name())));
            String welcome = Frames.welcome(state.id(), c.role().wire(), seq,
                    catchUp.isPresent() ? null : state.items(), catchUp.orElse(null), peers, clock.getAsLong());
            Member member = new Member();
            member.welcomeSeq = seq;
            members.put(c, member);
            afterDurable(seq, () -> {
                if (members.get(c) != member) return;
                member.welcomed = true;
                c.send(welcome);
                broadcastDroppable(c, Frames.presence(c.replica(), c.name(), null, null));
            }, () -> {
                members.remove(c);
                c.send(Frames.error(WireError.UNAVAILABLE, "this board cannot store right now; try again later", null));
                c.closeForRetry("storage failure");
            });
        });
    }

    void leave(Connection c) {
        run(() -> {
            if (members.remove(c) != null) broadcastDroppable(c, Frames.left(c.replica()));
        });
    }

    /** A validated batch from {@code c}: applied whole, stored, then acked and fanned out. */
    void submit(Connection c, String batchId, List<Op> ops) {
        run(() -> {
            long received = System.nanoTime();
            apply(c, c.replica(), batchId, ops, seq -> {
                c.send(Frames.ack(batchId, seq));
                metrics.acked(ops.size(), System.nanoTime() - received);
            }, () -> c.send(Frames.error(WireError.UNAVAILABLE, "this board cannot store right now; resend later", batchId)));
        });
    }

    /** A batch written by the node itself (e.g. a conversion); completes with its seq once durable. */
    CompletableFuture<Long> submitLocal(String replica, String batchId, List<Op> ops) {
        CompletableFuture<Long> out = new CompletableFuture<>();
        run(() -> apply(null, replica, batchId, ops, out::complete,
                () -> out.completeExceptionally(new IllegalStateException("board " + state.id() + " cannot store right now"))));
        return out;
    }

    /** On the board's context: applies, stores, and calls {@code onDurable} with the seq to acknowledge. */
    private void apply(Connection origin, String replica, String batchId, List<Op> ops,
                       java.util.function.LongConsumer onDurable, Runnable onUnavailable) {
        if (failed) {
            onUnavailable.run();
            return;
        }
        BoardState.Outcome outcome = state.submit(replica, batchId, ops);
        if (outcome instanceof BoardState.Accepted accepted) {
            AcceptedBatch batch = accepted.batch();
            store.append(state.id(), batch).whenComplete((ok, err) -> run(() -> onStored(batch, origin, err)));
        }
        long seq = outcome.seq();
        afterDurable(seq, () -> onDurable.accept(seq), onUnavailable);
    }

    /** {@code origin}: the connection that sent the batch (null for the node's own writes); it gets no echo. */
    private void onStored(AcceptedBatch batch, Connection origin, Throwable err) {
        if (err != null) {
            // The state now holds a batch the disk may not: stop acknowledging on this board.
            LOG.log(Level.SEVERE, "board " + state.id() + ": storing seq " + batch.seq() + " failed", err);
            failed = true;
            whenDurable.values().forEach(waiters -> waiters.forEach(w -> w.failed().run()));
            whenDurable.clear();
            members.keySet().forEach(m -> m.closeForRetry("storage failure"));
            members.clear();
            return;
        }
        durableSeq = batch.seq();
        // Fan-out before acks and welcomes: a client that sees seq N in an ack has already been
        // sent every ops frame up to N, so it may resume with since = the highest seq it saw (SQ-2).
        String frame = Frames.ops(batch.seq(), batch.ops());
        members.forEach((m, member) -> {
            // Skip only the sender itself: another tab may share its replica id (a duplicated tab).
            if (member.welcomed && member.welcomeSeq < batch.seq() && m != origin) {
                m.send(frame);
            }
        });
        var due = whenDurable.headMap(durableSeq, true);
        due.values().forEach(waiters -> waiters.forEach(w -> w.durable().run()));
        due.clear();
    }

    private void afterDurable(long seq, Runnable task) {
        afterDurable(seq, task, () -> {
        });
    }

    private void afterDurable(long seq, Runnable task, Runnable ifStoreFails) {
        if (seq <= durableSeq) task.run();
        else if (failed) ifStoreFails.run();
        else whenDurable.computeIfAbsent(seq, s -> new ArrayList<>(1)).add(new Waiter(task, ifStoreFails));
    }

    void presence(Connection c, JsonNode cursor, JsonNode selection) {
        run(() -> {
            Member member = members.get(c);
            if (member != null && member.welcomed) broadcastDroppable(c, Frames.presence(c.replica(), c.name(), cursor, selection));
        });
    }

    private void broadcastDroppable(Connection from, String frame) {
        members.forEach((m, member) -> {
            if (m != from && member.welcomed) m.sendDroppable(frame);
        });
    }

    CompletableFuture<BoardSnapshot> capture() {
        CompletableFuture<BoardSnapshot> out = new CompletableFuture<>();
        run(() -> out.complete(state.snapshot()));
        return out;
    }

    /** Durable seq and the items as JSON, for the REST board view. */
    CompletableFuture<BoardView> view() {
        CompletableFuture<BoardView> out = new CompletableFuture<>();
        run(() -> {
            long seq = state.seq();
            String items = Frames.items(state.items());
            afterDurable(seq, () -> out.complete(new BoardView(state.id(), state.template(), seq, items)),
                    () -> out.completeExceptionally(new IllegalStateException("board " + state.id() + " cannot store right now")));
        });
        return out;
    }
}
