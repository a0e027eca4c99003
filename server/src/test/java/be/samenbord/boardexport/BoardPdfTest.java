package be.samenbord.boardexport;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board PDF (rule EX-2): vector pages with zone labels and every note's text, and its route. */
class BoardPdfTest {

    static String text(byte[] pdf, int[] pages) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            pages[0] = reader.getNumberOfPages();
            for (int i = 1; i <= reader.getNumberOfPages(); i++) text.append(extractor.getTextFromPage(i)).append('\n');
            return text.toString().replaceAll("\\s+", " ");
        } finally {
            reader.close();
        }
    }

    @Test
    @DisplayName("EX-2: each board is a page with its zone labels and every note's text, Dutch diacritics and emoji included; long text shrinks or is cut, never spills")
    void pagesCarryZonesAndNotes() throws IOException {
        JsonNode template = WsClient.JSON.readTree("""
                {"title":{"nl":"Cirkel","en":"Circle"},"canvas":{"width":1600,"height":1600},"zones":[
                {"id":"in","label":{"nl":"Binnen","en":"Inside"},"shape":{"type":"ring","cx":800,"cy":800,"inner":0,"outer":300}},
                {"id":"out","label":{"nl":"Buiten","en":"Outside"},"shape":{"type":"ring","cx":800,"cy":800,"inner":300,"outer":700}}]}""");
        JsonNode items = WsClient.JSON.readTree("""
                {"a":{"kind":{"v":"note"},"text":{"v":"Één team, één doel 🙂"},"x":{"v":700},"y":{"v":700},"color":{"v":"#bbdefb"}},
                 "b":{"kind":{"v":"keyword"},"text":{"v":"Overleg"},"x":{"v":200},"y":{"v":800},"author":{"v":"Bram"}},
                 "c":{"kind":{"v":"note"},"text":{"v":"Weg"},"deleted":{"v":true}},
                 "d":{"kind":{"v":"control"}},
                 "e":{"kind":{"v":"note"},"text":{"v":"%s"},"x":{"v":1100},"y":{"v":300},"color":{"v":"navy"}}}"""
                .formatted("lang ".repeat(400)));
        BoardPage page = BoardPages.read(template, items, "nl");
        assertEquals(3, page.notes().size(), "notes and keywords, not deleted ones or other kinds");
        BoardPage second = BoardPages.read(template, WsClient.JSON.readTree("{}"), "en");
        int[] pages = new int[1];
        String text = text(BoardPdf.render("Training welzijn", List.of(page, second)), pages);
        assertEquals(2, pages[0]);
        for (String s : List.of("Training welzijn · Cirkel", "Binnen", "Buiten", "Één team, één doel", "Overleg", "Bram", "Circle", "Inside")) {
            assertTrue(text.contains(s), s + " in " + text);
        }
        assertTrue(text.contains("lang lang"), "the long note shows as much as fits");
        assertTrue(text.length() < 3000, "the long note is cut at its note's edge, not printed whole: " + text.length());
    }

    @Test
    @DisplayName("EX-2, FI-6, FA-6: the route serves any role of the workshop, refuses others, and leaves private notes out")
    void route() throws IOException {
        try (TestNode node = TestNode.start()) {
            JsonNode w = node.api.createWorkshop("Export", "windroos", "circle-of-influence");
            String id = w.path("id").asText();
            String board = w.path("boards").get(0).path("id").asText();
            JsonNode other = node.api.createWorkshop("Ander", "three-b");
            try (WsClient c = node.connect()) {
                c.join(w.path("tokens").path("facilitator").asText(), board, "exportFien1", "Fien");
                c.send(new OpsBuilder("exportFien1").note("n-1", "note1", "Samen lunchen op vrijdag", "north"));
                c.next("ack");
                c.send(WsClient.frame("control").put("request", "p").put("action", "privateStart"));
                c.next("done");
                c.send(new OpsBuilder("exportFien1", System.currentTimeMillis() + 1_000).note("n-2", "note2", "Nog geheim", "south"));
                c.next("ack");
            }
            for (String role : List.of("facilitator", "participant", "observer")) {
                Api.Reply r = node.api.getBytes("/api/workshops/" + id + "/boards/export?format=pdf&lang=en", w.path("tokens").path(role).asText());
                assertEquals(200, r.status(), role);
                assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
                assertTrue(r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
                int[] pages = new int[1];
                String text = text(r.bytes(), pages);
                assertEquals(2, pages[0], "two boards, no room, no fiches");
                assertTrue(text.contains("Samen lunchen op vrijdag") && text.contains("North"), text);
                assertTrue(!text.contains("Nog geheim"), "private writing stays out of the export (FA-6)");
            }
            assertEquals(401, node.api.getBytes("/api/workshops/" + id + "/boards/export", null).status());
            assertEquals(403, node.api.getBytes("/api/workshops/" + id + "/boards/export", other.path("tokens").path("observer").asText()).status());
            assertEquals(400, node.api.getBytes("/api/workshops/" + id + "/boards/export?format=png", w.path("tokens").path("observer").asText()).status());
        }
    }
}
