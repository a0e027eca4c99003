package be.samenbord.indicators;

import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.HybridLogicalClock;
import be.samenbord.board.Op;
import be.samenbord.indicators.model.Indicator;
import be.samenbord.indicators.model.IsoWeek;
import be.samenbord.indicators.model.PersonDays;
import be.samenbord.indicators.model.TeamIndicators;
import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.Placement;
import be.samenbord.store.StoreUnavailableException;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.workshop.Tokens;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Indicator items on boards (IND-15): a facilitator places one (which indicator, how many weeks up
 * to the current one); the node writes it, as replica {@code samenbord-node} under a reserved item
 * id ({@code _ind-...}, so no client can write it), and rewrites its {@code state} whenever what it
 * rests on changes (an import, a consent, an erasure, a new week). Only the board's owner writes a
 * state, one workshop at a time, reading the store after the change: the latest write always rests
 * on the latest data. Stamps are taken past the item's current registers.
 */
public final class BoardIndicators {

    private static final Logger LOG = Logger.getLogger(BoardIndicators.class.getName());
    public static final String ITEM_PREFIX = "_ind-";
    public static final String KIND = "indicator";
    static final String REPLICA = "samenbord-node";
    public static final int MAX_WEEKS = 12;
    static final int WIDTH = 320;
    static final int HEIGHT = 210;

    private final BoardRegistry registry;
    private final IndicatorService service;
    private final Tokens tokens;
    private final Executor io;
    private final HybridLogicalClock hlc;
    private final Later later;
    /** Workshops whose refresh is running (value: whether another was asked for meanwhile). */
    private final Map<String, Boolean> refreshing = new HashMap<>();
    /** Workshops whose last refresh failed: the delay before the next try (doubling, up to {@link #RETRY_MAX_MS}). */
    private final Map<String, Long> retrying = new HashMap<>();
    /**
     * Per item, the state this node last read on its board or wrote there (durably). Every node
     * computes a state from the same shared data, so a board that shows it needs no load to compare.
     */
    private final Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
    static final long RETRY_FIRST_MS = 250;
    static final long RETRY_MAX_MS = 30_000;

    /** Runs a task after a delay (a timer of the node's; injected so tests need not wait on a clock). */
    public interface Later {
        void after(long ms, Runnable task);
    }

    public BoardIndicators(BoardRegistry registry, IndicatorService service, Tokens tokens, Executor io, LongSupplier clock, Later later) {
        this.registry = registry;
        this.service = service;
        this.tokens = tokens;
        this.io = io;
        this.hlc = new HybridLogicalClock(REPLICA, clock);
        this.later = later;
    }

    /** Places an indicator item; completes with its item id once durable. */
    public CompletableFuture<String> place(Workshop w, String board, Indicator ind, int weeks, int x, int y) {
        String item = ITEM_PREFIX + tokens.newId();
        return service.run(() -> state(w.id(), ind, weeks)).thenCompose(state -> {
            List<Op> ops = new ArrayList<>();
            put(ops, item, "kind", '"' + KIND + '"');
            put(ops, item, "indicator", '"' + ind.wire() + '"');
            put(ops, item, "weeks", Integer.toString(weeks));
            put(ops, item, "x", Integer.toString(x));
            put(ops, item, "y", Integer.toString(y));
            put(ops, item, "w", Integer.toString(WIDTH));
            put(ops, item, "h", Integer.toString(HEIGHT));
            put(ops, item, "state", state.toString());
            return registry.submitLocal(board, REPLICA, "ind-" + tokens.newId(), ops);
        }).thenCompose(seq -> service.run(() -> {
            // Stored once the item is on the board (a refresh meanwhile would drop a placement without
            // its item); a change that landed while the state was computed is caught by this refresh.
            service.store().savePlacement(new Placement(w.id(), board, item, ind.wire(), weeks, System.currentTimeMillis()));
            refresh(w.id());
            return item;
        }));
    }

    /** Removes an indicator item (written {@code deleted: true}) and forgets its placement. */
    public CompletableFuture<Void> remove(Workshop w, String board, String item) {
        return service.run(() -> {
            boolean ours = service.store().placements(w.id()).stream().anyMatch(p -> p.board().equals(board) && p.item().equals(item));
            if (!ours) throw IndicatorRefused.notFound("no indicator " + item + " on this board");
            service.store().deletePlacement(board, item);
            seen.remove(item);
            return null;
        }).thenCompose(v -> write(board, item, "deleted", "true")).thenApply(seq -> null);
    }

    private void put(List<Op> ops, String item, String field, String json) {
        ops.add(new Op(item, field, json, hlc.next()));
    }

