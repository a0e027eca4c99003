package be.samenbord.facilitation;

import be.samenbord.testkit.FreshSeeds;
import be.samenbord.workshop.ControlRefused;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The room machine under random command sequences (rules FA-12..FA-16, issue 16): breakouts,
 * timers, rounds, answers, time passing and the node's settle ticks, in any order, refused ones
 * included; and beside it a work board's private writing and dot votes (FA-4..FA-7, FA-11, FA-26)
 * with clients writing notes, themes and dots ({@link BoardModel}). Fixed seed in {@code mvn
 * verify}; {@code -Dseeds=random} gives fresh ones (printed).
 */
@AddLifecycleHook(FreshSeeds.class)
class RoomMachinePropertiesTest {

    static final String SEED = "20261207";
    static final List<String> PEOPLE = List.of("replicaAnna", "replicaBert", "replicaCas1", "replicaObs1");

    /** The room and what the sequence has done to it. */
    static final class Model {
        final RoomHarness room = new RoomHarness(new Random(11));
        /** The windroos board1, on the same clock as the room. */
        final BoardModel board = new BoardModel(() -> room.now, new Random(12));
        /** Whether the room was settled to {@code room.now} by the last step (a command or a tick). */
        boolean settled = true;

        /** Runs a command; a refusal writes nothing. Only breakoutStart may open a breakout. */
        void command(String action, ObjectNode args, String actor) {
            boolean wasActive = room.flag("breakout", "active");
            args.put("action", action);
            try {
                room.run(actor, args.toString());
                settled = true;
            } catch (ControlRefused refused) {
                // Nothing was written: the state is as before, settled or not.
            }
            if (!wasActive && room.flag("breakout", "active")) {
                assertEquals("breakoutStart", action, "only breakoutStart opens a breakout");
            }
        }

        void command(String action, ObjectNode args) {
            command(action, args, "replicaCas1");
        }
    }

    private static ObjectNode args() {
        return RoomHarness.JSON.createObjectNode();
    }

    private static Action.Independent<Model> action(Arbitrary<Transformer<Model>> transformer) {
        return () -> transformer;
    }

