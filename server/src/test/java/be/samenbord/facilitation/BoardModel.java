package be.samenbord.facilitation;

import be.samenbord.board.Register;
import be.samenbord.board.Stamp;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Seats;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A work board's private writing and dot voting (FA-4..FA-7, FA-11, FA-26) as the property test
 * drives it, with what the sequence so far makes the rules expect, and the invariants those rules
 * promise after every step.
 */
final class BoardModel {

    final BoardHarness board;
    /** The vote as the accepted actions left it: null (never), "open" or "closed". */
    private String vote;
    /** The vote registers when the vote closed: frozen until the next voteStart (FA-7). */
    private Map<String, String> closedTally = Map.of();
    /** While private writing runs, its start stamp; and each item made since, with its maker. */
    private Stamp phase;
    private final Map<String, String> madeInPhase = new HashMap<>();

    BoardModel(LongSupplier now, RandomGenerator random) {
        this.board = new BoardHarness(now, random);
    }

    // ---- facilitation actions ------------------------------------------------------------------

    /** Runs a board action; returns false when refused (then nothing was written). */
    boolean control(String action, ObjectNode args) {
        args.put("action", action);
        Stamp before = board.stamp(BoardControl.ITEM, "private");
        try {
            board.control(args);
        } catch (ControlRefused refused) {
            if (action.equals("voteClose")) assertFalse("open".equals(vote), "an open vote can always be closed: " + refused.getMessage());
            else fail(action + " " + args + " refused: " + refused.getMessage());
            return false;
        }
        BoardControl c = BoardControl.read(board.items);
        switch (action) {
            case "privateStart" -> {
                if (phase != null) {
                    assertEquals(before, board.stamp(BoardControl.ITEM, "private"), "a second privateStart keeps the phase's start");
                } else {
                    phase = c.privateSince();
                    assertNotNull(phase, "privateStart opens private writing");
                    madeInPhase.clear();
                }
            }
            case "reveal" -> {
                assertNull(c.privateSince(), "reveal ends private writing");
                phase = null;
                madeInPhase.clear();
            }
            case "voteStart" -> {
                vote = "open";
                assertEquals(args.get("dots").asInt(), c.voteDots());
                assertEquals(args.path("on").asText("notes"), Themes.voteOn(board.items));
                assertEquals(Map.of(), nonZero(votes()), "a new vote starts with no dots anywhere (one vote at a time)");
            }
            case "voteClose" -> {
                vote = "closed";
                closedTally = votes();
            }
            default -> {
                // lock, unlock, anonymousOn, anonymousOff: checked by the state they leave.
            }
        }
        return true;
    }

    // ---- client batches ------------------------------------------------------------------------

    /** Runs a client's batch; asserts what the rules say about one that got through. */
    boolean batch(String replica, List<BoardHarness.Write> writes) {
        boolean lockedBefore = BoardControl.read(board.items).locked();
        boolean applied = board.batch(replica, writes);
        if (!applied) return false;
        assertFalse(lockedBefore && BoardHarness.role(replica) != Role.FACILITATOR, "FA-5: a locked board takes no participant's batch");
        BoardControl c = BoardControl.read(board.items);
        for (BoardHarness.Write w : writes) {
            if (w.field().equals("kind") && phase != null) madeInPhase.putIfAbsent(w.item(), replica);
            if (!w.field().startsWith("vote:")) continue;
            assertFalse(c.voteClosed(), "FA-7: no dot moves while the vote is closed");
            if (c.voteOpen() && !w.json().equals("0")) {
                String on = Themes.voteOn(board.items);
                assertTrue(Themes.takesDots(board.json(w.item(), "kind"), on), "FA-26: a dot on " + w.item() + " in a vote on " + on);
                assertFalse("true".equals(board.json(w.item(), "deleted")), "a dot on a deleted item");
                if (c.voteZone() != null) assertEquals("\"" + c.voteZone() + "\"", board.json(w.item(), "zone"), "a dot outside the vote's zone");
            }
        }
        return true;
    }

    // ---- invariants ----------------------------------------------------------------------------

    void check() {
        BoardControl c = BoardControl.read(board.items);
        assertEquals(vote, c.vote(), "the vote is where the last accepted voteStart or voteClose left it");
        Map<String, String> votes = votes();
        if (c.voteOpen()) {
            assertTrue(c.voteDots() >= 1 && c.voteDots() <= 20, "dots " + c.voteDots());
            Map<String, Long> spent = new TreeMap<>();
            votes.forEach((key, json) -> spent.merge(Seats.personOf(key.substring(key.indexOf("|vote:") + 6)), Long.parseLong(json), Long::sum));
            spent.forEach((person, n) -> assertTrue(n <= c.voteDots(), person + " spent " + n + " of " + c.voteDots() + " dots"));
        }
        if (c.voteClosed()) assertEquals(closedTally, votes, "a closed vote's dots stay as they were at its close");

        Visibility v = Visibility.of(board.items);
        if (phase != null) {
            assertEquals(phase, c.privateSince(), "private writing keeps its start until the reveal");
            madeInPhase.forEach((item, maker) -> {
                for (String viewer : BoardHarness.VIEWERS) {
                    assertEquals(!Seats.samePerson(maker, viewer), v.hidesItem(viewer, item, board.items),
                            item + " made during private writing by " + maker + ", seen by " + viewer);
                }
            });
        } else {
            assertNull(c.privateSince());
            for (String item : board.items.itemIds()) {
                for (String viewer : BoardHarness.VIEWERS) {
                    assertFalse(v != null && v.hidesItem(viewer, item, board.items), "after the reveal " + item + " is hidden from " + viewer);
                }
            }
        }
        for (String key : votes.keySet()) {
            String item = key.substring(0, key.indexOf('|'));
            String field = key.substring(key.indexOf('|') + 1);
            for (String viewer : BoardHarness.VIEWERS) {
                if (v != null && v.hidesItem(viewer, item, board.items)) continue;
                boolean hidden = v != null && v.hides(viewer, item, field, board.items);
                assertEquals(c.voteOpen() && !Seats.samePerson(field.substring(5), viewer), hidden,
                        "FA-7: " + field + " on " + item + " for " + viewer + " while the vote is " + c.vote());
            }
        }
        if (c.anonymous()) {
            for (String item : board.items.itemIds()) {
                if (board.items.get(item, Visibility.AUTHOR) == null) continue;
                for (String viewer : BoardHarness.VIEWERS) assertTrue(v.hides(viewer, item, Visibility.AUTHOR, board.items), "FA-11: author of " + item);
            }
        }
    }

    /** Every vote register on the board, as "item|vote:replica" to its JSON. */
    private Map<String, String> votes() {
        Map<String, String> out = new TreeMap<>();
        for (String item : board.items.itemIds()) {
            for (Map.Entry<String, Register> e : board.items.item(item).entrySet()) {
                if (e.getKey().startsWith("vote:")) out.put(item + "|" + e.getKey(), e.getValue().json());
            }
        }
        return out;
    }

    private static Map<String, String> nonZero(Map<String, String> votes) {
        Map<String, String> out = new TreeMap<>(votes);
        out.values().removeIf("0"::equals);
        return out;
    }
}
