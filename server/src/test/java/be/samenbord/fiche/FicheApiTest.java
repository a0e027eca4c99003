package be.samenbord.fiche;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conversion, listing, exports and access of fiches over real HTTP and WebSocket (rules FI-*). */
class FicheApiTest {

    static final String[] COLUMNS = {"title", "target-group", "impact", "results", "driver"};

    @TempDir
    Path dataDir;

    /** Fills rows 1..rows of a priority-actions board over a real WebSocket. */
    static void fillRows(TestNode node, String board, String token, int rows) {
        try (WsClient c = node.connect()) {
            c.join(token, board, "replicaFILL", "Filler");
            OpsBuilder ops = new OpsBuilder("replicaFILL");
            for (int r = 1; r <= rows; r++) {
                ObjectNode batch = OpsBuilder.batch("row-" + r);
                for (String col : COLUMNS) {
                    String item = "r" + r + "-" + col;
                    ArrayNode list = (ArrayNode) batch.get("ops");
                    list.add(ops.op(item, "kind", "note")).add(ops.op(item, "zone", "action-" + r + "." + col))
                            .add(ops.op(item, "text", "Actie " + r + " " + col)).add(ops.op(item, "x", 10)).add(ops.op(item, "y", 10));
                }
                c.send(batch);
                c.next("ack");
            }
            c.send(OpsBuilder.batch("panel", ops.op("kw1", "kind", "keyword"), ops.op("kw1", "zone", "policy-reflection"),
                    ops.op("kw1", "text", "werkdruk")));
            c.next("ack");
        }
    }

    static String token(JsonNode w, String role) {
        return w.path("tokens").path(role).asText();
    }

    static Api.Reply convert(Api api, JsonNode w, String role, String body) {
        return api.postWithBearer("/api/workshops/" + w.path("id").asText() + "/fiches/convert", body, token(w, role));
    }

    @Test
    @DisplayName("FI-3: five filled rows become five fiches with the rows' values; converting again duplicates nothing and keeps edits")
    void priorityRowsConvertOnce() throws Exception {
        String title;
        List<String> ids = new ArrayList<>();
        JsonNode w;
        try (TestNode node = TestNode.start(dataDir)) {
            w = node.api.createWorkshop("Zorgraad", "priority-actions");
            String board = w.path("boards").get(0).path("id").asText();
            fillRows(node, board, token(w, "participant"), 5);
            Api.Reply first = convert(node.api, w, "participant", "{\"board\":\"" + board + "\"}");
            assertEquals(200, first.status(), first.text());
            assertEquals(5, first.body().path("fiches").size());
            first.body().path("fiches").forEach(f -> {
                ids.add(f.path("id").asText());
                assertTrue(f.path("created").asBoolean());
            });
            JsonNode fiche = node.api.get("/api/boards/" + ids.get(2), token(w, "observer")).body().path("items").path("fiche");
            assertEquals("Actie 3 title", fiche.path("title").path("v").asText());
            assertEquals("Actie 3 target-group", fiche.path("targetGroup").path("v").asText());
            assertEquals("Actie 3 impact", fiche.path("intendedImpact").path("v").asText());
            assertEquals("Actie 3 results", fiche.path("resultsShort").path("v").asText());
            assertEquals("Actie 3 driver", fiche.path("driver").path("v").asText());
            assertTrue(fiche.path("insights").path("v").asText().contains("werkdruk"));
            assertEquals("draft", fiche.path("status").path("v").asText());

            try (WsClient editor = node.connect()) {
                editor.join(token(w, "participant"), ids.get(2), "replicaEDIT", "Editor");
                editor.send(OpsBuilder.batch("e1", new OpsBuilder("replicaEDIT").op("fiche", "title", "Eigen titel")));
                editor.next("ack");
            }
            Api.Reply again = convert(node.api, w, "facilitator", "{\"board\":\"" + board + "\"}");
            List<String> againIds = new ArrayList<>();
            again.body().path("fiches").forEach(f -> {
                againIds.add(f.path("id").asText());
                assertFalse(f.path("created").asBoolean());
            });
            assertEquals(ids, againIds);
            JsonNode list = node.api.get("/api/workshops/" + w.path("id").asText() + "/fiches", token(w, "observer")).body();
            assertEquals(5, list.path("fiches").size());
            title = node.api.get("/api/boards/" + ids.get(2), token(w, "observer")).body().path("items").path("fiche").path("title").path("v").asText();
            assertEquals("Eigen titel", title, "converting again must not overwrite an edit");
            assertTrue(list.path("fiches").get(0).path("missing").toString().contains("measurable"));
        }
        try (TestNode again = TestNode.start(dataDir)) {
            JsonNode list = again.api.get("/api/workshops/" + w.path("id").asText() + "/fiches", token(w, "observer")).body();
            assertEquals(5, list.path("fiches").size(), "fiches survive a restart");
            assertEquals("Eigen titel", list.path("fiches").get(2).path("title").asText());
        }
    }

