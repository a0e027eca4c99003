package be.samenbord.sync;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue "Trust at the edge", finding 4: one op whose text was a lone surrogate ({@code "\ud800"})
 * made the store's encoder throw, closed every connection of the board with 1013 and left it
 * {@code unavailable} until a restart, on the journal and on PostgreSQL. Rule IN-1: ill-formed
 * text is refused at the edge, before anything is applied; the board lives on.
 */
class WellFormedInputTest {

    static Postgres pg;
    static TestNode journalNode;
    static TestNode pgNode;

    /** JSON text of a lone high surrogate, as a hostile client writes it. */
    static final String LONE = "\\ud800";

    @BeforeAll
    static void start() {
        journalNode = TestNode.start();
        pg = Postgres.start();
        pgNode = TestNode.start("SAMENBORD_STORE", pg.createDatabase("wellformed"));
    }

    @AfterAll
    static void stop() {
        if (pgNode != null) pgNode.close();
        if (pg != null) pg.close();
        if (journalNode != null) journalNode.close();
    }

    @Test
    @DisplayName("Finding 4 (IN-1), journal: a lone surrogate in note text gets invalid_op and the board lives on")
    void loneSurrogateOnJournal() {
        loneSurrogateInText(journalNode);
    }

    @Test
    @DisplayName("Finding 4 (IN-1), PostgreSQL: a lone surrogate in note text gets invalid_op and the board lives on")
    void loneSurrogateOnPostgres() {
        loneSurrogateInText(pgNode);
    }

    private static void loneSurrogateInText(TestNode node) {
        TestNode.Board board = node.board("windroos");
        try (WsClient attacker = node.connect(); WsClient other = node.connect()) {
            attacker.join(board.token("participant"), board.id(), "attacker01", "Eve");
            other.join(board.token("participant"), board.id(), "bystander1", "Bob");
            long t = System.currentTimeMillis();
            String frame = "{\"t\":\"ops\",\"batch\":\"bad-1\",\"ops\":[{\"i\":\"n1\",\"f\":\"kind\",\"v\":\"note\",\"s\":[" + t + ",0,\"attacker01\"]},"
                    + "{\"i\":\"n1\",\"f\":\"text\",\"v\":\"x" + LONE + "\",\"s\":[" + t + ",1,\"attacker01\"]}]}";
            attacker.send(frame);
            assertEquals("bad-1", attacker.nextError("invalid_op").path("batch").asText());
            // Also in a field other than text, and in an object key of a value.
            attacker.send(frame.replace("\"f\":\"text\"", "\"f\":\"label\"").replace("bad-1", "bad-2"));
            assertEquals("bad-2", attacker.nextError("invalid_op").path("batch").asText());
            attacker.send("{\"t\":\"ops\",\"batch\":\"bad-3\",\"ops\":[{\"i\":\"n1\",\"f\":\"extra\",\"v\":{\"k" + LONE + "\":1},\"s\":[" + t + ",2,\"attacker01\"]}]}");
            // Jackson itself refuses this one as JSON; either way it is refused whole.
            String code = attacker.next("error").path("code").asText();
            assertTrue(code.equals("invalid_op") || code.equals("bad_message"), code);

            other.send(new OpsBuilder("bystander1").note("ok-1", "n2", "Noorden: rust", "north"));
            long seq = other.next("ack").path("seq").asLong();
            assertEquals(1, seq, "nothing of the bad batches was applied, and the board still takes batches");
            assertTrue(!attacker.isClosed() && !other.isClosed(), "nobody was disconnected");
            assertTrue(node.api.get("/api/boards/" + board.id(), board.token("observer")).text().contains("Noorden: rust"));
        }
    }

    @Test
    @DisplayName("Finding 4 (IN-1, HE-2): a display name with a lone surrogate is refused, so it never reaches the room's round order")
    void loneSurrogateInName() {
        TestNode.Board board = journalNode.board("three-b");
        String room = board.workshop().path("room").asText();
        try (WsClient p = journalNode.connect(); WsClient f = journalNode.connect()) {
            p.send("{\"t\":\"hello\",\"v\":1,\"token\":\"" + board.token("participant") + "\",\"board\":\"" + room
                    + "\",\"replica\":\"participant1\",\"name\":\"Ann" + LONE + "\"}");
            p.nextError("bad_message");
            p.join(board.token("participant"), room, "participant1", "Ann");
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            f.send(WsClient.frame("control").put("request", "r1").put("action", "roundStart").put("kind", "check-in").put("prompt", "Hoe gaat het?"));
            f.next("done");
        }
    }

    @Test
    @DisplayName("Finding 4 (IN-1): REST bodies with a lone surrogate get 400, the room and the node live on")
    void loneSurrogateOverRest() {
        TestNode.Board board = journalNode.board("three-b");
        String room = board.workshop().path("room").asText();
        Api.Reply instruction = journalNode.api.postWithBearer("/api/boards/" + room + "/control",
                "{\"action\":\"instruction\",\"text\":\"Lees" + LONE + "\"}", board.token("facilitator"));
        assertEquals(400, instruction.status(), instruction.text());
        assertEquals("bad_request", instruction.body().path("error").asText());
        Api.Reply workshop = journalNode.api.post("/api/workshops", "{\"title\":\"T" + LONE + "\",\"templates\":[\"windroos\"]}");
        assertEquals(400, workshop.status(), workshop.text());
        Api.Reply fine = journalNode.api.postWithBearer("/api/boards/" + room + "/control",
                "{\"action\":\"instruction\",\"text\":\"Lees de vraag\"}", board.token("facilitator"));
        assertEquals(200, fine.status(), fine.text());
    }
}
