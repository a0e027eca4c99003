package be.samenbord.sync;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Facilitation over real WebSockets and REST on one node (rules FA-1..FA-10). */
class FacilitationTest {

    static TestNode node;

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
    @DisplayName("FA-8: a participant's facilitator actions over WebSocket and REST are forbidden and change nothing")
    void participantCannotFacilitate() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        String participant = board.token("participant");
        try (WsClient p = node.connect(); WsClient r = node.connect()) {
            p.join(participant, board.id(), "participantA1", "Anna");
            r.join(participant, room, "participantA1", "Anna");
            ObjectNode breakout = WsClient.control("b1", "breakoutStart").put("mode", "zones").put("board", board.id());
            breakout.putArray("groups").addObject().putArray("members").add("participantA1");
            r.send(breakout);
            assertEquals("b1", r.nextError("forbidden").path("request").asText());
            p.send(WsClient.control("l1", "lock"));
            assertEquals("l1", p.nextError("forbidden").path("request").asText());
            p.send(WsClient.control("v1", "voteStart").put("dots", 3));
            assertEquals("v1", p.nextError("forbidden").path("request").asText());
            // The node's own items cannot be written around the control frames either.
            OpsBuilder ops = new OpsBuilder("participantA1");
            p.send(OpsBuilder.batch("forge-1", ops.op("_control", "locked", true)));
            assertEquals("forge-1", p.nextError("forbidden").path("batch").asText());
            r.send(OpsBuilder.batch("forge-2", ops.op("breakout", "active", true)));
            assertEquals("forge-2", r.nextError("forbidden").path("batch").asText());
        }
        for (String action : new String[]{"lock", "privateStart", "voteStart"}) {
            Api.Reply reply = node.api.postWithBearer("/api/boards/" + board.id() + "/control", "{\"action\":\"" + action + "\",\"dots\":2}", participant);
            assertEquals(403, reply.status(), action);
            assertEquals("forbidden", reply.body().path("error").asText());
        }
        Api.Reply roomReply = node.api.postWithBearer("/api/boards/" + room + "/control", "{\"action\":\"timerStart\",\"seconds\":5}", participant);
        assertEquals(403, roomReply.status());
        assertEquals(0, node.api.get("/api/boards/" + board.id(), participant).body().path("seq").asLong(), "nothing changed on the board");
        assertEquals(0, node.api.get("/api/boards/" + room, participant).body().path("seq").asLong(), "nothing changed in the room");
    }

    @Test
    @DisplayName("FA-6: during private writing another participant gets none of a note (frames, welcome, REST); reveal sends it")
    void privateWritingThenReveal() {
        TestNode.Board board = node.board("three-b");
        String secret = "Bannen: de avonddienst alleen";
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            a.join(board.token("participant"), board.id(), "participantA1", "Anna");
            b.join(board.token("participant"), board.id(), "participantB1", "Bert");
            f.send(WsClient.control("p1", "privateStart"));
            long privateSeq = f.next("done").path("seq").asLong();
            b.opsAt(privateSeq);
            a.opsAt(privateSeq);

            OpsBuilder ops = new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000);
            a.send(ops.note("a-1", "noteA", secret, "drop"));
            long noteSeq = a.next("ack").path("seq").asLong();
            JsonNode seenByB = b.opsAt(noteSeq);
            assertEquals(0, seenByB.path("ops").size(), "B gets the seq but not the note");
            f.opsAt(noteSeq);
            assertFalse(mentions(b, secret) || mentions(b, "noteA"), "B received nothing of A's note");
            assertFalse(mentions(f, secret), "the facilitator too sees only their own notes");

            try (WsClient late = node.connect()) {
                JsonNode welcome = late.join(board.token("participant"), board.id(), "participantC1", "Cas");
                assertFalse(welcome.toString().contains(secret), "a welcome snapshot leaves it out");
            }
            try (WsClient again = node.connect()) {
                JsonNode catchUp = again.join(board.token("participant"), board.id(), "participantB1", "Bert");
                assertFalse(catchUp.toString().contains(secret));
            }
            try (WsClient since = node.connect()) {
                since.send(WsClient.hello(board.token("participant"), board.id(), "participantB1", "Bert").put("since", privateSeq));
                assertFalse(since.next("welcome").toString().contains(secret), "since catch-up leaves it out");
            }
            assertFalse(node.api.get("/api/boards/" + board.id(), board.token("facilitator")).text().contains(secret), "REST leaves it out");
            try (WsClient own = node.connect()) {
                assertTrue(own.join(board.token("participant"), board.id(), "participantA1", "Anna").toString().contains(secret),
                        "the writer sees their own note");
            }

            f.send(WsClient.control("r1", "reveal"));
            long revealSeq = f.next("done").path("seq").asLong();
            JsonNode revealed = b.opsAt(revealSeq);
            assertTrue(revealed.toString().contains(secret), "the reveal frame brings the note: " + revealed);
            assertTrue(node.api.get("/api/boards/" + board.id(), board.token("observer")).text().contains(secret));
        }
    }

    @Test
    @DisplayName("FA-6: a board that hides notes does not convert to fiches, which everyone could read")
    void noConversionWhileHidden() {
        TestNode.Board board = node.board("three-b");
        String workshop = board.workshop().path("id").asText();
        try (WsClient f = node.connect(); WsClient a = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            a.join(board.token("participant"), board.id(), "participantA1", "Anna");
            f.send(WsClient.control("p1", "privateStart"));
            f.next("done");
            a.send(new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000).note("a-1", "noteA", "Nog geheim", "keep"));
            a.next("ack");
            Api.Reply refused = node.api.postWithBearer("/api/workshops/" + workshop + "/fiches/convert",
                    "{\"board\":\"" + board.id() + "\",\"items\":[\"noteA\"]}", board.token("facilitator"));
            assertEquals(400, refused.status(), refused.text());
            assertTrue(refused.body().path("message").asText().contains("reveal"));
            assertEquals(0, node.api.get("/api/workshops/" + workshop + "/fiches", board.token("participant")).body().path("fiches").size());
        }
    }

    @Test
    @DisplayName("FA-7: dots within the budget; others' dots hidden while open, shown on close; closed vote is frozen")
    void dotVoting() {
        TestNode.Board board = node.board("three-b");
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            a.join(board.token("participant"), board.id(), "participantA1", "Anna");
            b.join(board.token("participant"), board.id(), "participantB1", "Bert");
            OpsBuilder fo = new OpsBuilder("facilitator1");
            f.send(fo.note("n-1", "note1", "Teamoverleg behouden", "keep"));
            f.next("ack");
            f.send(fo.note("n-2", "note2", "Pauzes bewaken", "achieve-short"));
            f.next("ack");
            f.send(WsClient.control("v1", "voteStart").put("dots", 2).put("zone", "keep"));
            long openSeq = f.next("done").path("seq").asLong();
            a.opsAt(openSeq);
            b.opsAt(openSeq);

            OpsBuilder ao = new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000);
            a.send(OpsBuilder.batch("va-1", ao.op("note1", "vote:participantA1", 2)));
            long voteSeq = a.next("ack").path("seq").asLong();
            a.send(OpsBuilder.batch("va-2", ao.op("note1", "vote:participantA1", 3)));
            assertEquals("va-2", a.nextError("invalid_op").path("batch").asText(), "3 dots is over the budget of 2");
            a.send(OpsBuilder.batch("va-3", ao.op("note2", "vote:participantA1", 1)));
            assertEquals("va-3", a.nextError("invalid_op").path("batch").asText(), "note2 is outside the vote's zone");

            JsonNode bSaw = b.opsAt(voteSeq);
            assertEquals(0, bSaw.path("ops").size());
            assertFalse(mentions(b, "vote:participantA1"), "counts stay hidden while the vote is open");
            assertFalse(node.api.get("/api/boards/" + board.id(), board.token("facilitator")).text().contains("vote:participantA1"));

            f.send(WsClient.control("c1", "voteClose"));
            long closeSeq = f.next("done").path("seq").asLong();
            JsonNode shown = b.opsAt(closeSeq);
            assertTrue(shown.toString().contains("vote:participantA1"), "closing shows the dots: " + shown);
            JsonNode rest = node.api.get("/api/boards/" + board.id(), board.token("observer")).body();
            assertEquals(2, rest.path("items").path("note1").path("vote:participantA1").path("v").asInt());

            a.send(OpsBuilder.batch("va-4", ao.op("note1", "vote:participantA1", 1)));
            assertEquals("va-4", a.nextError("forbidden").path("batch").asText(), "a closed vote is frozen");
        }
    }

    @Test
    @DisplayName("FA-5: a locked board takes only the facilitator's edits")
    void lockedBoard() {
        TestNode.Board board = node.board("windroos");
        try (WsClient f = node.connect(); WsClient a = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            a.join(board.token("participant"), board.id(), "participantA1", "Anna");
            f.send(WsClient.control("l1", "lock"));
            long lockSeq = f.next("done").path("seq").asLong();
            a.opsAt(lockSeq);
            a.send(new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000).note("a-1", "na", "Mag ik?", "north"));
            assertEquals("a-1", a.nextError("forbidden").path("batch").asText());
            f.send(new OpsBuilder("facilitator1", System.currentTimeMillis() + 1_000).note("f-1", "nf", "Wel", "north"));
            f.next("ack");
            f.send(WsClient.control("u1", "unlock"));
            f.next("done");
            a.send(new OpsBuilder("participantA1", System.currentTimeMillis() + 2_000).note("a-2", "na", "Nu wel", "north"));
            a.next("ack");
            assertFalse(node.api.get("/api/boards/" + board.id(), board.token("observer")).text().contains("Mag ik?"));
        }
    }

    @Test
    @DisplayName("FA-9: a copies breakout makes one board per group before the room names them")
    void copiesBreakout() {
        TestNode.Board board = node.board("three-b");
        String room = board.workshop().path("room").asText();
        try (WsClient r = node.connect(); WsClient p = node.connect()) {
            r.join(board.token("facilitator"), room, "facilitator1", "Fien");
            p.join(board.token("participant"), room, "participantA1", "Anna");
            ObjectNode start = WsClient.control("b1", "breakoutStart").put("mode", "copies").put("template", "three-b").put("seconds", 90);
            var groups = start.putArray("groups");
            groups.addObject().put("name", "Team zon").putArray("members").add("participantA1");
            groups.addObject().putArray("members");
            r.send(start);
            long seq = r.next("done").path("seq").asLong();
            JsonNode ops = p.opsAt(seq);
            assertTrue(ops.toString().contains("participantA1") && ops.toString().contains("Team zon"), ops.toString());
            JsonNode roomView = node.api.get("/api/boards/" + room, board.token("participant")).body().path("items");
            assertTrue(roomView.path("breakout").path("active").path("v").asBoolean());
            assertEquals(board.id(), roomView.path("breakout").path("plenary").path("v").asText(), "back to the first board");
            assertEquals("Anna", roomView.path("group-1").path("names").path("v").path("participantA1").asText());
            String groupBoard = roomView.path("group-1").path("board").path("v").asText();
            JsonNode workshop = node.api.get("/api/workshops/" + board.workshop().path("id").asText(), board.token("participant")).body();
            assertTrue(workshop.path("boards").toString().contains(groupBoard), "the group's board belongs to the workshop");
            assertEquals(200, node.api.get("/api/boards/" + groupBoard, board.token("participant")).status());
            long endsAt = roomView.path("timer").path("endsAt").path("v").asLong();
            assertTrue(endsAt > System.currentTimeMillis() + 60_000, "the timer ends 90 s after the server's now");
        }
    }

    @Test
    @DisplayName("FA-2, FA-8: bad arguments get bad_message with the request id; room actions on a board are refused")
    void badRequests() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        try (WsClient r = node.connect(); WsClient f = node.connect()) {
            r.join(board.token("facilitator"), room, "facilitator1", "Fien");
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            r.send(WsClient.control("t1", "timerStart").put("seconds", -4));
            assertEquals("t1", r.nextError("bad_message").path("request").asText());
            r.send(WsClient.control("t2", "timerPause"));
            assertEquals("t2", r.nextError("bad_message").path("request").asText());
            r.send(WsClient.control("x1", "selfDestruct"));
            assertEquals("x1", r.nextError("bad_message").path("request").asText());
            f.send(WsClient.control("t3", "timerStart").put("seconds", 60));
            assertEquals("t3", f.nextError("bad_message").path("request").asText(), "room actions go on the room");
            r.send(WsClient.control("z1", "breakoutStart").put("mode", "zones").put("board", board.id()).set("groups",
                    WsClient.JSON.createArrayNode().add(WsClient.JSON.createObjectNode().set("members",
                            WsClient.JSON.createArrayNode().add("participantA1"))).add(WsClient.JSON.createObjectNode().set("members",
                            WsClient.JSON.createArrayNode().add("participantA1")))));
            assertTrue(r.nextError("bad_message").path("message").asText().contains("more than one group"));
            r.send(WsClient.frame("control").put("action", "timerStop"));
            r.nextError("bad_message");
            Api.Reply reply = node.api.postWithBearer("/api/boards/" + room + "/control", "not json", board.token("facilitator"));
            assertEquals(400, reply.status());
        }
        assertEquals(0, node.api.get("/api/boards/" + room, board.token("facilitator")).body().path("seq").asLong());
    }
}
