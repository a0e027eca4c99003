package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Axe;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.PdfText;
import be.samenbord.testkit.Screenshots;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.print.PrintOptions;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's board export and anonymous boards in real Chromium: PNG (opened, size and painted
 * pixels), SVG (parsed, every note's text in it), a selection as SVG, the workshop PDF (its text
 * extracted, every note in it, EX-2) and printing (only the board). Then the facilitator makes the
 * board anonymous (FA-11): no author in the page, in the frames the participant's browser receives,
 * or in any export.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class ExportE2EIT {

    static final List<String> NOTES = List.of("Samen lunchen op vrijdag", "Minder mails na 18u", "Trots op ons team", "Mentorschap voor starters");
    static final String AUTHOR = "Sanne Verbruggen";

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String board;
    static Browser f;
    static Browser a;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Export en anonimiteit", "windroos");
        board = workshop.path("boards").get(0).path("id").asText();
        String[] zones = {"north", "east", "south", "west"};
        int[][] at = {{620, 140}, {1240, 600}, {620, 1060}, {40, 600}};
        try (WsClient c = WsClient.connect(node.base())) {
            c.join(workshop.path("tokens").path("participant").asText(), board, "sanneV0001", AUTHOR);
            OpsBuilder ops = new OpsBuilder("sanneV0001");
            for (int i = 0; i < NOTES.size(); i++) {
                String id = "n" + i;
                c.send(OpsBuilder.batch("b" + i, ops.op(id, "kind", "note"), ops.op(id, "text", NOTES.get(i)), ops.op(id, "zone", zones[i]),
                        ops.op(id, "x", at[i][0]), ops.op(id, "y", at[i][1]), ops.op(id, "color", "#c8ecd4"), ops.op(id, "author", AUTHOR)));
                c.next("ack");
            }
        }
        f = Browser.start();
        a = Browser.start();
        // The participant's browser records every WebSocket frame it receives.
        a.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__frames = []; const Native = window.WebSocket;"
                        + "window.WebSocket = class extends Native { constructor(...x) { super(...x);"
                        + " this.addEventListener('message', e => window.__frames.push(String(e.data))); } };"));
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        E2E.join(a, workshop.path("links").path("participant").asText(), null, "Anna");
        downloads = a.downloads();
        a.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == NOTES.size() ? true : null, "the notes");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, a, node);
    }

    /** Runs an item of the export menu and returns the file it downloaded. */
    static Path export(String item, String suffix) {
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path p : old.toList()) Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        a.find(By.id("export-button")).click();
        a.find(By.cssSelector("#export-menu [data-menu=" + item + "]")).click();
        return a.waitFor(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(p -> p.toString().endsWith(suffix)).filter(p -> p.toFile().length() > 0).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        }, item + " downloaded", Duration.ofSeconds(20));
    }

    static String svgText(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        return doc.getDocumentElement().getTextContent().replaceAll("\\s+", " ");
    }

    static String pdfText(byte[] pdf) throws IOException {
        return PdfText.flat(pdf);
    }

    @Test
    @Order(1)
    @DisplayName("EX-1: the board as PNG has the board's size and painted pixels; as SVG it parses and holds every note's text; a selection holds only its notes")
    void pngAndSvg() throws Exception {
        a.find(By.id("export-button")).click();
        a.find(By.cssSelector("#export-menu [data-menu=png-board]"));
        Screenshots.save(a, "export-menu-open");
        assertEquals(List.of(), Axe.violations(a), "the export menu open");
        new Actions(a.driver).sendKeys(Keys.ESCAPE).perform();
        a.waitFor(d -> d.findElements(By.id("export-menu")).isEmpty() || !d.findElement(By.id("export-menu")).isDisplayed() ? true : null, "the menu closed");
        BufferedImage png = ImageIO.read(export("png-board", ".png").toFile());
        assertEquals(3600, png.getWidth(), "twice the windroos canvas (1800 wide)");
        assertEquals(2800, png.getHeight());
        long painted = 0;
        long green = 0;
        for (int y = 0; y < png.getHeight(); y += 4) {
            for (int x = 0; x < png.getWidth(); x += 4) {
                int rgb = png.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF && rgb != 0xFBFCFB) painted++;
                if (rgb == 0xC8ECD4) green++;
            }
        }
        System.out.printf("export: PNG %dx%d, %d of %d sampled pixels painted, %d note-green%n", png.getWidth(), png.getHeight(), painted,
                (png.getWidth() / 4) * (png.getHeight() / 4), green);
        long sampled = (long) (png.getWidth() / 4) * (png.getHeight() / 4);
        assertTrue(painted > sampled / 100, "the PNG is not blank: " + painted + " of " + sampled);
        assertTrue(green > 1_000, "the notes are painted in their colour: " + green);
        String svg = svgText(export("svg-board", ".svg"));
        for (String note : NOTES) assertTrue(svg.contains(note), note + " in the SVG");
        for (String zone : List.of("Noorden", "Oosten", "Zuiden", "Westen")) assertTrue(svg.contains(zone), zone + " in the SVG");
        new Actions(a.driver).click(E2E.note(a, "n0")).keyDown(Keys.SHIFT).click(E2E.note(a, "n1")).keyUp(Keys.SHIFT).perform();
        String selection = svgText(export("svg-selection", ".svg"));
        assertTrue(selection.contains(NOTES.get(0)) && selection.contains(NOTES.get(1)), selection);
        assertFalse(selection.contains(NOTES.get(2)) || selection.contains(NOTES.get(3)), "only the selected notes");
    }

    @Test
    @Order(2)
    @DisplayName("EX-2: the workshop PDF (from the node) holds every note's text and the zone labels; printing prints the board and no tools")
    void pdfAndPrint() throws Exception {
        String text = pdfText(Files.readAllBytes(export("pdf-workshop", ".pdf")));
        for (String note : NOTES) assertTrue(text.contains(note), note + " in the PDF: " + text);
        assertTrue(text.contains("Noorden") && text.contains(AUTHOR), text);
        Pdf printed = a.driver.print(new PrintOptions());
        // Chrome places the SVG's glyphs one by one: the extracted text has spaces between letters.
        String page = pdfText(Base64.getDecoder().decode(printed.getContent())).replaceAll("\\s+", "");
        for (String note : NOTES) assertTrue(page.contains(note.replaceAll("\\s+", "")), note + " printed: " + page);
        for (String chrome : List.of("Verbonden", "Notitie", "Windroos", "Exporteren")) assertFalse(page.contains(chrome), "printed '" + chrome + "': " + page);
    }

    @Test
    @Order(3)
    @DisplayName("FA-11: on an anonymous board no author is in the page, in the participant's frames or welcome, or in any export")
    void anonymousBoard() throws Exception {
        assertTrue(a.driver.getPageSource().contains(AUTHOR), "before: the author shows");
        E2E.openPanel(f);
        f.find(By.id("board-anonymous")).click();
        a.find(By.id("anonymous-banner"));
        a.waitFor(d -> !d.getPageSource().contains(AUTHOR) ? true : null, "the author left the page");
        assertEquals(List.of(), Axe.violations(a), "the anonymous banner");
        a.driver.navigate().refresh();
        E2E.awaitStatus(a, "connected");
        a.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == NOTES.size() ? true : null, "the notes after a reload");
        String frames = String.valueOf(a.js("return window.__frames.join('\\n');"));
        assertTrue(frames.contains("\"t\":\"welcome\"") && frames.contains(NOTES.get(0)), "the welcome arrived");
        assertFalse(frames.contains(AUTHOR) || frames.contains("\"author\""), "no author in any frame: " + frames);
        assertFalse(a.driver.getPageSource().contains(AUTHOR), "not in the page");
        downloads = a.downloads();
        assertFalse(svgText(export("svg-board", ".svg")).contains(AUTHOR), "not in the SVG");
        assertFalse(pdfText(Files.readAllBytes(export("pdf-workshop", ".pdf"))).contains(AUTHOR), "not in the PDF");
        assertFalse(E2E.items(api, board, workshop.path("tokens").path("facilitator").asText()).toString().contains(AUTHOR),
                "not in the REST view, not even the facilitator's");
        Screenshots.save(a, "export-anonymous-participant");
    }
}