    private static Transformer<Model> simple(String action) {
        return Transformer.mutate(action, m -> m.command(action, args()));
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        Arbitrary<Integer> seconds = Arbitraries.integers().between(1, 180);
        Arbitrary<Transformer<Model>> zonesStart = Combinators.combine(
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(-1, 2).list().ofSize(PEOPLE.size()),
                Arbitraries.of("none", "north", "west", "south").list().ofSize(3), seconds.injectNull(0.5))
                .as((groups, placement, zones, secs) -> Transformer.mutate("breakoutStart zones " + groups + " " + placement + " " + zones + " " + secs, m -> {
                    ObjectNode a = args().put("mode", "zones").put("board", "board1");
                    if (secs != null) a.put("seconds", secs);
                    ArrayNode list = a.putArray("groups");
                    for (int g = 0; g < groups; g++) {
                        ObjectNode group = list.addObject();
                        if (!zones.get(g).equals("none")) group.put("zone", zones.get(g));
                        ArrayNode members = group.putArray("members");
                        for (int p = 0; p < PEOPLE.size(); p++) if (placement.get(p) == g) members.add(PEOPLE.get(p));
                    }
                    m.command("breakoutStart", a);
                }));
        Arbitrary<Transformer<Model>> copiesStart = seconds.injectNull(0.5).map(secs -> Transformer.mutate("breakoutStart copies " + secs, m -> {
            ObjectNode a = args().put("mode", "copies").put("board", "board1");
            if (secs != null) a.put("seconds", secs);
            a.putArray("boards").add("copy1").add("copy2");
            a.putArray("groups").add(args().set("members", args().arrayNode().add("replicaAnna")))
                    .add(args().set("members", args().arrayNode().add("replicaBert").add("replicaCas1")));
            m.command("breakoutStart", a);
        }));
        Arbitrary<Transformer<Model>> reuse = seconds.injectNull(0.5).map(secs -> Transformer.mutate("breakoutStart reuse " + secs, m -> {
            ObjectNode a = args().put("reuse", true);
            if (secs != null) a.put("seconds", secs);
            m.command("breakoutStart", a);
        }));
        Arbitrary<Transformer<Model>> assign = Combinators.combine(Arbitraries.of(PEOPLE), Arbitraries.of("group-1", "group-2", "group-3", "none"))
                .as((who, group) -> Transformer.mutate("breakoutAssign " + who + " " + group, m -> {
                    ObjectNode a = args().put("replica", who);
                    if (group.equals("none")) a.putNull("group");
                    else a.put("group", group);
                    m.command("breakoutAssign", a);
                }));
        Arbitrary<Transformer<Model>> end = Arbitraries.just(Transformer.mutate("breakoutEnd", m -> {
            m.command("breakoutEnd", args());
            assertFalse(m.room.flag("breakout", "active"), "after the end everyone is on the plenary");
        }));
        Arbitrary<Transformer<Model>> timerStart = seconds.map(s -> Transformer.mutate("timerStart " + s,
                m -> m.command("timerStart", args().put("seconds", s))));
        Arbitrary<Transformer<Model>> timerAdd = seconds.map(s -> Transformer.mutate("timerAdd " + s,
                m -> m.command("timerAdd", args().put("seconds", s))));
        Arbitrary<Transformer<Model>> pass = Arbitraries.longs().between(0, 150_000).map(ms -> Transformer.mutate("pass " + ms, m -> {
            m.room.now += ms;
            if (ms > 0) m.settled = false;
        }));
        Arbitrary<Transformer<Model>> tick = Arbitraries.just(Transformer.mutate("settle", m -> {
            boolean wasActive = m.room.flag("breakout", "active");
            m.room.settle();
            m.settled = true;
            assertFalse(!wasActive && m.room.flag("breakout", "active"), "a tick never opens a breakout");
        }));
        Arbitrary<Transformer<Model>> roundStart = Combinators.combine(Arbitraries.integers().between(5, 60), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((turn, auto, facilitators) -> Transformer.mutate(
                "roundStart " + turn + " auto=" + auto + " facilitators=" + facilitators, m -> m.command("roundStart", args().put("kind", "check-in")
                        .put("prompt", "Hoe gaat het?").put("turnSeconds", turn).put("autoAdvance", auto).put("facilitators", facilitators))));
        Arbitrary<Transformer<Model>> answer = Combinators.combine(Arbitraries.of(PEOPLE), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8))
                .as((who, text) -> Transformer.mutate("roundAnswer " + who + " " + text, m -> {
                    m.command("roundAnswer", args().put("text", text), who);
                }));
        return ActionChain.startWith(Model::new)
                .withAction(3, action(zonesStart))
                .withAction(1, action(copiesStart))
                .withAction(2, action(reuse))
                .withAction(2, action(assign))
                .withAction(2, action(end))
                .withAction(2, action(timerStart))
                .withAction(2, action(Arbitraries.just(simple("timerStop"))))
                .withAction(1, action(Arbitraries.just(simple("timerPause"))))
                .withAction(1, action(Arbitraries.just(simple("timerResume"))))
                .withAction(1, action(timerAdd))
                .withAction(4, action(pass))
                .withAction(3, action(tick))
                .withAction(1, action(roundStart))
                .withAction(1, action(Arbitraries.just(simple("roundNext"))))
                .withAction(1, action(Arbitraries.just(simple("roundSkip"))))
                .withAction(1, action(Arbitraries.just(simple("roundEnd"))))
                .withAction(1, action(answer))
                .withAction(2, action(Arbitraries.of("privateStart", "reveal").map(RoomMachinePropertiesTest::boardAction)))
                .withAction(1, action(Arbitraries.of("lock", "unlock", "anonymousOn", "anonymousOff").map(RoomMachinePropertiesTest::boardAction)))
                .withAction(2, action(voteStart()))
                .withAction(1, action(Arbitraries.just(boardAction("voteClose"))))
                .withAction(4, action(makeItem()))
                .withAction(1, action(deleteItem()))
                .withAction(4, action(dots()))
                .withMaxTransformations(60);
    }

    // ---- board1: private writing and votes (BoardModel) -------------------------------------------

    private static Transformer<Model> boardAction(String action) {
        return Transformer.mutate(action + " on board1", m -> m.board.control(action, args()));
    }

