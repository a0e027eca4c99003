package be.samenbord.sync;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.PdfText;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anonymous boards (rule FA-11) over real WebSockets and REST: while on, nobody receives an
 * {@code author} register (frames, welcomes, catch-up, the REST view, the board PDF, EX-2); turned
 * off, the ops frame of that change brings them back. Also the follow span (FA-2 {@code w}, {@code h}).
 */
class AnonymousBoardTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static ObjectNode control(String request, String action) {
        return WsClient.frame("control").put("request", request).put("action", action);
    }

    static ObjectNode noteBy(OpsBuilder ops, String batch, String item, String text, String author) {
        return OpsBuilder.batch(batch, ops.op(item, "kind", "note"), ops.op(item, "text", text), ops.op(item, "zone", "keep"),
                ops.op(item, "x", 40), ops.op(item, "y", 120), ops.op(item, "author", author));
    }

    static String pdfText(byte[] pdf) throws IOException {
        return PdfText.flat(pdf);
    }

    @Test
    @DisplayName("FA-11: on an anonymous board no author reaches anyone, not even the facilitator; off again, authors come back in that ops frame")
    void authorsHidden() throws IOException {
        TestNode.Board board = node.board("three-b");
        String participant = board.token("participant");
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "anonFien01", "Fien");
            a.join(participant, board.id(), "anonAnna01", "Anna");
            b.join(participant, board.id(), "anonBert01", "Bert");
            OpsBuilder ops = new OpsBuilder("anonAnna01");
            a.send(noteBy(ops, "before-1", "early1", "Voor de anonimiteit", "Anna Peeters"));
            long first = a.next("ack").path("seq").asLong();
            b.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == first);

            a.send(control("x1", "anonymousOn"));
            assertEquals("x1", a.nextError("forbidden").path("request").asText(), "only a facilitator turns it on");
            f.send(control("on1", "anonymousOn"));
            long on = f.next("done").path("seq").asLong();
            b.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == on);

            a.send(noteBy(ops, "during-1", "late1", "Werkdruk is te hoog", "Anna Peeters"));
            long late = a.next("ack").path("seq").asLong();
            JsonNode seenByB = b.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == late);
            JsonNode seenByF = f.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == late);
            assertTrue(seenByB.toString().contains("Werkdruk is te hoog"), "the note itself arrives");
            for (JsonNode frame : new JsonNode[]{seenByB, seenByF}) assertFalse(frame.toString().contains("Anna Peeters"), frame.toString());
            try (WsClient late2 = node.connect(); WsClient since = node.connect()) {
                JsonNode welcome = late2.join(participant, board.id(), "anonCas001", "Cas");
                assertTrue(welcome.toString().contains("Voor de anonimiteit"));
                assertFalse(welcome.toString().contains("Anna Peeters"), "a welcome snapshot has no author: " + welcome);
                since.send(WsClient.hello(participant, board.id(), "anonBert01", "Bert").put("since", first));
                assertFalse(since.next("welcome").toString().contains("Anna Peeters"), "catch-up has none either");
            }
            for (String role : new String[]{"facilitator", "participant", "observer"}) {
                JsonNode view = node.api.get("/api/boards/" + board.id(), board.token(role)).body();
                assertTrue(view.path("items").has("late1"));
                assertFalse(view.toString().contains("Anna Peeters"), role + "'s REST view has no author");
            }
            Api.Reply pdf = node.api.getBytes("/api/workshops/" + board.workshop().path("id").asText() + "/boards/export?format=pdf", participant);
            assertEquals(200, pdf.status());
            String text = pdfText(pdf.bytes());
            assertTrue(text.contains("Werkdruk is te hoog"), text);
            assertFalse(text.contains("Anna Peeters"), "the board PDF has no author (EX-2)");

            f.send(control("off1", "anonymousOff"));
            long off = f.next("done").path("seq").asLong();
            JsonNode back = b.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == off);
            assertTrue(back.toString().contains("Anna Peeters"), "turning it off sends the authors: " + back);
            assertTrue(node.api.get("/api/boards/" + board.id(), participant).body().toString().contains("Anna Peeters"));
            assertTrue(pdfText(node.api.getBytes("/api/workshops/" + board.workshop().path("id").asText() + "/boards/export", participant)
                    .bytes()).contains("Anna Peeters"), "authors are printed again once the board is no longer anonymous");
        }
    }

    @Test
    @DisplayName("FA-11, FI-3: an anonymous board still converts to fiches (nothing but authors is hidden), and the fiche names no author")
    void anonymousBoardConverts() {
        TestNode.Board board = node.board("three-b");
        try (WsClient f = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "anonFien02", "Fien");
            f.send(noteBy(new OpsBuilder("anonFien02"), "n-1", "note1", "Pauzes bewaken", "Fien Janssens"));
            f.next("ack");
            f.send(control("on", "anonymousOn"));
            f.next("done");
        }
        String workshop = board.workshop().path("id").asText();
        Api.Reply converted = node.api.postWithBearer("/api/workshops/" + workshop + "/fiches/convert",
                "{\"board\":\"" + board.id() + "\",\"items\":[\"note1\"]}", board.token("participant"));
        assertEquals(200, converted.status(), converted.text());
        Api.Reply md = node.api.getBytes("/api/workshops/" + workshop + "/fiches/export?format=md", board.token("participant"));
        assertTrue(md.text().contains("Pauzes bewaken"), md.text());
        assertFalse(md.text().contains("Fien Janssens"));
    }

    @Test
    @DisplayName("FA-2, FA-9: follow keeps the span the facilitator sees (w, h) so followers fit it; without it both are null")
    void followSpan() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        try (WsClient r = node.connect()) {
            r.join(board.token("facilitator"), room, "anonFien03", "Fien");
            r.send(control("f1", "follow").put("board", board.id()).put("x", 900).put("y", 700).put("zoom", 0.5).put("w", 1800).put("h", 1200));
            r.next("done");
            JsonNode follow = node.api.get("/api/boards/" + room, board.token("observer")).body().path("items").path("follow");
            assertEquals(1800, follow.path("w").path("v").asDouble());
            assertEquals(1200, follow.path("h").path("v").asDouble());
            r.send(control("f2", "follow").put("board", board.id()).put("x", 900).put("y", 700).put("zoom", 0.5).put("w", 0));
            assertEquals("f2", r.nextError("bad_message").path("request").asText(), "a span below 1 is refused");
            r.send(control("f3", "follow").put("board", board.id()).put("x", 900).put("y", 700).put("zoom", 0.5));
            r.next("done");
            follow = node.api.get("/api/boards/" + room, board.token("observer")).body().path("items").path("follow");
            assertTrue(follow.path("w").path("v").isNull() && follow.path("h").path("v").isNull(), follow.toString());
        }
    }
}
