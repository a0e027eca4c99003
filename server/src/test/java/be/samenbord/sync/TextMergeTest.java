package be.samenbord.sync;

import be.samenbord.board.Stamp;
import be.samenbord.board.text.TextField;
import be.samenbord.board.text.TextJson;
import be.samenbord.board.text.TextOp;
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
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text that merges, over real sockets (issue "Nothing typed is lost"; rules TX-3..TX-8): two
 * people typing in one note at once both keep their words, clients without the capability see
 * plain text, a plain write still works, hostile text ops change nothing, and a restart keeps it all.
 */
class TextMergeTest {

    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("samenbord-text");
        node = TestNode.start(dir);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    /** A client that merges text: its own copy of the note's text, from which it makes ops. */
    static final class Typist {
        final String replica;
        final TextField field = new TextField();
        final OpsBuilder ops;
        final WsClient ws;
        long ms = System.currentTimeMillis();
        int batches;

        Typist(String replica, WsClient ws) {
            this.replica = replica;
            this.ws = ws;
            this.ops = new OpsBuilder(replica);
        }

        JsonNode join(TestNode.Board board) {
            ws.send(WsClient.hello(board.token("participant"), board.id(), replica, replica).set("caps", WsClient.JSON.createArrayNode().add("text")));
            return ws.next("welcome");
        }

        /** Types into another text field of an item (a fiche field). */
        void typeField(String item, String textField, int pos, String text) {
            int i = pos;
            for (int cp : text.codePoints().toArray()) {
                TextOp.Insert op = fieldOf(textField).insertAt(i++, Character.toString(cp), new Stamp(ms++, 0, replica));
                fieldOf(textField).apply(op);
                send(item, textField, TextJson.insert(op), op.stamp());
            }
        }

        final java.util.Map<String, TextField> fields = new java.util.HashMap<>();

        TextField fieldOf(String name) {
            return name.equals("text") ? field : fields.computeIfAbsent(name, k -> new TextField());
        }

        /** Types {@code text} at {@code pos}, one character per batch, as the editor sends it. */
        void type(String item, int pos, String text) {
            int i = pos;
            for (int cp : text.codePoints().toArray()) {
                TextOp.Insert op = field.insertAt(i++, Character.toString(cp), new Stamp(ms++, 0, replica));
                field.apply(op);
                send(item, TextJson.insert(op), op.stamp());
            }
        }

        void send(String item, String value, Stamp s) {
            send(item, "text", value, s);
        }

        void send(String item, String textField, String value, Stamp s) {
            ObjectNode op = WsClient.JSON.createObjectNode().put("i", item).put("f", textField);
            try {
                op.set("v", WsClient.JSON.readTree(value));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            op.putArray("s").add(s.ms()).add(s.counter()).add(s.replica());
            ws.send(OpsBuilder.batch(replica + "-" + (++batches), op));
        }

        /** Applies the text ops of every ops frame received so far to its own copy. */
        void catchUp(String item) {
            for (JsonNode f : ws.all()) {
                if (!f.path("t").asText().equals("ops")) continue;
                for (JsonNode op : f.path("ops")) {
                    if (op.path("i").asText().equals(item) && op.path("f").asText().equals("text") && op.path("v").isObject()) {
                        TextOp t = TextJson.parse(op.path("v").toString(), be.samenbord.board.codec.OpCodec.readStamp(op.path("s")));
                        try {
                            field.apply(t);
                        } catch (be.samenbord.board.text.TextException seenOrOwn) {
                            throw new AssertionError(seenOrOwn);
                        }
                    }
                }
            }
        }
    }

    private static String restText(TestNode.Board board, String item) {
        return node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("items").path(item).path("text").path("v").asText();
    }