    @Test
    @DisplayName("FI-3: selected notes of another board become fiches; bad requests get 400")
    void selectedNotesConvert() {
        try (TestNode node = TestNode.start(dataDir)) {
            JsonNode w = node.api.createWorkshop("3B", "three-b", "windroos");
            String board = w.path("boards").get(0).path("id").asText();
            try (WsClient c = node.connect()) {
                c.join(token(w, "participant"), board, "replicaNOTE", "Noor");
                c.send(new OpsBuilder("replicaNOTE").note("b1", "goal1", "Elke maand een teamlunch", "achieve-short"));
                c.next("ack");
            }
            Api.Reply ok = convert(node.api, w, "participant", "{\"board\":\"" + board + "\",\"items\":[\"goal1\"]}");
            assertEquals(200, ok.status(), ok.text());
            assertEquals("Elke maand een teamlunch", ok.body().path("fiches").get(0).path("title").asText());
            assertEquals(400, convert(node.api, w, "participant", "{\"board\":\"" + board + "\"}").status(), "no notes chosen");
            assertEquals(400, convert(node.api, w, "participant", "{\"board\":\"" + board + "\",\"items\":[\"nope\"]}").status());
            assertEquals(400, convert(node.api, w, "participant", "{\"board\":\"unknown\"}").status());
            String windroos = w.path("boards").get(1).path("id").asText();
            assertEquals(400, convert(node.api, w, "participant", "{\"board\":\"" + windroos + "\",\"items\":[\"x\"]}").status(),
                    "windroos boards have no conversion");
            assertEquals(400, convert(node.api, w, "participant", "not json").status());
        }
    }

