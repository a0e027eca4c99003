package be.samenbord.sync;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Themes, votes on themes and carrying results forward, over real WebSockets and REST (rules FA-23..FA-29). */
class ThemesTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static ObjectNode theme(OpsBuilder o, String batch, String id, String title) {
        return OpsBuilder.batch(batch, o.op(id, "kind", "theme"), o.op(id, "title", title), o.op(id, "x", 40), o.op(id, "y", 40));
    }

    private static JsonNode items(String board, String token) {
        return node.api.get("/api/boards/" + board, token).body().path("items");
    }

    @Test
    @DisplayName("FA-23, FA-24: two people grouping at once converge; themes survive a restart of the node")
    void themesConvergeAndSurviveReload() throws Exception {
        Path dir = Files.createTempDirectory("samenbord-themes");
        TestNode own = TestNode.start(dir);
        TestNode.Board board = own.board("three-b");
        String token = board.token("participant");
        JsonNode before;
        try (WsClient a = own.connect(); WsClient b = own.connect()) {
            a.join(token, board.id(), "participantA1", "Anna");
            b.join(token, board.id(), "participantB1", "Bert");
            OpsBuilder ao = new OpsBuilder("participantA1");
            for (int i = 1; i <= 3; i++) {
                a.send(ao.note("n-" + i, "note" + i, "Notitie " + i, "keep"));
                a.next("ack");
            }
            // Both group note2 at once, each into a theme of their own; the later stamp wins note2.
            OpsBuilder bo = new OpsBuilder("participantB1", System.currentTimeMillis() + 5);
            a.send(OpsBuilder.batch("ga", ao.op("themeA", "kind", "theme"), ao.op("themeA", "title", "Werkdruk"),
                    ao.op("note1", "theme", "themeA"), ao.op("note2", "theme", "themeA")));
            b.send(OpsBuilder.batch("gb", bo.op("themeB", "kind", "theme"), bo.op("themeB", "title", "Overleg"),
                    bo.op("note2", "theme", "themeB"), bo.op("note3", "theme", "themeB")));
            a.next("ack");
            b.next("ack");
            before = own.api.get("/api/boards/" + board.id(), token).body().path("items");
            assertEquals("theme", before.path("themeA").path("kind").path("v").asText());
            assertEquals("Overleg", before.path("themeB").path("title").path("v").asText());
            assertEquals("themeA", before.path("note1").path("theme").path("v").asText());
            assertEquals("themeB", before.path("note2").path("theme").path("v").asText(), "the later grouping wins note2");
            assertEquals("themeB", before.path("note3").path("theme").path("v").asText());
            // Each client gets the other's batch, so both hold the same registers.
            Poll.until("each client got the other's grouping", java.time.Duration.ofSeconds(10),
                    () -> a.all().toString().contains("Overleg") && b.all().toString().contains("Werkdruk"));
        } finally {
            own.close();
        }
        TestNode again = TestNode.start(dir);
        try (WsClient c = again.connect()) {
            JsonNode welcome = c.join(token, board.id(), "participantC1", "Cas");
            assertTrue(welcome.toString().contains("Werkdruk"), "the welcome after the restart holds the themes");
            JsonNode after = again.api.get("/api/boards/" + board.id(), token).body().path("items");
            for (String id : new String[]{"themeA", "themeB", "note1", "note2", "note3"}) {
                assertEquals(before.path(id), after.path(id), id + " is the same after the restart");
            }
        } finally {
            again.close();
        }
    }

    @Test
    @DisplayName("FA-24, FA-27: a theme's title, a note's theme and a source are checked like other fields; bad input gets invalid_op")
    void fieldsAreValidated() {
        TestNode.Board board = node.board("three-b");
        TestNode.Board other = node.board("priority-actions");
        try (WsClient a = node.connect()) {
            a.join(board.token("participant"), board.id(), "participantA1", "Anna");
            OpsBuilder o = new OpsBuilder("participantA1");
            Map<String, ObjectNode> bad = new java.util.LinkedHashMap<>();
            bad.put("long-title", o.op("t1", "title", "x".repeat(201)));
            bad.put("number-title", o.op("t1", "title", 7));
            bad.put("text-op-title", o.op("t1", "title", Map.of("ins", "x")));
            bad.put("number-theme", o.op("n1", "theme", 42));
            bad.put("odd-theme", o.op("n1", "theme", "a b"));
            bad.put("string-source", o.op("n1", "source", "elsewhere"));
            bad.put("source-no-item", o.op("n1", "source", Map.of("board", board.id())));
            bad.put("source-extra", o.op("n1", "source", Map.of("board", board.id(), "item", "x", "text", "y")));
            bad.put("source-other-workshop", o.op("n1", "source", Map.of("board", other.id(), "item", "x")));
            bad.put("source-unknown-board", o.op("n1", "source", Map.of("board", "nope", "item", "x")));
            for (var e : bad.entrySet()) {
                a.send(OpsBuilder.batch(e.getKey(), e.getValue()));
                JsonNode error = a.nextError("invalid_op");
                assertEquals(e.getKey(), error.path("batch").asText(), error.toString());
            }
            a.send(OpsBuilder.batch("good", o.op("t1", "kind", "theme"), o.op("t1", "title", "x".repeat(200)),
                    o.op("n1", "kind", "note"), o.op("n1", "theme", "t1"), o.op("n1", "source", Map.of("board", board.id(), "item", "t1"))));
            a.next("ack");
        }
        assertEquals(1, node.api.get("/api/boards/" + board.id(), board.token("participant")).body().path("seq").asLong(),
                "only the good batch changed the board");
    }

    @Test
    @DisplayName("FA-25: a theme made during private writing is private like a note; reveal shows it")
    void privateTheme() {
        TestNode.Board board = node.board("three-b");
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            a.join(board.token("participant"), board.id(), "participantA1", "Anna");
            b.join(board.token("participant"), board.id(), "participantB1", "Bert");
            f.send(WsClient.control("p1", "privateStart"));
            long privateSeq = f.next("done").path("seq").asLong();
            b.opsAt(privateSeq);
            OpsBuilder ao = new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000);
            a.send(theme(ao, "t-1", "secretTheme", "Geheim thema"));
            long seq = a.next("ack").path("seq").asLong();
            assertEquals(0, b.opsAt(seq).path("ops").size(), "B gets the seq, not the theme");
            assertFalse(node.api.get("/api/boards/" + board.id(), board.token("facilitator")).text().contains("Geheim thema"));
            OpsBuilder bo = new OpsBuilder("participantB1", System.currentTimeMillis() + 1_000);
            b.send(OpsBuilder.batch("b-1", bo.op("secretTheme", "title", "Overgenomen")));
            assertEquals("b-1", b.nextError("forbidden").path("batch").asText(), "nobody renames a theme they cannot see (ID-5)");
            f.send(WsClient.control("r1", "reveal"));
            long revealSeq = f.next("done").path("seq").asLong();
            assertTrue(b.opsAt(revealSeq).toString().contains("Geheim thema"));
        }
    }

    @Test
    @DisplayName("FA-26: a vote on themes takes dots only on themes, within the budget, hidden until it closes")
    void voteOnThemes() {
        TestNode.Board board = node.board("three-b");
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            a.join(board.token("participant"), board.id(), "participantA1", "Anna");
            b.join(board.token("participant"), board.id(), "participantB1", "Bert");
            OpsBuilder fo = new OpsBuilder("facilitator1");
            f.send(fo.note("n-1", "note1", "Teamoverleg", "keep"));
            f.next("ack");
            f.send(theme(fo, "t-1", "theme1", "Overleg"));
            f.next("ack");
            f.send(theme(fo, "t-2", "theme2", "Pauzes"));
            f.next("ack");
            f.send(WsClient.control("bad", "voteStart").put("dots", 2).put("on", "people"));
            assertEquals("bad", f.nextError("bad_message").path("request").asText());
            f.send(WsClient.control("v1", "voteStart").put("dots", 2).put("on", "themes"));
            long openSeq = f.next("done").path("seq").asLong();
            a.opsAt(openSeq);
            b.opsAt(openSeq);
            assertEquals("themes", items(board.id(), board.token("observer")).path("_control").path("voteOn").path("v").asText());

            OpsBuilder ao = new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000);
            a.send(OpsBuilder.batch("va-1", ao.op("note1", "vote:participantA1", 1)));
            JsonNode onNote = a.nextError("invalid_op");
            assertEquals("va-1", onNote.path("batch").asText());
            assertTrue(onNote.path("message").asText().contains("themes"), onNote.toString());
            a.send(OpsBuilder.batch("va-2", ao.op("theme1", "vote:participantA1", 2), ao.op("theme2", "vote:participantA1", 1)));
            assertEquals("va-2", a.nextError("invalid_op").path("batch").asText(), "3 dots is over the budget of 2");
            a.send(OpsBuilder.batch("va-3", ao.op("theme1", "vote:participantA1", 2)));
            long voteSeq = a.next("ack").path("seq").asLong();
            assertEquals(0, b.opsAt(voteSeq).path("ops").size(), "B does not see A's dots while the vote is open");
            assertFalse(node.api.get("/api/boards/" + board.id(), board.token("facilitator")).text().contains("vote:participantA1"));

            f.send(WsClient.control("c1", "voteClose"));
            long closeSeq = f.next("done").path("seq").asLong();
            assertTrue(b.opsAt(closeSeq).toString().contains("vote:participantA1"));
            assertEquals(2, items(board.id(), board.token("observer")).path("theme1").path("vote:participantA1").path("v").asInt());

            // The next vote on notes takes no dots on themes.
            f.send(WsClient.control("v2", "voteStart").put("dots", 2));
            a.opsAt(f.next("done").path("seq").asLong());
            a.send(OpsBuilder.batch("va-4", ao.op("theme1", "vote:participantA1", 1)));
            assertEquals("va-4", a.nextError("invalid_op").path("batch").asText());
            a.send(OpsBuilder.batch("va-5", ao.op("note1", "vote:participantA1", 1)));
            a.next("ack");
        }
    }

    @Test
    @DisplayName("FA-27, FA-28: a theme carried into row 1 of the priority actions links back and converts to a fiche named by the theme")
    void carryForwardIntoPriorityActions() {
        JsonNode w = node.api.createWorkshop("Thema's", "three-b", "priority-actions");
        String workshop = w.path("id").asText();
        String work = w.path("boards").get(0).path("id").asText();
        String actions = w.path("boards").get(1).path("id").asText();
        String facilitator = w.path("tokens").path("facilitator").asText();
        String participant = w.path("tokens").path("participant").asText();
        try (WsClient f = node.connect(); WsClient p = node.connect()) {
            f.join(facilitator, work, "facilitator1", "Fien");
            p.join(participant, actions, "participantA1", "Anna");
            OpsBuilder fo = new OpsBuilder("facilitator1");
            f.send(theme(fo, "t-1", "themeTop", "Samen plannen"));
            f.next("ack");
            OpsBuilder po = new OpsBuilder("participantA1");
            p.send(OpsBuilder.batch("carry", po.op("carried1", "kind", "note"), po.op("carried1", "text", "Samen plannen"),
                    po.op("carried1", "zone", "action-1.title"), po.op("carried1", "x", 240), po.op("carried1", "y", 180),
                    po.op("carried1", "source", Map.of("board", work, "item", "themeTop"))));
            p.next("ack");
        }
        JsonNode carried = items(actions, participant).path("carried1");
        assertEquals(work, carried.path("source").path("v").path("board").asText());
        assertEquals("themeTop", carried.path("source").path("v").path("item").asText());

        Api.Reply rows = node.api.postWithBearer("/api/workshops/" + workshop + "/fiches/convert", "{\"board\":\"" + actions + "\"}", facilitator);
        assertEquals(200, rows.status(), rows.text());
        assertEquals("Samen plannen", rows.body().path("fiches").get(0).path("title").asText());
        Api.Reply theme = node.api.postWithBearer("/api/workshops/" + workshop + "/fiches/convert",
                "{\"board\":\"" + work + "\",\"items\":[\"themeTop\"]}", facilitator);
        assertEquals(200, theme.status(), theme.text());
        assertEquals("Samen plannen", theme.body().path("fiches").get(0).path("title").asText(), "a theme converts straight into a fiche too");
    }

    @Test
    @DisplayName("FA-29: carrying a hidden note's id forward reads nothing: the node never resolves a source, and a hidden id is answered like a made-up one")
    void carryingReadsNothingHidden() {
        JsonNode w = node.api.createWorkshop("Verborgen", "three-b", "priority-actions");
        String workshop = w.path("id").asText();
        String work = w.path("boards").get(0).path("id").asText();
        String actions = w.path("boards").get(1).path("id").asText();
        String facilitator = w.path("tokens").path("facilitator").asText();
        String participant = w.path("tokens").path("participant").asText();
        String secret = "Alleen voor mij";
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(facilitator, work, "facilitator1", "Fien");
            a.join(participant, work, "participantA1", "Anna");
            b.join(participant, actions, "participantB1", "Bert");
            f.send(WsClient.control("p1", "privateStart"));
            a.opsAt(f.next("done").path("seq").asLong());
            a.send(new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000).note("a-1", "hiddenNote", secret, "keep"));
            a.next("ack");
            OpsBuilder bo = new OpsBuilder("participantB1");
            b.send(OpsBuilder.batch("c-hidden", bo.op("c1", "kind", "note"), bo.op("c1", "zone", "action-1.title"),
                    bo.op("c1", "source", Map.of("board", work, "item", "hiddenNote"))));
            JsonNode hidden = b.next(fr -> fr.path("batch").asText().equals("c-hidden"));
            b.send(OpsBuilder.batch("c-madeup", bo.op("c2", "kind", "note"), bo.op("c2", "zone", "action-2.title"),
                    bo.op("c2", "source", Map.of("board", work, "item", "noSuchNote"))));
            JsonNode madeUp = b.next(fr -> fr.path("batch").asText().equals("c-madeup"));
            assertEquals(madeUp.path("t").asText(), hidden.path("t").asText(), "the same answer for a hidden and a made-up id");
            Poll.until("both carried notes stored", java.time.Duration.ofSeconds(10), () -> items(actions, participant).has("c2"));
            assertFalse(b.all().toString().contains(secret), "B received nothing of the hidden note");
            assertFalse(node.api.get("/api/boards/" + actions, participant).text().contains(secret));
            assertFalse(node.api.get("/api/boards/" + work, participant).text().contains(secret));
            Api.Reply convert = node.api.postWithBearer("/api/workshops/" + workshop + "/fiches/convert",
                    "{\"board\":\"" + work + "\",\"items\":[\"hiddenNote\"]}", participant);
            assertEquals(400, convert.status());
            assertFalse(convert.text().contains(secret));
        }
    }
}
