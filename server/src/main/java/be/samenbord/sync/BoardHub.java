package be.samenbord.sync;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import be.samenbord.board.Op;
import be.samenbord.store.BatchLog;
import be.samenbord.store.StoreUnavailableException;
import be.samenbord.facilitation.BatchRules;
import be.samenbord.facilitation.BoardControl;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.facilitation.ControlPlan;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import be.samenbord.facilitation.RoomMachine;
import be.samenbord.facilitation.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One board's live side on its owner: its state, its peers (sessions on this node or relayed from
 * others), and the order of events. Every method runs on the board's own Vert.x context, so the
 * state needs no locks and every peer sees frames in seq order.
 *
 * <p>Acks, fan-out and welcomes wait until the seq they reflect is durable (rules OP-5, DU-1): a
 * client never learns a seq that a crash could take back, so {@code since} never skips a batch.
 *
 * <p>A batch is applied to the state before it is durable. When the log cannot store it right now
 * ({@link StoreUnavailableException}: disk full, database down, backlog bound), the hub takes that
 * seq and every later one not yet durable back out of the state ({@link BoardState#rollbackTo}),
 * refuses each to its sender with {@code unavailable} (rule ER-3) and keeps serving (rule DU-5).
 *
 * <p>In a cluster the state may still be loading when the first session arrives; work queues in
 * order until it is there. A hub whose log refuses a batch for any other reason (another node
 * took the board: the tail's fence) or that loses ownership closes its peers and is dropped: its
 * state may hold a batch nobody else has.
 *
 * <p>A hub with no peers, nothing in flight and everything durable unloads when its registry asks
 * after {@code SAMENBORD_BOARD_IDLE_MS} without use ({@link #unloadIfIdle}): it drops its state and
 * leaves the registry, which loads the board again on its next use (rule ME-1). A call that
 * still reaches the unloaded hub (it was looked up just before) goes to the board's current hub,
 * in the order it came, so nothing is accepted against a state that is gone.
 */
final class BoardHub {

    private static final Logger LOG = Logger.getLogger(BoardHub.class.getName());

    private final String id;
    private final String template;
    private final Context context;
    private final BatchLog log;
    private final Hooks hooks;
    private final Map<Peer, Member> members = new LinkedHashMap<>();
    private final TreeMap<Long, List<Waiter>> whenDurable = new TreeMap<>();
    private List<Runnable> waitingForState = new ArrayList<>();
    private BoardState state;
    private long durableSeq;
    /** Set when the log failed or the board moved away: nothing more is accepted here. */
    private String gone;
    /** What was hidden from whom in the frames sent so far (FA-6, FA-7); null = nothing. */
    private Visibility shown;
    private ControlWrites controlWrites;
    /** The room board's tick (FA-13); null on any other board. */
    private RoomTicker ticker;
    /** The state could not be loaded (store down, unreadable data, DU-7): REST answers 503, not 500. */
    private boolean loadFailed;
    /** Clock ms of the last use (a task run, a peer leaving): idle time counts from here. */
    private long lastUsed;
    /** Unloaded (rule ME-1): every call goes to the board's current hub ({@link Hooks#successor}). */
    private boolean unloaded;
    private static final String UNLOADED = "this board was unloaded here; reconnect";

    /** What the hub needs from its node: the clock and metrics, and who to tell when it is done. */
    interface Hooks {
        long now();

        void acked(int ops, long nanos);

        /** What a facilitation action on this board is planned from (rule FA-9). */
        ControlContext controlContext(BoardHub hub, be.samenbord.board.Items items, String actor, List<ControlContext.Person> connected);

        /** The hub stopped serving (log failure, eviction or unload); the registry forgets it. */
        void closed(BoardHub hub);

        /** Caps on the board's items and bytes for client batches (rule LI-13). */
        default be.samenbord.board.BoardLimits limits() {
            return be.samenbord.board.BoardLimits.NONE;
        }

        /** Who else hears of accepted batches once durable (search, rule SE-5). */
        default BatchListener batches() {
            return BatchListener.NONE;
        }

        /**
         * The hub that serves this board now, in place of {@code unloaded} (loading the board when
         * {@code load}), or null when there is none: not loaded, or not served by this node any more.
         */
        default BoardHub successor(BoardHub unloaded, boolean load) {
            return null;
        }
    }

    /**
     * What to do once a seq is durable, if the hub stops before it is ({@code failed}), or if the
     * seq is taken back because the log could not store it ({@code rolledBack}).
     */
    private record Waiter(Runnable durable, Runnable failed, Runnable rolledBack) {
    }

    /** A peer on this board; it gets fan-out only for seqs after its welcome. */
    private static final class Member {
        long welcomeSeq;
        boolean welcomed;
    }

    BoardHub(String id, String template, CompletableFuture<BoardState> loading, Context context, BatchLog log, Hooks hooks) {
        this.id = id;
        this.template = template;
        this.context = context;
        this.log = log;
        this.hooks = hooks;
        loading.whenComplete((s, err) -> context.runOnContext(v -> loaded(s, err)));
    }

    private void loaded(BoardState loadedState, Throwable err) {
        List<Runnable> queued = waitingForState;
        waitingForState = null;
        if (err != null) {
            LOG.log(Level.WARNING, "board " + id + " could not be loaded", err);
            gone = "this board could not be loaded; try again";
            loadFailed = true;
            hooks.closed(this);
        } else {
            state = loadedState;
            lastUsed = hooks.now();
            durableSeq = state.seq();
            shown = Visibility.of(state.items());
            controlWrites = new ControlWrites(hooks::now);
            if (ControlContext.ROOM_TEMPLATE.equals(template)) {
                // Loaded after a restart or a move of ownership: whatever came due meanwhile is settled now.
                ticker = new RoomTicker(context, hooks::now, this::settleRoom);
                ticker.schedule(RoomMachine.dueAt(state.items()));
            }
        }
        queued.forEach(Runnable::run);
    }

    String id() {
        return id;
    }

    String template() {
        return template;
    }

    /**
     * Runs {@code task} on the board's context once the state is loaded (or loading failed); on an
     * unloaded hub, hands the call to the board's current hub instead ({@code elsewhere}), or runs
     * {@code task} as on a hub that is gone when this node no longer serves the board.
     */
    private void run(Runnable task, java.util.function.Consumer<BoardHub> elsewhere) {
        run(task, elsewhere, true);
    }

    /**
     * As {@link #run(Runnable, java.util.function.Consumer)}; {@code use}: whether this counts as
     * use of the board, and whether an unloaded hub may load the board again for it (a leave or a
     * snapshot does neither).
     */
    private void run(Runnable task, java.util.function.Consumer<BoardHub> elsewhere, boolean use) {
        context.runOnContext(v -> {
            if (unloaded) {
                BoardHub next = hooks.successor(this, use);
                if (next != null && next != this) elsewhere.accept(next);
                else task.run();
                return;
            }
            if (use) lastUsed = hooks.now();
            if (waitingForState != null) waitingForState.add(task);
            else task.run();
        });
    }

    /**
     * Unloads the board if it has been idle for {@code idleMs} (rule ME-1): no peer, nothing
     * waiting, everything applied durable. Its state is dropped; the registry loads it again
     * from the store on the next use.
     */
    void unloadIfIdle(long idleMs) {
        context.runOnContext(v -> {
            if (unloaded || gone != null || waitingForState != null || state == null) return;
            if (!members.isEmpty() || !inFlight.isEmpty() || !storedEarly.isEmpty() || !whenDurable.isEmpty()
                    || state.seq() != durableSeq || hooks.now() - lastUsed < idleMs) {
                return;
            }
            unloaded = true;
            gone = UNLOADED;
            if (ticker != null) ticker.cancel();
            state = null;
            shown = null;
            hooks.closed(this);
        });
    }

    /** Hello accepted: snapshot (or catch-up since {@code since}, -1 = none) once durable. */
    void join(Peer c, long since) {
        run(() -> {
            if (gone != null) {
                c.send(Frames.error(WireError.UNAVAILABLE, gone, null));
                c.closeForRetry(gone);
                return;
            }
            welcome(c, since);
        }, next -> next.join(c, since));
    }

    /** Registers {@code c} and sends its welcome once the seq it shows is durable; again if that seq is taken back. */
    private void welcome(Peer c, long since) {
        long seq = state.seq();
        Visibility visibility = Visibility.of(state.items());
        Optional<List<Op>> catchUp = since >= 0 ? state.opsSince(since) : Optional.empty();
        // Hidden registers, or a change of what is hidden since then, need a (filtered) snapshot (FA-6);
        // so do text ops for a client that does not merge text (TX-6: it gets the merged text).
        if (catchUp.isPresent() && (visibility != null || shown != null || touchesControl(catchUp.get())
                || (!c.mergesText() && TextFrames.anyTextOp(catchUp.get(), state.items())))) catchUp = Optional.empty();
        List<Frames.Peer> peers = new ArrayList<>();
        members.keySet().forEach(m -> peers.add(new Frames.Peer(m.replica(), m.name(), m.role().wire())));
        String welcome = Frames.welcome(id, c.role().wire(), seq,
                catchUp.isPresent() ? null : Visibility.filter(visibility, c.replica(), state.items()), catchUp.orElse(null), peers, hooks.now(),
                c.mergesText());
        Member member = new Member();
        member.welcomeSeq = seq;
        members.put(c, member);
        afterDurable(seq, () -> {
            if (members.get(c) != member) return;
            member.welcomed = true;
            c.send(welcome);
            broadcastDroppable(c, Frames.presence(c.replica(), c.name(), c.role().wire(), null, null));
        }, () -> {
            members.remove(c);
            c.send(Frames.error(WireError.UNAVAILABLE, "this board cannot store right now; try again later", null));
            c.closeForRetry("storage failure");
        }, () -> {
            // The seq it would show was taken back: welcome with the state as it is now.
            if (members.get(c) != member) return;
            members.remove(c);
            welcome(c, since);
        });
    }

    void leave(Peer c) {
        run(() -> {
            if (members.remove(c) != null) broadcastDroppable(c, Frames.left(c.replica()));
            lastUsed = hooks.now();
        }, next -> next.leave(c), false);
    }

    /** A validated batch from {@code c}: applied whole, stored, then acked and fanned out. */
    void submit(Peer c, String batchId, List<Op> ops) {
        run(() -> {
            long received = System.nanoTime();
            if (gone == null) {
                try {
                    BatchRules.check(state.items(), c.role(), c.replica(), ops);
                } catch (ControlRefused refused) {
                    c.send(Frames.error(refused.code(), refused.getMessage(), batchId));
                    return;
                }
                String tooBig = hooks.limits().refusal(state.items(), ops);
                if (tooBig != null) {
                    c.send(Frames.error(WireError.TOO_LARGE, tooBig, batchId));
                    return;
                }
            }
            apply(c, c.replica(), batchId, ops, seq -> {
                // counted before the ack leaves, so whoever reads /metrics after an ack sees it
                hooks.acked(ops.size(), System.nanoTime() - received);
                c.send(Frames.ack(batchId, seq));
            }, () -> c.send(Frames.error(WireError.UNAVAILABLE, "this board cannot store right now; resend later", batchId)),
                    (code, why) -> c.send(Frames.error(code, why, batchId)));
        }, next -> next.submit(c, batchId, ops));
    }

    /** A batch written by the node itself (e.g. a conversion); completes with its seq once durable. */
    CompletableFuture<Long> submitLocal(String replica, String batchId, List<Op> ops) {
        CompletableFuture<Long> out = new CompletableFuture<>();
        run(() -> apply(null, replica, batchId, ops, out::complete,
                () -> out.completeExceptionally(unavailable()), (code, why) -> out.completeExceptionally(refused(code, why))),
                next -> forward(next.submitLocal(replica, batchId, ops), out));
        return out;
    }

    /**
     * A facilitation action (rules FA-8, FA-9), planned here on the owner against the board's state,
     * written as one batch of the node's own; completes with its seq once durable, or fails with
     * {@link ControlRefused}. Nothing changes when it is refused.
     */
    CompletableFuture<Long> control(String actor, Role role, com.fasterxml.jackson.databind.JsonNode command) {
        CompletableFuture<Long> out = new CompletableFuture<>();
        run(() -> {
            if (!ControlPlan.allowed(role, command)) {
                out.completeExceptionally(new ControlRefused(ControlRefused.FORBIDDEN, "only a facilitator can do that"));
                return;
            }
            if (gone != null) {
                out.completeExceptionally(notServed());
                return;
            }
            List<ControlContext.Person> connected = new ArrayList<>();
            members.forEach((m, member) -> {
                if (member.welcomed) connected.add(new ControlContext.Person(m.replica(), m.name(), m.role()));
            });
            List<Op> ops;
            try {
                ops = controlWrites.stamp(state.items(),
                        ControlPlan.plan(hooks.controlContext(this, state.items(), actor, connected), command));
            } catch (ControlRefused refused) {
                out.completeExceptionally(refused);
                return;
            }
            if (ops.isEmpty()) {
                long seq = state.seq();
                afterDurable(seq, () -> out.complete(seq), () -> out.completeExceptionally(unavailable()));
                return;
            }
            apply(null, ControlWrites.NODE_REPLICA, controlWrites.batchId(state.seq()), ops, out::complete,
                    () -> out.completeExceptionally(unavailable()), (code, why) -> out.completeExceptionally(refused(code, why)));
        }, next -> forward(next.control(actor, role, command), out));
        return out;
    }

    /**
     * The room's tick came due (FA-13): what time alone changed by now (a finished timer, the
     * breakout it ended, an auto-advanced turn) is written as the node's own batch. Not a use of
     * the board: an idle room may still unload, and settles when it is loaded again.
     */
    private void settleRoom() {
        run(() -> {
            if (gone != null || state == null) return;
            List<ControlContext.Write> writes = RoomMachine.settle(state.items(), hooks.now());
            if (writes.isEmpty()) {
                ticker.schedule(RoomMachine.dueAt(state.items()));
                return;
            }
            // Rescheduled once durable (onStored); if the store refuses it, tried again after a wait.
            apply(null, ControlWrites.NODE_REPLICA, controlWrites.batchId(state.seq()), controlWrites.stamp(state.items(), writes),
                    seq -> { }, () -> retryTick(), (code, why) -> LOG.warning("room " + id + ": settle refused: " + why));
        }, next -> { }, false);
    }

    private void retryTick() {
        if (ticker != null && gone == null) ticker.schedule(hooks.now() + RoomTicker.MAX_WAIT_MS);
    }

    private static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((v, e) -> {
            if (e != null) to.completeExceptionally(e);
            else to.complete(v);
        });
    }

    /** Why a gone hub serves nothing; a board that could not be loaded is unavailable (REST 503), not broken. */
    private IllegalStateException notServed() {
        return new IllegalStateException("board " + id + " cannot be served here right now", loadFailed ? unavailable() : null);
    }

    /** A node write refused (stale, rule GC-1: stamped by a clock far behind; or not fitting the text, TX-4): a bug of the node's. */
    private IllegalStateException refused(String code, String why) {
        return new IllegalStateException("board " + id + ": the node's write was refused (" + code + "): " + why);
    }

    /** Why a write or view of this board failed because its seq could not be stored (REST: 503, rule RE-5). */
    private StoreUnavailableException unavailable() {
        return new StoreUnavailableException("board " + id + " cannot store right now; try again later", null);
    }

    private static boolean touchesOwnValue(List<Op> ops) {
        for (Op op : ops) {
            if (be.samenbord.board.Items.isOwnValue(op.field())) return true;
        }
        return false;
    }

    private static boolean touchesControl(List<Op> ops) {
        for (Op op : ops) {
            if (op.item().equals(BoardControl.ITEM)) return true;
        }
        return false;
    }

    /**
     * On the board's context: applies, stores, and calls {@code onDurable} with the seq to
     * acknowledge; {@code onRefused} with an error code and message when the batch is refused whole:
     * stale (rule GC-1) or not fitting the board's text (TX-4).
     */
    private void apply(Peer origin, String replica, String batchId, List<Op> ops, LongConsumer onDurable, Runnable onUnavailable,
                       java.util.function.BiConsumer<String, String> onRefused) {
        if (gone != null) {
            onUnavailable.run();
            return;
        }
        BoardState.Outcome outcome = state.submit(replica, batchId, ops);
        if (outcome instanceof BoardState.Stale) {
            onRefused.accept(WireError.STALE, "this batch has an edit older than the board keeps track of"
                    + " (SAMENBORD_PRUNE_HORIZON_MS); it was not applied: drop it and reload the board");
            return;
        }
        if (outcome instanceof BoardState.Refused refused) {
            // The batch does not fit the board's text (TX-4): nothing of it was applied.
            onRefused.accept(WireError.INVALID_OP, refused.reason());
            return;
        }
        if (outcome instanceof BoardState.Accepted accepted) {
            AcceptedBatch batch = accepted.batch();
            inFlight.put(batch.seq(), batch);
            List<Op> plain = TextFrames.plain(batch.ops(), state.items());
            if (plain != null) plainText.put(batch.seq(), plain);
            // Read now, while the state is exactly this batch's; handed over only once durable.
            Runnable heard = hooks.batches().applied(id, template, batch, state.items());
            if (heard != null) afterDurable(batch.seq(), heard, () -> { });
            log.append(id, batch).whenComplete((ok, err) -> context.runOnContext(v -> stored(batch, origin, err)));
        }
        long seq = outcome.seq();
        afterDurable(seq, () -> onDurable.accept(seq), onUnavailable);
    }

    /** A batch whose log write finished before an earlier seq's did: handled in seq order. */
    private record Stored(AcceptedBatch batch, Peer origin, Throwable err) {
    }

    private final TreeMap<Long, Stored> storedEarly = new TreeMap<>();
    /** Accepted batches handed to the log and not durable yet, by seq: an answer for any other batch is stale. */
    private final TreeMap<Long, AcceptedBatch> inFlight = new TreeMap<>();
    /** For in-flight batches with text ops: the batch as clients that do not merge text get it (TX-6). */
    private final java.util.Map<Long, List<Op>> plainText = new java.util.HashMap<>();

    /**
     * Log completions may arrive out of seq order (callbacks of chained futures run in any order);
     * fan-out, acks and welcomes must not, so a later seq waits here for the earlier ones. A
     * failure is handled at once: that seq and every later one are taken back.
     */
    private void stored(AcceptedBatch batch, Peer origin, Throwable err) {
        // A batch taken back by a rollback may still get its (failed) answer: it no longer counts.
        if (gone != null || inFlight.get(batch.seq()) != batch) return;
        if (err != null) {
            storeFailed(batch, err);
            return;
        }
        storedEarly.put(batch.seq(), new Stored(batch, origin, null));
        for (var next = storedEarly.firstEntry(); next != null && next.getKey() == durableSeq + 1 && gone == null;
             next = storedEarly.firstEntry()) {
            storedEarly.pollFirstEntry();
            inFlight.remove(next.getKey());
            onStored(next.getValue().batch(), next.getValue().origin());
        }
    }

    /**
     * The log did not store {@code batch}. If the store is only unavailable, take it and every
     * later not-durable seq back and carry on (rule DU-5); anything else (the cluster's fence:
     * another node gave out this seq) means this state cannot be trusted: stop serving it.
     */
    private void storeFailed(AcceptedBatch batch, Throwable err) {
        if (!StoreUnavailableException.in(err)) {
            LOG.log(Level.SEVERE, "board " + id + ": storing seq " + batch.seq() + " failed", err);
            shutDown("storage failure", false);
            return;
        }
        rollback(batch.seq() - 1, err);
    }

    /** Takes every seq after {@code toSeq} back out of the state; their waiters hear it (senders get {@code unavailable}). */
    private void rollback(long toSeq, Throwable why) {
        long from = toSeq + 1;
        long until = state.seq();
        state.rollbackTo(toSeq);
        inFlight.tailMap(toSeq, false).clear();
        plainText.keySet().removeIf(seq -> seq > toSeq);
        storedEarly.tailMap(toSeq, false).clear();
        LOG.warning("board " + id + ": could not store seq " + from + (until > from ? "-" + until : "") + " ("
                + why.getMessage() + "); took " + (until > from ? "them" : "it") + " back, the senders get unavailable"
                + " and resend later");
        var taken = whenDurable.tailMap(toSeq, false);
        List<Waiter> waiters = new ArrayList<>();
        taken.values().forEach(waiters::addAll);
        taken.clear();
        waiters.forEach(w -> w.rolledBack().run());
    }

    /** {@code origin}: the peer that sent the batch (null for the node's own writes); it gets no echo. */
    private void onStored(AcceptedBatch batch, Peer origin) {
        if (gone != null) return;
        durableSeq = batch.seq();
        state.markDurable(durableSeq);
        // Fan-out before acks and welcomes: a client that sees seq N in an ack has already been
        // sent every ops frame up to N, so it may resume with since = the highest seq it saw (SQ-2).
        Visibility before = shown;
        // The first own value (IT-8) makes the board hide things too, as a control change can.
        if (touchesControl(batch.ops()) || shown == null && touchesOwnValue(batch.ops())) shown = Visibility.of(state.items());
        List<Op> plain = plainText.remove(batch.seq());
        boolean open = before == null && shown == null;
        OutFrame frame = open ? OutFrame.of(Frames.ops(batch.seq(), batch.ops())) : null;
        OutFrame plainFrame = open && plain != null ? OutFrame.of(Frames.ops(batch.seq(), plain)) : null;
        members.forEach((m, member) -> {
            // Skip only the sender itself: another tab may share its replica id (a duplicated tab).
            if (member.welcomed && member.welcomeSeq < batch.seq() && m != origin) {
                boolean asPlain = plain != null && !m.mergesText();
                if (open) m.send(asPlain ? plainFrame : frame);
                else m.send(filteredOps(batch.seq(), asPlain ? plain : batch.ops(), before, m.replica()));
            }
        });
        var due = whenDurable.headMap(durableSeq, true);
        due.values().forEach(waiters -> waiters.forEach(w -> w.durable().run()));
        due.clear();
        if (ticker != null) ticker.schedule(RoomMachine.dueAt(state.items()));
    }

    /**
     * The ops frame of {@code batch} as {@code viewer} may see it (FA-6, FA-7): hidden registers left
     * out, and what a change of the board's control newly shows added.
     */
    private String filteredOps(long seq, List<Op> batchOps, Visibility before, String viewer) {
        List<Op> ops = Visibility.filter(shown, viewer, batchOps, state.items());
        if (before != shown) {
            List<Op> more = Visibility.revealed(before, shown, viewer, state.items());
            if (!more.isEmpty()) {
                ops = new ArrayList<>(ops);
                ops.addAll(more);
            }
        }
        return Frames.ops(seq, ops);
    }

    /** The board moved to another node: peers reconnect (to its new owner) at once. */
    void evict() {
        context.runOnContext(v -> {
            if (gone == null) shutDown("board moved to another node", true);
        });
    }

    private void shutDown(String reason, boolean moved) {
        gone = reason;
        if (ticker != null) ticker.cancel();
        inFlight.clear();
        plainText.clear();
        storedEarly.clear();
        whenDurable.values().forEach(waiters -> waiters.forEach(w -> w.failed().run()));
        whenDurable.clear();
        members.keySet().forEach(m -> {
            if (moved) m.closeForMove(reason);
            else m.closeForRetry(reason);
        });
        members.clear();
        hooks.closed(this);
    }

    private void afterDurable(long seq, Runnable task, Runnable ifStoreFails) {
        afterDurable(seq, task, ifStoreFails, ifStoreFails);
    }

    private void afterDurable(long seq, Runnable task, Runnable ifStoreFails, Runnable ifRolledBack) {
        if (seq <= durableSeq) task.run();
        else if (gone != null) ifStoreFails.run();
        else whenDurable.computeIfAbsent(seq, s -> new ArrayList<>(1)).add(new Waiter(task, ifStoreFails, ifRolledBack));
    }

    void presence(Peer c, JsonNode cursor, JsonNode selection, JsonNode caret, JsonNode drag) {
        run(() -> {
            Member member = members.get(c);
            if (member == null || !member.welcomed) return;
            boolean namesItems = (selection != null && !selection.isEmpty()) || caret != null || drag != null;
            Visibility visibility = namesItems ? Visibility.of(state.items()) : null;
            if (visibility == null || !visibility.hidesItems()) {
                broadcastDroppable(c, Frames.presence(c.replica(), c.name(), c.role().wire(), cursor, selection, caret, drag));
                return;
            }
            // ID-7: a selection, caret or drag may name someone's private note; each peer gets only ids it may see.
            members.forEach((m, other) -> {
                if (m == c || !other.welcomed) return;
                com.fasterxml.jackson.databind.node.ArrayNode seen = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                if (selection != null) selection.forEach(id -> {
                    if (!visibility.hidesItem(m.replica(), id.asText(), state.items())) seen.add(id);
                });
                boolean caretSeen = caret != null && !visibility.hidesItem(m.replica(), caret.path("i").asText(), state.items());
                com.fasterxml.jackson.databind.node.ArrayNode dragged = null;
                if (drag != null) {
                    dragged = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                    for (JsonNode e : drag) if (!visibility.hidesItem(m.replica(), e.get(0).asText(), state.items())) dragged.add(e);
                }
                m.sendDroppable(Frames.presence(c.replica(), c.name(), c.role().wire(), cursor, seen, caretSeen ? caret : null, dragged));
            });
        }, next -> next.presence(c, cursor, selection, caret, drag));
    }

    private void broadcastDroppable(Peer from, String text) {
        OutFrame frame = OutFrame.of(text);
        members.forEach((m, member) -> {
            if (m != from && member.welcomed) m.sendDroppable(frame);
        });
    }

    /**
     * The state now (a reader's copy: fiche conversion, the relay). Null when the hub is gone.
     */
    CompletableFuture<BoardSnapshot> capture() {
        CompletableFuture<BoardSnapshot> out = new CompletableFuture<>();
        run(() -> out.complete(gone != null ? null : state.snapshot()), next -> forward(next.capture(), out));
        return out;
    }

    /**
     * The state now, for a periodic snapshot; it does not count as use. With {@code durableOnly},
     * null unless everything applied is durable: in a cluster a batch not yet confirmed may still
     * be refused, and a snapshot must never hold it. Null too when the hub is gone or unloaded:
     * the store has the board then.
     */
    CompletableFuture<BoardSnapshot> captureForSnapshot(boolean durableOnly) {
        CompletableFuture<BoardSnapshot> out = new CompletableFuture<>();
        run(() -> {
            if (gone != null) out.complete(null);
            else out.complete(durableOnly && state.seq() != durableSeq ? null : state.snapshot());
        }, next -> out.complete(null), false);
        return out;
    }

    /** Who is connected to the board now (welcomed sessions, relayed ones included): the room's are the workshop's people (FA-21). */
    CompletableFuture<List<ControlContext.Person>> peers() {
        CompletableFuture<List<ControlContext.Person>> out = new CompletableFuture<>();
        run(() -> {
            List<ControlContext.Person> connected = new ArrayList<>();
            members.forEach((m, member) -> {
                if (member.welcomed) connected.add(new ControlContext.Person(m.replica(), m.name(), m.role()));
            });
            out.complete(connected);
        }, next -> forward(next.peers(), out), false);
        return out;
    }

    /** Durable seq and the items as JSON, for the REST board view. */
    CompletableFuture<BoardView> view() {
        CompletableFuture<BoardView> out = new CompletableFuture<>();
        run(() -> {
            if (gone != null) {
                out.completeExceptionally(notServed());
                return;
            }
            viewWhenDurable(out);
        }, next -> forward(next.view(), out));
        return out;
    }

    private void viewWhenDurable(CompletableFuture<BoardView> out) {
        long seq = state.seq();
        // REST readers have no replica: they see nothing that is hidden from anyone (FA-6).
        String items = Frames.items(Visibility.filter(Visibility.of(state.items()), null, state.items()));
        afterDurable(seq, () -> out.complete(new BoardView(id, template, seq, items)),
                () -> out.completeExceptionally(unavailable()),
                () -> viewWhenDurable(out)); // that seq was taken back: the state as it is now
    }
}