    @Test
    @DisplayName("FI-5, FI-6: exports in four formats; an observer cannot convert; other workshops see nothing")
    void exportsAndAccess() throws Exception {
        try (TestNode node = TestNode.start(dataDir)) {
            JsonNode w = node.api.createWorkshop("Plan", "priority-actions");
            JsonNode other = node.api.createWorkshop("Ander", "priority-actions");
            String board = w.path("boards").get(0).path("id").asText();
            fillRows(node, board, token(w, "participant"), 2);
            assertEquals(403, convert(node.api, w, "observer", "{\"board\":\"" + board + "\"}").status());
            assertEquals(403, convert(node.api, other, "facilitator", "{\"board\":\"" + board + "\"}").status(),
                    "a token of another workshop converts nothing of this one");
            JsonNode fiches = convert(node.api, w, "facilitator", "{\"board\":\"" + board + "\"}").body().path("fiches");
            String wid = w.path("id").asText();

            Api.Reply pdf = node.api.getBytes("/api/workshops/" + wid + "/fiches/export?format=pdf&lang=nl", token(w, "observer"));
            assertEquals(200, pdf.status());
            PdfReader reader = new PdfReader(pdf.bytes());
            StringBuilder text = new StringBuilder();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int p = 1; p <= reader.getNumberOfPages(); p++) text.append(extractor.getTextFromPage(p)).append('\n');
            assertTrue(text.toString().contains("Actie 1 title") && text.toString().contains("Actie 2 title"), text.toString());
            JsonNode json = WsClient.JSON.readTree(node.api.getBytes("/api/workshops/" + wid + "/fiches/export?format=json", token(w, "observer")).text());
            assertEquals(2, json.path("fiches").size());
            assertEquals("Actie 2 driver", json.path("fiches").get(1).path("fields").path("driver").asText());
            String csv = node.api.getBytes("/api/workshops/" + wid + "/fiches/export?format=csv&lang=en", token(w, "observer")).text();
            assertEquals(3, csv.strip().split("\r\n").length, csv);
            assertTrue(node.api.getBytes("/api/workshops/" + wid + "/fiches/export?format=md", token(w, "observer")).text().contains("## Actie 1 title"));
            String one = fiches.get(0).path("id").asText();
            assertEquals(200, node.api.getBytes("/api/fiches/" + one + "/export?format=md", token(w, "participant")).status());

            assertEquals(403, node.api.getBytes("/api/workshops/" + wid + "/fiches/export?format=pdf", token(other, "facilitator")).status());
            assertEquals(403, node.api.get("/api/workshops/" + wid + "/fiches", token(other, "facilitator")).status());
            assertEquals(403, node.api.getBytes("/api/fiches/" + one + "/export?format=json", token(other, "facilitator")).status());
            assertEquals(401, node.api.getBytes("/api/fiches/" + one + "/export?format=json", "wrong").status());
            assertEquals(400, node.api.getBytes("/api/workshops/" + wid + "/fiches/export?format=docx", token(w, "observer")).status());
        }
    }

    @Test
    @DisplayName("FI-5: CSV uses ';' for lang=nl and ',' for lang=en; sep=comma|semicolon overrides; another sep is 400")
    void csvSeparatorFollowsLanguageOrSep() {
        try (TestNode node = TestNode.start(dataDir)) {
            JsonNode w = node.api.createWorkshop("Plan", "priority-actions");
            String board = w.path("boards").get(0).path("id").asText();
            fillRows(node, board, token(w, "participant"), 1);
            assertEquals(200, convert(node.api, w, "facilitator", "{\"board\":\"" + board + "\"}").status());
            String path = "/api/workshops/" + w.path("id").asText() + "/fiches/export?format=csv";
            String[][] cases = {{"&lang=nl", ";"}, {"", ";"}, {"&lang=en", ","}, {"&lang=nl&sep=comma", ","},
                    {"&lang=en&sep=semicolon", ";"}, {"&sep=semicolon", ";"}};
            for (String[] c : cases) {
                Api.Reply r = node.api.getBytes(path + c[0], token(w, "observer"));
                assertEquals(200, r.status(), c[0] + ": " + r.text());
                String header = r.text().substring(0, r.text().indexOf("\r\n"));
                assertTrue(header.startsWith("id" + c[1] + "status" + c[1]), c[0] + " should separate with '" + c[1] + "': " + header);
                List<List<String>> rows = be.samenbord.fiche.export.CsvExportTest.parse(r.text(), c[1].charAt(0));
                assertEquals(2, rows.size());
                assertEquals(rows.get(0).size(), rows.get(1).size());
                assertEquals("Actie 1 title", rows.get(1).get(2), "the title column after id and status");
            }
            assertEquals(400, node.api.getBytes(path + "&sep=tab", token(w, "observer")).status());
        }
    }

    @Test
    @DisplayName("FI-5, FI-7, FI-8 over HTTP (finding 8, exports): a stored fiche with HTML, a javascript: link, a remote image,"
            + " a ';' formula and an emoji exports as inert Markdown, guarded CSV with ';' (nl) and ',' (en), and a PDF that prints the emoji")
    void hostileFicheExportsOverHttp() throws Exception {
        String title = "Straatfeest 🎉 in de wijk";
        String script = "<script>alert(1)</script>";
        String jsLink = "[x](javascript:alert(1))";
        String image = "![i](http://evil.example/x.png)";
        String formula = "x;=1+2";
        try (TestNode node = TestNode.start(dataDir)) {
            JsonNode w = node.api.createWorkshop("Veilig", "three-b");
            String board = w.path("boards").get(0).path("id").asText();
            try (WsClient c = node.connect()) {
                c.join(token(w, "participant"), board, "replicaSAFE", "Sam");
                c.send(new OpsBuilder("replicaSAFE").note("b1", "goal1", title, "achieve-short"));
                c.next("ack");
            }
            Api.Reply converted = convert(node.api, w, "participant", "{\"board\":\"" + board + "\",\"items\":[\"goal1\"]}");
            assertEquals(200, converted.status(), converted.text());
            String fiche = converted.body().path("fiches").get(0).path("id").asText();
            try (WsClient editor = node.connect()) {
                editor.join(token(w, "participant"), fiche, "replicaEDIT", "Editor");
                OpsBuilder ops = new OpsBuilder("replicaEDIT");
                editor.send(OpsBuilder.batch("hostile", ops.op("fiche", "targetGroup", script), ops.op("fiche", "intendedImpact", jsLink),
                        ops.op("fiche", "resultsShort", image), ops.op("fiche", "driver", formula)));
                assertEquals("hostile", editor.next("ack").path("batch").asText());
            }
            String export = "/api/workshops/" + w.path("id").asText() + "/fiches/export?format=";

            Api.Reply md = node.api.getBytes(export + "md&lang=nl", token(w, "observer"));
            assertEquals(200, md.status(), md.text());
            for (String escaped : List.of("\\<script>alert(1)\\</script>", "\\[x\\](javascript:alert(1))",
                    "\\!\\[i\\](<http://evil.example/x.png>)", "## " + title)) {
                assertTrue(md.text().contains(escaped), "Markdown holds " + escaped + ":\n" + md.text());
            }
            String html = org.commonmark.renderer.html.HtmlRenderer.builder().build()
                    .render(org.commonmark.parser.Parser.builder().build().parse(md.text()));
            for (String bad : List.of("<script", "<img", "href=\"javascript")) assertFalse(html.contains(bad), bad + " in the rendered Markdown:\n" + html);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script shows as text:\n" + html);

            for (String[] lang : new String[][]{{"nl", ";"}, {"en", ","}}) {
                Api.Reply csv = node.api.getBytes(export + "csv&lang=" + lang[0], token(w, "observer"));
                assertEquals(200, csv.status(), csv.text());
                String text = csv.text();
                assertTrue(text.startsWith("id" + lang[1] + "status" + lang[1]), lang[0] + " separates with " + lang[1] + ": " + text);
                assertTrue(text.contains(lang[1] + "\"x;'=1+2\"" + lang[1]), "the ';' cell is quoted and its formula guarded (" + lang[0] + "): " + text);
                assertFalse(text.contains(formula), "no unguarded formula (" + lang[0] + "): " + text);
                List<List<String>> rows = be.samenbord.fiche.export.CsvExportTest.parse(text, lang[1].charAt(0));
                assertEquals(2, rows.size(), text);
                assertEquals(rows.get(0).size(), rows.get(1).size(), "one cell per header (" + lang[0] + "): " + rows);
                assertTrue(rows.get(1).containsAll(List.of(title, script, jsLink, image, "x;'=1+2")), lang[0] + ": " + rows.get(1));
            }

            Api.Reply pdf = node.api.getBytes(export + "pdf&lang=nl", token(w, "observer"));
            assertEquals(200, pdf.status());
            String text = be.samenbord.testkit.PdfText.flat(pdf.bytes());
            for (String shown : List.of(title, script, jsLink, image, formula)) {
                assertTrue(text.contains(shown), "the PDF prints " + shown + ": " + text);
            }
        }
    }
}