    private ObjectNode state(String workshop, Indicator ind, int weeks) throws IOException {
        IsoWeek last = IsoWeek.of(service.today());
        IsoWeek first = last.minus(weeks - 1);
        Map<String, PersonDays> people = service.store().team(workshop, TeamIndicators.firstDayNeeded(first.previous()), last.sunday());
        List<TeamIndicators.WeekPoint> series = service.team().series(ind, last, weeks, people);
        return IndicatorJson.state(ind, service.team().rules(), series);
    }

    /** One register of an existing item, stamped past what the board holds for that item. */
    private CompletableFuture<Long> write(String board, String item, String field, String json) {
        return registry.snapshot(board).orElseThrow(() -> IndicatorRefused.notFound("no such board")).thenCompose(snap -> {
            observe(snap, item);
            return registry.submitLocal(board, REPLICA, "ind-" + tokens.newId(), List.of(new Op(item, field, json, hlc.next())));
        });
    }

    private void observe(BoardSnapshot snap, String item) {
        for (Op op : snap.ops()) if (op.item().equals(item)) hlc.observe(op.stamp());
    }

    /** Rewrites the indicator items of a workshop's boards that this node owns; coalesced per workshop. */
    public void refresh(String workshop) {
        synchronized (refreshing) {
            if (refreshing.containsKey(workshop)) {
                refreshing.put(workshop, true);
                return;
            }
            refreshing.put(workshop, false);
        }
        io.execute(() -> {
            while (true) {
                boolean failed = false;
                try {
                    refreshNow(workshop);
                } catch (Exception e) {
                    failed = true;
                    // Class names and the store's own message only: no state (it holds team values) is logged.
                    Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                    LOG.log(Level.WARNING, "could not refresh the indicators of workshop " + workshop + ": " + cause.getClass().getSimpleName()
                            + (cause instanceof IOException || StoreUnavailableException.in(cause) ? " " + cause.getMessage() : "")
                            + "; trying again");
                }
                synchronized (refreshing) {
                    if (failed) retryLater(workshop);
                    else retrying.remove(workshop);
                    if (!refreshing.get(workshop)) {
                        refreshing.remove(workshop);
                        return;
                    }
                    refreshing.put(workshop, false);
                }
            }
        });
    }

    /**
     * A refresh that failed (the board store failing, DU-5; a board without an owner for a moment)
     * is tried again after a growing delay until it succeeds, so a change made during an outage
     * still reaches its boards once the store heals, not only at the next periodic sweep.
     */
    private void retryLater(String workshop) {
        long delay = retrying.merge(workshop, RETRY_FIRST_MS, (old, first) -> Math.min(old * 2, RETRY_MAX_MS));
        later.after(delay, () -> refresh(workshop));
    }

    /** Every workshop with an indicator item (at start, and periodically: a new week changes what is shown). */
    public void refreshAll() {
        try {
            Set<String> workshops = new HashSet<>();
            service.store().allPlacements().forEach(p -> workshops.add(p.workshop()));
            workshops.forEach(this::refresh);
        } catch (IOException e) {
            LOG.warning("could not list the indicator items: " + e.getMessage());
        }
    }

    private void refreshNow(String workshop) throws Exception {
        IndicatorStore store = service.store();
        for (Placement p : store.placements(workshop)) {
            if (!registry.exists(p.board())) {
                store.deletePlacement(p.board(), p.item());
                continue;
            }
            if (!registry.isLocal(p.board())) continue;
            Indicator ind = Indicator.byWire(p.indicator()).orElse(null);
            if (ind == null) continue;
            String state = state(workshop, ind, p.weeks()).toString();
            // An idle board left memory (ME-1): a sweep that would write what it already shows does not
            // load it back. A changed state loads it (the snapshot below), so it is never missed.
            if (!registry.holds(p.board()) && state.equals(seen.get(p.item()))) continue;
            BoardSnapshot snap = registry.snapshot(p.board()).orElseThrow().get(30, TimeUnit.SECONDS);
            String current = null;
            boolean deleted = false;
            boolean present = false;
            for (Op op : snap.ops()) {
                if (!op.item().equals(p.item())) continue;
                present = true;
                if (op.field().equals("state")) current = op.json();
                if (op.field().equals("deleted")) deleted = op.json().equals("true");
            }
            if (!present || deleted) {
                seen.remove(p.item());
                store.deletePlacement(p.board(), p.item());
                continue;
            }
            if (!state.equals(current)) {
                observe(snap, p.item());
                registry.submitLocal(p.board(), REPLICA, "ind-" + tokens.newId(), List.of(new Op(p.item(), "state", state, hlc.next())))
                        .get(30, TimeUnit.SECONDS);
            }
            seen.put(p.item(), state);
        }
    }
}