    private static Arbitrary<Transformer<Model>> voteStart() {
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.of("none", "north", "south"), Arbitraries.of("notes", "themes"))
                .as((dots, zone, on) -> Transformer.mutate("voteStart " + dots + " zone=" + zone + " on=" + on, m -> {
                    ObjectNode a = args().put("dots", dots).put("on", on);
                    if (!zone.equals("none")) a.put("zone", zone);
                    m.board.control("voteStart", a);
                }));
    }

    /** A client makes a note or a theme in a zone of board1. */
    private static Arbitrary<Transformer<Model>> makeItem() {
        return Combinators.combine(Arbitraries.of(BoardHarness.WRITERS), Arbitraries.of("note", "theme"), Arbitraries.of("north", "south", "east"))
                .as((who, kind, zone) -> Transformer.mutate(who + " makes a " + kind + " in " + zone,
                        m -> m.board.batch(who, itemWrites(m.board.board.newId(), who, kind, zone))));
    }

    /** The registers of a new note (with its author) or theme (with a title). */
    static List<BoardHarness.Write> itemWrites(String id, String who, String kind, String zone) {
        return List.of(new BoardHarness.Write(id, "kind", "\"" + kind + "\""), new BoardHarness.Write(id, "zone", "\"" + zone + "\""),
                new BoardHarness.Write(id, "x", "10"), new BoardHarness.Write(id, "y", "20"),
                kind.equals("note") ? new BoardHarness.Write(id, "author", "\"" + who + "\"") : new BoardHarness.Write(id, "title", "\"Thema\""));
    }

    /** The index-th item of board1 (ids in order), or null when it has none. */
    private static String pick(Model m, int index) {
        List<String> ids = m.board.board.items.itemIds().stream().filter(id -> !BoardControl.reserved(id)).sorted().toList();
        return ids.isEmpty() ? null : ids.get(index % ids.size());
    }

    private static Arbitrary<Transformer<Model>> deleteItem() {
        return Combinators.combine(Arbitraries.of(BoardHarness.WRITERS), Arbitraries.integers().between(0, 50))
                .as((who, index) -> Transformer.mutate(who + " deletes item #" + index, m -> {
                    String id = pick(m, index);
                    if (id != null) m.board.batch(who, List.of(new BoardHarness.Write(id, "deleted", "true")));
                }));
    }

    /** A client puts dots on one or two items in one batch (0 takes them off). */
    private static Arbitrary<Transformer<Model>> dots() {
        return Combinators.combine(Arbitraries.of(BoardHarness.WRITERS), Arbitraries.integers().between(0, 50).list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.integers().between(0, 3).list().ofSize(2))
                .as((who, items, counts) -> Transformer.mutate(who + " dots " + counts + " on items #" + items, m -> {
                    List<BoardHarness.Write> w = new java.util.ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        String id = pick(m, items.get(i));
                        if (id != null) w.add(new BoardHarness.Write(id, "vote:" + who, Integer.toString(counts.get(i))));
                    }
                    if (!w.isEmpty()) m.board.batch(who, w);
                }));
    }

    @Property(tries = 400, seed = SEED)
    void invariantsHold(@ForAll("chains") ActionChain<Model> chain) {
        chain.withInvariant("the room is consistent", RoomMachinePropertiesTest::consistent).run();
    }

    /**
     * Found by {@link #invariantsHold} with seed 20261207, shrunk to five steps: Anna's clock runs 3 s
     * ahead, so her dot is stamped 3 s ahead; voteStart resets it, and the node's clock, having
     * observed that dot, stamped the start of private writing 3 s ahead of the server. Bert's clock,
     * 3 s behind, does not follow a stamp 6 s ahead of it (ST-3), so the note he wrote during private
     * writing was stamped before its start and shown to everyone.
     */
    @Example
    void seed20261207_aFastClientsDotCannotMakeAPrivateNotePublic() {
        Model m = new Model();
        assertTrue(m.board.batch(BoardHarness.ANNA_1, itemWrites("item1", BoardHarness.ANNA_1, "note", "north")));
        assertTrue(m.board.batch(BoardHarness.ANNA_1, List.of(new BoardHarness.Write("item1", "vote:" + BoardHarness.ANNA_1, "1"))));
        m.board.control("voteStart", args().put("dots", 1).put("on", "notes"));
        m.board.control("privateStart", args());
        assertTrue(m.board.batch(BoardHarness.BERT, itemWrites("item2", BoardHarness.BERT, "note", "north")));
        m.board.check();
    }

    static void consistent(Model m) {
        m.board.check();
        RoomHarness room = m.room;
        // Every person in at most one group of the breakout (at most one breakout: one breakout item).
        Set<String> seen = new HashSet<>();
        JsonNode groups = room.value("breakout", "groups");
        for (JsonNode g : groups) {
            for (JsonNode member : room.value(g.asText(), "members")) {
                assertTrue(seen.add(member.asText()), member + " is in two groups");
            }
        }
        if (room.flag("breakout", "active")) assertFalse(groups.isEmpty(), "an active breakout has groups");
        else assertFalse(room.flag("breakout", "endsWithTimer"), "only a running breakout ends with the timer");
        // The timer: running with an end, or paused with what is left, or cleared.
        if (room.flag("timer", "running")) {
            assertNotNull(room.value("timer", "endsAt").numberValue());
            assertTrue(room.value("timer", "remaining").isNull());
        } else {
            assertTrue(room.value("timer", "endsAt").isNull());
        }
        if (room.flag("breakout", "endsWithTimer")) {
            assertTrue(room.flag("timer", "running") || room.value("timer", "remaining").isNumber(), "a breakout's timer runs or is paused");
        }
        // Rounds: whose turn is in the order; the record is open exactly while the round runs.
        String id = room.value("round", "id").asText("");
        if (!id.isEmpty()) {
            boolean active = room.flag("round", "active");
            if (active) assertTrue(room.value("round", "index").asInt() < room.value("round", "order").size());
            assertEquals(active, room.value("round-" + id, "endedAt").isNull(), "the record of " + id + " is open while it runs");
            // A record stays a record once ended (the summary reads rounds by this kind).
            assertEquals("roundRecord", room.value("round-" + id, "kind").asText(), "the record of " + id + " keeps its kind");
        }
        if (m.settled) {
            // Settled: nothing is due, so a breakout ending with its timer is over once now >= endsAt.
            assertTrue(RoomMachine.settle(room.items, room.now).isEmpty(), "settled means nothing due");
            if (room.flag("breakout", "active") && room.flag("breakout", "endsWithTimer") && room.flag("timer", "running")) {
                assertTrue(room.now < room.value("timer", "endsAt").asLong(), "a breakout past its timer's end is closed");
            }
        }
    }
}
