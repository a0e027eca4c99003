package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Seat;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue "Trust at the edge", findings 1-3, over real sockets: nobody sees or acts as someone else
 * (rules ID-1..ID-8, FA-6, FA-7). Each test is named after the finding it pins.
 */
class IdentityTest {

    static TestNode node;
    final Random random = new Random(12);

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }



    private static boolean mentions(WsClient c, String text) {
        return c.all().stream().anyMatch(f -> f.toString().contains(text));
    }

    @Test
    @DisplayName("Finding 1 (ID-2): a second connection with another person's replica id gets forbidden and nothing else")
    void finding1ImpersonationIsForbidden() {
        TestNode.Board board = node.board("three-b");
        Seat anna = Seat.random(random);
        Seat mallory = Seat.random(random);
        String secret = "Bannen: de nachtdienst zonder pauze";
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient m = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            mallory.join(m, board.token("participant"), board.id(), "tabM", "Mallory");
            anna.join(a, board.token("participant"), board.id(), "tab1", "Anna");
            f.send(WsClient.control("p1", "privateStart"));
            a.opsAt(f.next("done").path("seq").asLong());
            OpsBuilder ao = new OpsBuilder(anna.replica("tab1"), System.currentTimeMillis() + 1_000);
            a.send(ao.note("a-1", "noteA", secret, "drop"));
            a.next("ack");
            // The replica id is public: Mallory learns it from the peers and presence, as on main.
            String stolen = m.next(p -> p.path("t").asText().equals("presence")
                    && p.path("replica").asText().startsWith(anna.id())).path("replica").asText();
            assertEquals(anna.replica("tab1"), stolen);
            try (WsClient bare = node.connect(); WsClient wrong = node.connect(); WsClient node2 = node.connect()) {
                bare.send(WsClient.hello(board.token("participant"), board.id(), stolen, "Anna"));
                bare.nextError("forbidden");
                wrong.send(mallory.hello(board.token("participant"), board.id(), stolen, "Anna"));
                wrong.nextError("forbidden");
                node2.send(WsClient.hello(board.token("participant"), board.id(), "samenbord-node", "Node"));
                node2.nextError("forbidden");
                for (WsClient c : new WsClient[]{bare, wrong, node2}) {
                    assertEquals(0, c.count(x -> x.path("t").asText().equals("welcome")), "no welcome");
                    assertFalse(mentions(c, secret), "nothing of Anna's private note");
                    // Refused means refused: an ops frame after it is "send hello first", not a write in Anna's name.
                    c.send(new OpsBuilder(stolen, System.currentTimeMillis() + 2_000).note("x-1", "noteA", "overgenomen", "drop"));
                    c.nextError("bad_message");
                }
            }
            try (WsClient tab2 = node.connect()) {
                JsonNode own = anna.join(tab2, board.token("participant"), board.id(), "tab2", "Anna");
                assertTrue(own.toString().contains(secret), "Anna's second tab is Anna: it sees her private note (ID-3)");
            }
        }
    }

    @Test
    @DisplayName("Finding 1 (ID-3, FA-7): one person's dot budget holds across their tabs")
    void finding1BudgetAcrossTabs() {
        TestNode.Board board = node.board("three-b");
        Seat anna = Seat.random(random);
        try (WsClient f = node.connect(); WsClient t1 = node.connect(); WsClient t2 = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            anna.join(t1, board.token("participant"), board.id(), "tab1", "Anna");
            anna.join(t2, board.token("participant"), board.id(), "tab2", "Anna");
            OpsBuilder fo = new OpsBuilder("facilitator1");
            f.send(fo.note("n-1", "note1", "Teamoverleg", "keep"));
            f.next("ack");
            f.send(WsClient.control("v1", "voteStart").put("dots", 3));
            long open = f.next("done").path("seq").asLong();
            t1.opsAt(open);
            t2.opsAt(open);
            long later = System.currentTimeMillis() + 1_000;
            t1.send(OpsBuilder.batch("d-1", new OpsBuilder(anna.replica("tab1"), later).op("note1", "vote:" + anna.replica("tab1"), 2)));
            t1.next("ack");
            t2.send(OpsBuilder.batch("d-2", new OpsBuilder(anna.replica("tab2"), later).op("note1", "vote:" + anna.replica("tab2"), 2)));
            assertEquals("d-2", t2.nextError("invalid_op").path("batch").asText(), "2 + 2 dots of one person is over 3");
            t2.send(OpsBuilder.batch("d-3", new OpsBuilder(anna.replica("tab2"), later).op("note1", "vote:" + anna.replica("tab2"), 1)));
            t2.next("ack");
            JsonNode inTab2 = t2.all().stream().filter(x -> x.toString().contains("vote:" + anna.replica("tab1"))).findFirst().orElse(null);
            assertTrue(inTab2 != null, "a person sees the dots of all their tabs while the vote is open");
        }
    }

    @Test
    @DisplayName("Finding 1 (ID-8): made-up identities on one participant link show in the turnout: voters beside people present")
    void finding1MadeUpIdentitiesAreVisible() {
        TestNode.Board board = node.board("three-b");
        try (WsClient f = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            f.send(new OpsBuilder("facilitator1").note("n-1", "note1", "Teamoverleg", "keep"));
            f.next("ack");
            f.send(WsClient.control("v1", "voteStart").put("dots", 3));
            f.next("done");
            WsClient[] fakes = new WsClient[10];
            try {
                for (int i = 0; i < fakes.length; i++) {
                    Seat fake = Seat.random(random);
                    fakes[i] = node.connect();
                    fake.join(fakes[i], board.token("participant"), board.id(), "tab" + i, "Fake " + i);
                    fakes[i].send(OpsBuilder.batch("v-" + i, new OpsBuilder(fake.replica("tab" + i), System.currentTimeMillis() + 1_000)
                            .op("note1", "vote:" + fake.replica("tab" + i), 3)));
                    fakes[i].next("ack");
                }
                f.send(WsClient.control("c1", "voteClose"));
                f.next("done");
                JsonNode control = node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("items").path("_control");
                assertEquals(10, control.path("voters").path("v").asInt(), "ten people voted");
                assertEquals(11, control.path("present").path("v").asInt(), "eleven people (ten made up and the facilitator) are on the board");
                assertEquals(10, control.path("voterNames").path("v").size());
            } finally {
                for (WsClient c : fakes) if (c != null) c.close();
            }
        }
    }

    @Test
    @DisplayName("Finding 2 (ID-5, ID-6, ID-7): a private note's id never reaches others; its kind cannot be rewritten to read it or hide a note")
    void finding2HiddenIdsDoNotLeak() {
        TestNode.Board board = node.board("three-b");
        Seat anna = Seat.random(random);
        Seat bram = Seat.random(random);
        String secret = "Bereiken: minder overuren";
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            anna.join(a, board.token("participant"), board.id(), "tab1", "Anna");
            bram.join(b, board.token("participant"), board.id(), "tab1", "Bram");
            OpsBuilder ao = new OpsBuilder(anna.replica("tab1"));
            a.send(ao.note("a-0", "before", "Al zichtbaar", "keep"));
            b.opsAt(a.next("ack").path("seq").asLong());
            f.send(WsClient.control("p1", "privateStart"));
            long privateSeq = f.next("done").path("seq").asLong();
            a.opsAt(privateSeq);
            b.opsAt(privateSeq);

            OpsBuilder later = new OpsBuilder(anna.replica("tab1"), System.currentTimeMillis() + 1_000);
            a.send(later.note("a-1", "noteA", secret, "achieve-short"));
            a.next("ack");
            // The web client sends the selection of the note it just made (finding 2).
            a.send(WsClient.frame("presence").putNull("cursor").set("selection", WsClient.JSON.createArrayNode().add("noteA").add("before")));
            JsonNode presence = b.next(p -> p.path("t").asText().equals("presence") && p.path("selection").size() > 0);
            assertEquals("[\"before\"]", presence.path("selection").toString(), "Bram sees only the visible note in Anna's selection");
            assertFalse(mentions(b, "noteA"), "the private note's id never reaches Bram");

            OpsBuilder bo = new OpsBuilder(bram.replica("tab1"), System.currentTimeMillis() + 2_000);
            b.send(OpsBuilder.batch("b-1", bo.op("noteA", "kind", "note")));
            b.nextError("forbidden");
            b.send(OpsBuilder.batch("b-2", bo.op("noteA", "text", "overschreven")));
            b.nextError("forbidden");
            b.send(OpsBuilder.batch("b-3", bo.op("before", "kind", "note")));
            assertEquals("b-3", b.nextError("forbidden").path("batch").asText(), "an existing note's kind stays its creator's");
            b.send(OpsBuilder.batch("b-4", bo.op("before", "author", "Bram")));
            b.nextError("forbidden");
            assertFalse(mentions(b, secret));
            JsonNode view = node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("items");
            assertTrue(view.has("before"), "the existing note is still there for everyone");
            b.send(OpsBuilder.batch("b-5", bo.op("before", "text", "Samen bewerkt")));
            b.next("ack");
        }
    }

    @Test
    @DisplayName("Finding 3 (FA-7): zero votes with stale stamps do not free dots: the budget counts what the merge keeps")
    void finding3StaleZeroVotesDoNotFreeDots() {
        TestNode.Board board = node.board("three-b");
        Seat anna = Seat.random(random);
        try (WsClient f = node.connect(); WsClient a = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            anna.join(a, board.token("participant"), board.id(), "tab1", "Anna");
            OpsBuilder fo = new OpsBuilder("facilitator1");
            for (int i = 1; i <= 5; i++) {
                f.send(fo.note("n-" + i, "note" + i, "Idee " + i, "keep"));
                f.next("ack");
            }
            f.send(WsClient.control("v1", "voteStart").put("dots", 3));
            a.opsAt(f.next("done").path("seq").asLong());
            String mine = "vote:" + anna.replica("tab1");
            long now = System.currentTimeMillis() + 1_000;
            OpsBuilder fresh = new OpsBuilder(anna.replica("tab1"), now + 5_000);
            a.send(OpsBuilder.batch("d-1", fresh.op("note1", mine, 3)));
            a.next("ack");
            for (int i = 2; i <= 5; i++) {
                // A zero on note1 stamped before the 3 loses the merge; it must not count as a free dot.
                OpsBuilder stale = new OpsBuilder(anna.replica("tab1"), now);
                a.send(OpsBuilder.batch("d-" + i, stale.op("note1", mine, 0), fresh.op("note" + i, mine, 3)));
                assertEquals("d-" + i, a.nextError("invalid_op").path("batch").asText());
            }
            f.send(WsClient.control("c1", "voteClose"));
            f.next("done");
            JsonNode items = node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("items");
            int total = 0;
            for (int i = 1; i <= 5; i++) total += items.path("note" + i).path(mine).path("v").asInt();
            assertEquals(3, total, "Anna has exactly her 3 dots");
        }
    }
}
