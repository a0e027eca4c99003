package be.samenbord.facilitation;

import be.samenbord.board.HybridLogicalClock;
import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.board.Stamp;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A work board (the windroos {@code board1}) driven as its owner drives it, without a node:
 * facilitation actions planned by {@link ControlPlan} and stamped by {@link ControlStamps} with the
 * board's node clock (as {@code sync.ControlWrites} does); client batches checked by {@link BatchRules} and applied
 * with each client's own hybrid clock, which runs a little ahead of or behind the server's and
 * observes what that client may see (ST-3: never a stamp more than 5 s ahead of its wall clock).
 */
final class BoardHarness {

    /** Anna in two tabs: one person (ID-3), one dot budget. */
    static final String ANNA_1 = "0123456789abcdef01234567_tab1";
    static final String ANNA_2 = "0123456789abcdef01234567_tab2";
    static final String BERT = "replicaBert";
    static final String CAS = "replicaCas1";
    static final List<String> WRITERS = List.of(ANNA_1, ANNA_2, BERT, CAS);
    /** Everyone who looks at the board, the observer and a reader without a replica (REST) too. */
    static final List<String> VIEWERS = java.util.Arrays.asList(ANNA_1, ANNA_2, BERT, CAS, "replicaObs1", null);
    static final List<ControlContext.Person> CONNECTED = List.of(
            new ControlContext.Person(ANNA_1, "Anna", Role.PARTICIPANT), new ControlContext.Person(ANNA_2, "Anna", Role.PARTICIPANT),
            new ControlContext.Person(BERT, "Bert", Role.PARTICIPANT), new ControlContext.Person(CAS, "Cas", Role.FACILITATOR),
            new ControlContext.Person("replicaObs1", "Olga", Role.OBSERVER));
    /** How far each client's wall clock is off the server's, within what ST-3 lets a client follow. */
    static final Map<String, Long> SKEW = Map.of(ANNA_1, 3_000L, ANNA_2, -1_500L, BERT, -3_000L, CAS, 0L);

    final Items items = new Items();
    private final LongSupplier now;
    private final RandomGenerator random;
    private final HybridLogicalClock node;
    private final Map<String, HybridLogicalClock> clients;
    private int made;

    BoardHarness(LongSupplier now, RandomGenerator random) {
        this.now = now;
        this.random = random;
        this.node = new HybridLogicalClock("samenbord-node", now);
        this.clients = Map.of(ANNA_1, clock(ANNA_1), ANNA_2, clock(ANNA_2), BERT, clock(BERT), CAS, clock(CAS));
    }

    private HybridLogicalClock clock(String replica) {
        return new HybridLogicalClock(replica, () -> now.getAsLong() + SKEW.get(replica));
    }

    static Role role(String replica) {
        return replica.equals(CAS) ? Role.FACILITATOR : Role.PARTICIPANT;
    }

    /** Plans a board action as the facilitator and applies its writes; {@link ControlRefused} writes nothing. */
    List<ControlContext.Write> control(JsonNode command) {
        ControlContext ctx = new ControlContext("board1", RoomHarness.WINDROOS, items, now.getAsLong(), random, CAS, CONNECTED,
                RoomHarness.WORKSHOP, RoomHarness.TEMPLATES);
        List<ControlContext.Write> writes = ControlPlan.plan(ctx, command);
        items.applyAll(ControlStamps.stamp(node, items, writes));
        return writes;
    }

    /** One register a client writes: item, field, value as JSON. */
    record Write(String item, String field, String json) {
    }

    /**
     * A client's batch, stamped by its clock after it observed what it may see; applied whole when
     * {@link BatchRules} lets it through. Returns whether it was applied.
     */
    boolean batch(String replica, List<Write> writes) {
        HybridLogicalClock clock = clients.get(replica);
        long wall = now.getAsLong() + SKEW.get(replica);
        Items seen = Visibility.filter(Visibility.of(items), replica, items);
        seen.forEachOp(op -> {
            if (op.stamp().ms() <= wall + 5_000) clock.observe(op.stamp());
        });
        List<Op> ops = new ArrayList<>();
        for (Write w : writes) ops.add(new Op(w.item(), w.field(), w.json(), clock.next()));
        try {
            BatchRules.check(items, role(replica), replica, ops);
        } catch (ControlRefused refused) {
            return false;
        }
        items.applyAll(ops);
        return true;
    }

    /** A fresh item id for a client to make. */
    String newId() {
        return "item" + ++made;
    }

    String json(String item, String field) {
        Register r = items.get(item, field);
        return r == null ? null : r.json();
    }

    Stamp stamp(String item, String field) {
        Register r = items.get(item, field);
        return r == null ? null : r.stamp();
    }
}
