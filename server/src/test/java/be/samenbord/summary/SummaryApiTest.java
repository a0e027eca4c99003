package be.samenbord.summary;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.PdfText;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * The session summary over a real node and real WebSockets (SU-1..SU-8): notes and a vote on a
 * 3B board, a fiche with a driver and dated steps, and what stays out while private writing or a
 * vote hides it. In JSON, Markdown and the PDF's text layer.
 */
class SummaryApiTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String token(JsonNode w, String role) {
        return w.path("tokens").path(role).asText();
    }

    static String boardOf(JsonNode w, String template) {
        return Api.boardOf(w, template);
    }

    /** The JSON summary, the Markdown and the PDF's text, joined: whatever one shows, the test sees. */
    static String everyFormat(JsonNode w, String role) throws IOException {
        String base = "/api/workshops/" + w.path("id").asText() + "/summary";
        Api.Reply json = node.api.get(base, token(w, role));
        assertEquals(200, json.status(), json.text());
        Api.Reply md = node.api.getBytes(base + ".md", token(w, role));
        assertEquals(200, md.status(), md.text());
        assertTrue(md.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        Api.Reply pdf = node.api.getBytes(base + ".pdf", token(w, role));
        assertEquals(200, pdf.status());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        return json.text() + "\n" + md.text() + "\n" + pdfText(pdf.bytes());
    }

    static String pdfText(byte[] pdf) throws IOException {
        return PdfText.of(pdf);
    }

    @Test
    @DisplayName("SU-1, SU-3, SU-4: a private note and an open vote's ranking stay out of every format until reveal and close")
    void hiddenUntilRevealedAndClosed() throws IOException {
        JsonNode w = node.api.createWorkshop("Teamdag", "three-b");
        String board = boardOf(w, "three-b");
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(token(w, "facilitator"), board, "facilitator1", "Fien");
            a.join(token(w, "participant"), board, "participantA1", "Anna");
            b.join(token(w, "participant"), board, "participantB1", "Bram");
            OpsBuilder opsA = new OpsBuilder("participantA1");
            a.send(OpsBuilder.batch("n", opsA.op("n1", "kind", "note"), opsA.op("n1", "text", "Minder vergaderen"),
                    opsA.op("n2", "kind", "note"), opsA.op("n2", "text", "Meer fietsen")));
            a.next("ack");

            f.send(WsClient.control("p1", "privateStart"));
            f.next("done");
            OpsBuilder opsB = new OpsBuilder("participantB1", System.currentTimeMillis() + 1_000);
            b.send(OpsBuilder.batch("secret", opsB.op("n3", "kind", "note"), opsB.op("n3", "text", "Geheim van Bram")));
            b.next("ack");
            String during = everyFormat(w, "observer");
            assertTrue(during.contains("\"notes\":2"), "two notes are visible to all: " + during);
            assertFalse(during.contains("Geheim van Bram"), "a private note is in no format before reveal: " + during);
            f.send(WsClient.control("r1", "reveal"));
            f.next("done");

            f.send(WsClient.control("v1", "voteStart").put("dots", 3));
            f.next("done");
            a.send(OpsBuilder.batch("va", opsA.op("n1", "vote:participantA1", 2), opsA.op("n2", "vote:participantA1", 1)));
            a.next("ack");
            b.send(OpsBuilder.batch("vb", opsB.op("n1", "vote:participantB1", 1), opsB.op("n3", "vote:participantB1", 1)));
            b.next("ack");
            JsonNode open = node.api.get("/api/workshops/" + w.path("id").asText() + "/summary", token(w, "participant")).body();
            JsonNode openBoard = open.path("boards").get(0);
            assertEquals("open", openBoard.path("vote").asText());
            assertEquals(0, openBoard.path("top").size(), "no ranking while the vote is open: " + openBoard);
            assertFalse(everyFormat(w, "participant").contains("3 stippen"), "no dots are shown while open");

            f.send(WsClient.control("v2", "voteClose"));
            f.next("done");
            String after = everyFormat(w, "observer");
            assertTrue(after.contains("\"notes\":3"), "revealed, the note counts: " + after);
            JsonNode closed = node.api.get("/api/workshops/" + w.path("id").asText() + "/summary", token(w, "observer")).body();
            JsonNode top = closed.path("boards").get(0).path("top");
            assertEquals("Minder vergaderen", top.get(0).path("text").asText(), closed.toString());
            assertEquals(3, top.get(0).path("dots").asInt());
            assertEquals(3, top.size(), "every note with a dot, the revealed one too: " + top);
            assertTrue(after.contains("Geheim van Bram (1 stip)"), "revealed and dotted, it is listed");
            assertTrue(after.contains("1. Minder vergaderen (3 stippen)"), "the Markdown and PDF list the top note with its dots: " + after);
        }
    }

    @Test
    @DisplayName("SU-5: a converted fiche lists its driver, earliest dated step and status in JSON, Markdown and PDF")
    void actionPlan() throws IOException {
        JsonNode w = node.api.createWorkshop("Zorgteam", "priority-actions");
        String board = boardOf(w, "priority-actions");
        try (WsClient c = node.connect()) {
            c.join(token(w, "participant"), board, "participantA1", "Anna");
            OpsBuilder ops = new OpsBuilder("participantA1");
            ObjectNode batch = OpsBuilder.batch("row");
            ArrayNode list = (ArrayNode) batch.get("ops");
            list.add(ops.op("t", "kind", "note")).add(ops.op("t", "zone", "action-1.title")).add(ops.op("t", "text", "Focusuren invoeren"))
                    .add(ops.op("d", "kind", "note")).add(ops.op("d", "zone", "action-1.driver")).add(ops.op("d", "text", "Ilse Peeters"));
            c.send(batch);
            c.next("ack");
        }
        Api.Reply converted = node.api.postWithBearer("/api/workshops/" + w.path("id").asText() + "/fiches/convert",
                "{\"board\":\"" + board + "\"}", token(w, "facilitator"));
        assertEquals(200, converted.status(), converted.text());
        String fiche = converted.body().path("fiches").get(0).path("id").asText();
        try (WsClient c = node.connect()) {
            c.join(token(w, "participant"), fiche, "participantA1", "Anna");
            OpsBuilder ops = new OpsBuilder("participantA1");
            c.send(OpsBuilder.batch("steps", ops.op("s1", "kind", "step"), ops.op("s1", "date", "2026-05-04"), ops.op("s1", "text", "Evaluatie"),
                    ops.op("s1", "z", "a0"), ops.op("s2", "kind", "step"), ops.op("s2", "date", "2026-02-02"),
                    ops.op("s2", "text", "Kick-off"), ops.op("s2", "z", "a1")));
            c.next("ack");
        }
        JsonNode s = node.api.get("/api/workshops/" + w.path("id").asText() + "/summary?lang=en", token(w, "observer")).body();
        JsonNode action = s.path("actions").get(0);
        assertEquals("Focusuren invoeren", action.path("title").asText(), s.toString());
        assertEquals("Ilse Peeters", action.path("driver").asText());
        assertEquals("2026-02-02", action.path("firstDate").asText(), "the earliest date, though second in order");
        assertEquals("Kick-off", action.path("firstStep").asText());
        assertEquals("Draft", action.path("statusLabel").asText());
        String all = everyFormat(w, "participant");
        assertTrue(all.contains("| Focusuren invoeren | Ilse Peeters | 2026-02-02 Kick-off | Concept |"), all);
        String pdf = pdfText(node.api.getBytes("/api/workshops/" + w.path("id").asText() + "/summary.pdf?lang=en", token(w, "observer")).bytes());
        assertTrue(pdf.contains("Focusuren invoeren") && pdf.contains("Ilse Peeters") && pdf.contains("2026-02-02 Kick-off"), pdf);
        JsonNode plan = node.api.get("/api/workshops/" + w.path("id").asText() + "/fiches", token(w, "observer")).body().path("fiches").get(0);
        assertEquals("Ilse Peeters", plan.path("driver").asText(), "the action plan's list carries the driver column");
        assertEquals("2026-02-02", plan.path("firstDate").asText());
    }

    @Test
    @DisplayName("SU-1: no token 401, another workshop's token 403, an unknown workshop 404, a bad lang 400; never data")
    void access() {
        JsonNode w = node.api.createWorkshop("Eigen", "three-b");
        JsonNode other = node.api.createWorkshop("Ander", "three-b");
        String path = "/api/workshops/" + w.path("id").asText() + "/summary";
        for (String suffix : new String[]{"", ".md", ".pdf"}) {
            assertEquals(401, node.api.get(path + suffix, null).status());
            assertEquals(401, node.api.get(path + suffix, "not-a-token").status());
            Api.Reply foreign = node.api.get(path + suffix, token(other, "facilitator"));
            assertEquals(403, foreign.status());
            assertEquals("forbidden", foreign.body().path("error").asText());
            Api.Reply unknown = node.api.get("/api/workshops/nope" + "/summary" + suffix, token(w, "observer"));
            assertEquals(404, unknown.status());
            assertEquals("unknown_workshop", unknown.body().path("error").asText());
        }
        Api.Reply bad = node.api.get(path + "?lang=fr", token(w, "observer"));
        assertEquals(400, bad.status());
        assertEquals("bad_request", bad.body().path("error").asText());
        assertEquals(200, node.api.get(path, token(w, "observer")).status());
    }
}
