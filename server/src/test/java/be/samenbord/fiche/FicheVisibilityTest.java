package be.samenbord.fiche;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fiche lists and exports show only what nobody's private writing or open vote hides (FA-6, FA-7
 * as for the REST view; FI-4, FI-5), over real sockets on a real node.
 */
class FicheVisibilityTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }


    /** Every export of the plan and of the fiche an observer can download, as text. */
    private static String everyExport(JsonNode w, String fiche) throws IOException {
        String wid = w.path("id").asText();
        String observer = FicheApiTest.token(w, "observer");
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/api/workshops/" + wid + "/fiches/export", "/api/fiches/" + fiche + "/export")) {
            for (String format : List.of("md", "csv", "json")) {
                Api.Reply r = node.api.getBytes(path + "?format=" + format, observer);
                assertEquals(200, r.status(), r.text());
                all.append(r.text()).append('\n');
            }
            Api.Reply pdf = node.api.getBytes(path + "?format=pdf", observer);
            assertEquals(200, pdf.status());
            all.append(pdfText(pdf.bytes())).append('\n');
        }
        return all.toString();
    }

    static String pdfText(byte[] pdf) throws IOException {
        return PdfText.of(pdf);
    }

    private static JsonNode listed(JsonNode w) {
        Api.Reply list = node.api.get("/api/workshops/" + w.path("id").asText() + "/fiches", FicheApiTest.token(w, "observer"));
        assertEquals(200, list.status(), list.text());
        return list.body().path("fiches").get(0);
    }

    @Test
    @DisplayName("FI-4, FI-5, FA-6 (finding: an observer exported text still hidden by private writing); reveal shows it")
    void observerExportsHiddenPrivateWriting() throws IOException {
        JsonNode w = node.api.createWorkshop("Geheim plan", "priority-actions");
        String board = w.path("boards").get(0).path("id").asText();
        FicheApiTest.fillRows(node, board, FicheApiTest.token(w, "participant"), 1);
        String fiche = FicheApiTest.convert(node.api, w, "facilitator", "{\"board\":\"" + board + "\"}")
                .body().path("fiches").get(0).path("id").asText();
        String step = "Geheime stap van Anna";
        String gain = "Geheime winst van Anna";
        try (WsClient f = node.connect(); WsClient a = node.connect()) {
            f.join(FicheApiTest.token(w, "facilitator"), fiche, "facilitator1", "Fien");
            a.join(FicheApiTest.token(w, "participant"), fiche, "participantA1", "Anna");
            assertTrue(listed(w).path("missing").toString().contains("timeBound"), "no dated step yet");

            f.send(WsClient.control("p1", "privateStart"));
            f.next("done");
            OpsBuilder ops = new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000);
            a.send(OpsBuilder.batch("s-1", ops.op("step1", "kind", "step"), ops.op("step1", "date", "2025-06-01"),
                    ops.op("step1", "text", step), ops.op("step1", "z", "a0"),
                    ops.op("bal1", "kind", "balance"), ops.op("bal1", "zone", "gain-short"), ops.op("bal1", "text", gain)));
            assertEquals("s-1", a.next("ack").path("batch").asText());

            String hidden = everyExport(w, fiche);
            assertFalse(hidden.contains(step) || hidden.contains("Geheime stap"), "no export shows the private step: " + hidden);
            assertFalse(hidden.contains(gain) || hidden.contains("Geheime winst"), "no export shows the private balance entry");
            assertFalse(hidden.contains("2025-06-01"), "nor its date");
            JsonNode duringPrivate = listed(w);
            assertFalse(duringPrivate.path("smart").path("timeBound").asBoolean(), "the list's SMART state does not give the step away");
            assertTrue(duringPrivate.path("missing").toString().contains("timeBound"));

            f.send(WsClient.control("r1", "reveal"));
            f.next("done");
            String shown = everyExport(w, fiche);
            assertEquals(8, count(shown, step), "after reveal all 8 exports (plan and fiche, 4 formats) show the step: " + shown);
            assertEquals(6, count(shown, gain), "md, json and pdf of both show the balance entry (csv has no balance column)");
            assertTrue(listed(w).path("smart").path("timeBound").asBoolean(), "the dated step now counts");
        }
    }

    @Test
    @DisplayName("FA-7, FI-5: an open vote hides only vote registers: the fiche stays readable in every export")
    void openVoteOnFicheBoard() throws IOException {
        JsonNode w = node.api.createWorkshop("Stemplan", "priority-actions");
        String board = w.path("boards").get(0).path("id").asText();
        FicheApiTest.fillRows(node, board, FicheApiTest.token(w, "participant"), 1);
        String fiche = FicheApiTest.convert(node.api, w, "facilitator", "{\"board\":\"" + board + "\"}")
                .body().path("fiches").get(0).path("id").asText();
        try (WsClient f = node.connect()) {
            f.join(FicheApiTest.token(w, "facilitator"), fiche, "facilitator1", "Fien");
            f.send(WsClient.control("v1", "voteStart").put("dots", 2));
            f.next("done");
            String during = everyExport(w, fiche);
            assertTrue(during.contains("Actie 1 title"), "the fiche itself stays readable while a vote is open");
            assertFalse(during.contains("vote:"), "vote registers never reach an export");
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
