package be.samenbord.boardexport;

import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Themes in the board export (FA-25, EX-2): drawn as their label, deleted ones left out. */
class ThemeExportTest {

    @Test
    @DisplayName("FA-25: the board PDF shows each live theme's title beside the notes")
    void themesInTheExport() throws IOException {
        JsonNode template = WsClient.JSON.readTree("""
                {"title":{"nl":"3B's","en":"3B"},"canvas":{"width":1600,"height":1000},"zones":[
                {"id":"keep","label":{"nl":"Behouden","en":"Keep"},"shape":{"type":"rect","x":0,"y":0,"w":800,"h":1000}}]}""");
        JsonNode items = WsClient.JSON.readTree("""
                {"t1":{"kind":{"v":"theme"},"title":{"v":"Roosters en planning"},"x":{"v":40},"y":{"v":40}},
                 "t2":{"kind":{"v":"theme"},"title":{"v":"Opgeheven"},"deleted":{"v":true}},
                 "n1":{"kind":{"v":"note"},"text":{"v":"Samen plannen"},"theme":{"v":"t1"},"x":{"v":60},"y":{"v":100}}}""");
        BoardPage page = BoardPages.read(template, items, "nl");
        assertEquals(2, page.notes().size(), "the note and the live theme");
        int[] pages = new int[1];
        String text = BoardPdfTest.text(BoardPdf.render("Thema's", List.of(page)), pages);
        assertTrue(text.contains("Roosters en planning") && text.contains("Samen plannen"), text);
        assertTrue(!text.contains("Opgeheven"), "an ungrouped theme is gone");
    }
}