    @Test
    @DisplayName("TX-2, TX-7: two people typing in one note at once both keep every character, not interleaved; a v1 reader sees plain text")
    void twoTypistsOneNote() {
        TestNode.Board board = node.board("windroos");
        try (WsClient a = node.connect(); WsClient b = node.connect(); WsClient old = node.connect()) {
            Typist ann = new Typist("annA0001", a);
            Typist bart = new Typist("bartB001", b);
            ann.join(board);
            bart.join(board);
            old.join(board.token("observer"), board.id(), "oldclient1", "Oud");
            a.send(new OpsBuilder("annA0001").batch("n-1", new OpsBuilder("annA0001").op("n1", "kind", "note"),
                    new OpsBuilder("annA0001").op("n1", "zone", "north")));
            a.next("ack");
            ann.type("n1", 0, "Idee: ");
            a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("annA0001-6"));
            b.next(f -> f.path("t").asText().equals("ops") && f.toString().contains("\"ins\":\" \""));
            bart.catchUp("n1");
            // Both type at the same place before seeing each other's characters.
            ann.type("n1", 6, "buddy voor nieuwkomers");
            bart.type("n1", 6, "overuren beperken");
            a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("annA0001-28"));
            b.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("bartB001-17"));
            String merged = restText(board, "n1");
            assertEquals(6 + 22 + 17, merged.length(), merged);
            assertTrue(merged.contains("buddy voor nieuwkomers") && merged.contains("overuren beperken") && merged.startsWith("Idee: "), merged);
            JsonNode last = old.next(f -> f.path("t").asText().equals("ops") && f.toString().contains(merged));
            assertTrue(last.path("ops").get(0).path("v").isTextual(), "a client without caps gets plain text: " + last);
            assertFalse(old.all().stream().anyMatch(f -> f.toString().contains("\"ins\"")), "and never a text op");
            try (WsClient late = node.connect()) {
                Typist cas = new Typist("casC0001", late);
                JsonNode welcome = cas.join(board);
                JsonNode runs = welcome.path("snapshot").path("n1").path("text").path("v");
                assertTrue(runs.has("runs"), "a client with caps gets the runs: " + welcome);
            }
        }
    }

    @Test
    @DisplayName("TX-5: a plain string from a v1 client replaces the merged text when newer, and is ignored when older")
    void plainWriteOnATextField() {
        TestNode.Board board = node.board("windroos");
        try (WsClient a = node.connect(); WsClient old = node.connect()) {
            Typist ann = new Typist("annA0001", a);
            ann.join(board);
            old.join(board.token("participant"), board.id(), "oldclient1", "Oud");
            ann.type("n1", 0, "samen");
            a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("annA0001-5"));
            OpsBuilder v1 = new OpsBuilder("oldclient1", System.currentTimeMillis() + 5_000);
            old.send(OpsBuilder.batch("p-1", v1.op("n1", "text", "Samen aan zet")));
            old.next("ack");
            assertEquals("Samen aan zet", restText(board, "n1"));
            JsonNode converted = a.next(f -> f.path("t").asText().equals("ops") && f.toString().contains("Samen aan zet"));
            assertTrue(converted.toString().contains("\"del\"") && converted.toString().contains("\"ins\""), "turned into a delete and an insert: " + converted);
            ann.catchUp("n1");
            assertEquals("Samen aan zet", ann.field.text());
            // Older than the field's text, yet inside the prune horizon (GC-1), so merely late, not stale.
            OpsBuilder stale = new OpsBuilder("oldclient1", System.currentTimeMillis() - 60_000);
            old.send(OpsBuilder.batch("p-2", stale.op("n1", "text", "oud")));
            old.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("p-2"));
            assertEquals("Samen aan zet", restText(board, "n1"), "an older whole-string write loses, as last writer wins would");
        }
    }

    @Test
    @DisplayName("TX-4: hostile text ops (unknown parent, another's ids, giant runs, states, over 4,000) get invalid_op and change nothing")
    void hostileTextOps() {
        TestNode.Board board = node.board("windroos");
        try (WsClient e = node.connect()) {
            Typist eve = new Typist("eveE0001", e);
            eve.join(board);
            eve.type("n1", 0, "ok");
            e.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("eveE0001-2"));
            long now = System.currentTimeMillis();
            String[] bad = {
                    "{\"ins\":\"x\",\"id\":[\"eveE0001\",50],\"p\":[\"nobody01\",3],\"side\":\"r\"}",
                    "{\"ins\":\"x\",\"id\":[\"annA0001\",0],\"p\":null,\"side\":\"r\"}",
                    "{\"ins\":\"" + "x".repeat(4001) + "\",\"id\":[\"eveE0001\",9],\"p\":null,\"side\":\"r\"}",
                    "{\"runs\":[[\"eveE0001\",0,\"zz\",null,\"r\",0]]}",
                    "{\"del\":[[\"eveE0001\",0,99]]}",
                    "{\"ins\":\"Q\",\"id\":[\"eveE0001\",1],\"p\":[\"eveE0001\",0],\"side\":\"r\"}",
                    "{\"ins\":\"x\",\"id\":[\"eveE0001\",2147483647],\"p\":null,\"side\":\"r\"}",
            };
            for (int i = 0; i < bad.length; i++) {
                eve.send("n1", bad[i], new Stamp(now + i, 0, "eveE0001"));
                e.nextError("invalid_op");
            }
            // 4,000 visible characters at most, counted on the merged text.
            TextOp.Insert big = eve.field.insertAt(2, "y".repeat(3998), new Stamp(now + 100, 0, "eveE0001"));
            eve.field.apply(big);
            eve.send("n1", TextJson.insert(big), big.stamp());
            e.next(f -> f.path("t").asText().equals("ack"));
            TextOp.Insert over = eve.field.insertAt(0, "z", new Stamp(now + 101, 0, "eveE0001"));
            eve.send("n1", TextJson.insert(over), over.stamp());
            e.nextError("invalid_op");
            assertEquals(4000, restText(board, "n1").length());
            assertTrue(restText(board, "n1").startsWith("ok"));
        }
    }

    @Test
    @DisplayName("TX-3, DU-2: merged text and its runs survive a restart; a v1 client's since catch-up gets a snapshot with plain text")
    void restartKeepsRuns() throws Exception {
        TestNode.Board board = node.board("windroos");
        String runsBefore;
        long seq;
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            Typist ann = new Typist("annA0001", a);
            Typist bart = new Typist("bartB001", b);
            ann.join(board);
            bart.join(board);
            ann.type("n1", 0, "Pauzes");
            bart.type("n1", 0, "Korte ");
            long annSeq = a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("annA0001-6")).path("seq").asLong();
            long bartSeq = b.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("bartB001-6")).path("seq").asLong();
            seq = Math.max(annSeq, bartSeq);
            try (WsClient c = node.connect()) {
                runsBefore = new Typist("casC0001", c).join(board).path("snapshot").path("n1").path("text").toString();
            }
        }
        String text = restText(board, "n1");
        node.close();
        node = TestNode.start(dir);
        assertEquals(text, restText(board, "n1"));
        try (WsClient c = node.connect(); WsClient old = node.connect()) {
            assertEquals(runsBefore, new Typist("casC0001", c).join(board).path("snapshot").path("n1").path("text").toString());
            old.send(WsClient.hello(board.token("observer"), board.id(), "oldclient1", "Oud").put("since", 1));
            JsonNode welcome = old.next("welcome");
            assertEquals(text, welcome.path("snapshot").path("n1").path("text").path("v").asText(), "plain text, in a snapshot");
            assertEquals(seq, welcome.path("seq").asLong());
        }
    }

    @Test
    @DisplayName("TX-6: a fiche field typed by two people together reads as plain merged text in the REST view and every export")
    void exportsShowPlainMergedText() throws Exception {
        JsonNode w = node.api.createWorkshop("Samen schrijven", "priority-actions");
        String actions = w.path("boards").get(0).path("id").asText();
        String participant = w.path("tokens").path("participant").asText();
        String wid = w.path("id").asText();
        try (WsClient filler = node.connect()) {
            filler.join(participant, actions, "filler001", "Vuller");
            OpsBuilder ops = new OpsBuilder("filler001");
            filler.send(OpsBuilder.batch("f-1", ops.op("t1", "kind", "note"), ops.op("t1", "text", "Buddy voor nieuwkomers"),
                    ops.op("t1", "zone", "action-1.title"), ops.op("t1", "x", 10), ops.op("t1", "y", 10)));
            filler.next("ack");
        }
        String fiche = node.api.postWithBearer("/api/workshops/" + wid + "/fiches/convert", "{\"board\":\"" + actions + "\"}", participant)
                .body().path("fiches").get(0).path("id").asText();
        TestNode.Board board = new TestNode.Board(w, fiche);
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            Typist ann = new Typist("annA0001", a);
            Typist bart = new Typist("bartB001", b);
            ann.join(board);
            bart.join(board);
            ann.typeField("fiche", "competences", 0, "coaching;=1+1");
            bart.typeField("fiche", "competences", 0, "plannen ");
            a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("annA0001-13"));
            b.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("bartB001-8"));
        }
        String merged = node.api.get("/api/boards/" + fiche, participant).body().path("items").path("fiche").path("competences").path("v").asText();
        assertEquals(21, merged.length(), merged);
        assertTrue(merged.contains("coaching;=1+1") && merged.contains("plannen "), merged);
        String md = node.api.getBytes("/api/fiches/" + fiche + "/export?format=md", participant).text();
        String json = node.api.getBytes("/api/fiches/" + fiche + "/export?format=json", participant).text();
        String csv = node.api.getBytes("/api/fiches/" + fiche + "/export?format=csv&lang=en", participant).text();
        String pdf = PdfText.flat(node.api.getBytes("/api/fiches/" + fiche + "/export?format=pdf", participant).bytes());
        assertTrue(md.contains("plannen") && md.contains("coaching"), md);
        assertTrue(json.contains(merged), "the JSON export holds the merged text as a string: " + json);
        assertFalse(json.contains("\"runs\"") || md.contains("\"ins\"") || csv.contains("\"ins\""), "no text op or run in an export");
        assertTrue(csv.contains("plannen") && csv.contains("'=1+1"), "the CSV has the plain text, its formula guarded: " + csv);
        assertTrue(pdf.contains(merged), "the PDF shows the merged text as one piece: " + pdf);
        assertFalse(pdf.contains("runs") || pdf.contains("\"ins\""), "no text op or run in the PDF: " + pdf);
    }

    @Test
    @DisplayName("TX-8, ID-7: a caret in a text field is relayed with presence, and not for a private note of someone else")
    void caretPresence() {
        TestNode.Board board = node.board("windroos");
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            new Typist("annA0001", a).join(board);
            new Typist("bartB001", b).join(board);
            ObjectNode presence = WsClient.frame("presence").putNull("cursor");
            ObjectNode caret = presence.putObject("text").put("i", "n1").put("f", "text");
            ArrayNode at = caret.putArray("at").add("annA0001").add(3);
            caret.putNull("to");
            a.send(presence);
            JsonNode got = b.next(f -> f.path("t").asText().equals("presence") && f.has("text"));
            assertEquals(at, got.path("text").path("at"));
            a.send(WsClient.frame("presence").set("text", WsClient.JSON.createObjectNode().put("i", "n1").put("f", "Bad Field")));
            a.nextError("bad_message");
        }
    }
}
