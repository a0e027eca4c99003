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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session summary in a real browser on a real node (SU-8): after a closed vote on a 3B board
 * and a converted fiche with a driver and dated steps, the facilitator opens the summary from the
 * workshop's tabs; it lists the top note with its dots and the fiche with its driver and first
 * date, a note still private stays out, and the downloaded PDF's text holds the same.
 */
@ExtendWith(Screenshots.class)
class SummaryE2EIT {

    static final String TOP = "Vergaderingen halveren";
    static final String SECOND = "Elke vrijdag buiten lunchen";
    static final String PRIVATE = "Nog geheim idee van Bram";
    static final String ACTION = "Vergadervrije woensdag";
    static final String DRIVER = "Ilse Peeters";

    static NodeProcess node;
    static Api api;
    static Browser f;
    static JsonNode workshop;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Teamdag zorg", "three-b", "priority-actions");
        voteOnThreeB();
        convertFiche();
        f = Browser.start();
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, node);
    }

    static String boardOf(String template) {
        return Api.boardOf(workshop, template);
    }

    static String token(String role) {
        return workshop.path("tokens").path(role).asText();
    }

    /** Two notes, a closed vote (3 dots on the first, 1 on the second), then a private note nobody revealed. */
    static void voteOnThreeB() {
        String board = boardOf("three-b");
        try (WsClient fac = WsClient.connect(node.base()); WsClient anna = WsClient.connect(node.base()); WsClient bram = WsClient.connect(node.base())) {
            fac.join(token("facilitator"), board, "e2e-fien", "Fien");
            anna.join(token("participant"), board, "e2e-anna", "Anna");
            bram.join(token("participant"), board, "e2e-bram", "Bram");
            OpsBuilder a = new OpsBuilder("e2e-anna");
            anna.send(OpsBuilder.batch("notes", a.op("n1", "kind", "note"), a.op("n1", "text", TOP), a.op("n1", "x", 80), a.op("n1", "y", 120),
                    a.op("n2", "kind", "note"), a.op("n2", "text", SECOND), a.op("n2", "x", 300), a.op("n2", "y", 120)));
            anna.next("ack");
            fac.send(WsClient.control("v1", "voteStart").put("dots", 3));
            fac.next("done");
            anna.send(OpsBuilder.batch("va", a.op("n1", "vote:e2e-anna", 2), a.op("n2", "vote:e2e-anna", 1)));
            anna.next("ack");
            OpsBuilder b = new OpsBuilder("e2e-bram", System.currentTimeMillis() + 1_000);
            bram.send(OpsBuilder.batch("vb", b.op("n1", "vote:e2e-bram", 1)));
            bram.next("ack");
            fac.send(WsClient.control("v2", "voteClose"));
            fac.next("done");
            fac.send(WsClient.control("p1", "privateStart"));
            fac.next("done");
            OpsBuilder late = new OpsBuilder("e2e-bram", System.currentTimeMillis() + 2_000);
            bram.send(OpsBuilder.batch("secret", late.op("n3", "kind", "note"), late.op("n3", "text", PRIVATE)));
            bram.next("ack");
        }
    }

    /** One filled row of the 5 priority actions, converted; then two dated steps, the earlier one second. */
    static void convertFiche() {
        String board = boardOf("priority-actions");
        try (WsClient ws = WsClient.connect(node.base())) {
            ws.join(token("participant"), board, "e2e-rowfill", "Anna");
            OpsBuilder o = new OpsBuilder("e2e-rowfill");
            ws.send(OpsBuilder.batch("row", o.op("t", "kind", "note"), o.op("t", "zone", "action-1.title"), o.op("t", "text", ACTION),
                    o.op("d", "kind", "note"), o.op("d", "zone", "action-1.driver"), o.op("d", "text", DRIVER)));
            ws.next("ack");
        }
        Api.Reply r = api.postWithBearer("/api/workshops/" + workshop.path("id").asText() + "/fiches/convert",
                "{\"board\":\"" + board + "\"}", token("facilitator"));
        assertEquals(200, r.status(), r.text());
        String fiche = r.body().path("fiches").get(0).path("id").asText();
        try (WsClient ws = WsClient.connect(node.base())) {
            ws.join(token("participant"), fiche, "e2e-steps", "Anna");
            OpsBuilder o = new OpsBuilder("e2e-steps");
            ws.send(OpsBuilder.batch("steps", o.op("s1", "kind", "step"), o.op("s1", "date", "2026-06-30"), o.op("s1", "text", "Evaluatie"),
                    o.op("s1", "z", "a0"), o.op("s2", "kind", "step"), o.op("s2", "date", "2026-03-04"), o.op("s2", "text", "Eerste vrije woensdag"),
                    o.op("s2", "z", "a1")));
            ws.next("ack");
        }
    }

    static String pdfText(byte[] pdf) throws IOException {
        return PdfText.of(pdf);
    }

    static void awaitLoaded() {
        f.waitFor(d -> "false".equals(d.findElement(By.id("summary")).getDomAttribute("aria-busy")) ? true : null, "the summary loaded");
    }

    @Test
    @DisplayName("SU-8: the facilitator's summary tab lists the top note and the fiche with driver and date; the PDF download holds them")
    void summaryPageAndPdf() throws IOException {
        f.viewport(1280, 720, false);
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        f.find(By.cssSelector("button[data-board-tab='summary']")).click();
        awaitLoaded();
        assertTrue(f.driver.getCurrentUrl().contains("board=summary"), "the URL names the summary: " + f.driver.getCurrentUrl());
        assertEquals("Samenvatting van de sessie", f.find(By.id("summary-heading")).getText());

        List<WebElement> top = f.driver.findElements(By.cssSelector("#summary-boards .summary-top li"));
        assertEquals(2, top.size(), "the two dotted notes");
        assertEquals(TOP + " (3 stippen)", top.get(0).getText());
        assertEquals(SECOND + " (1 stip)", top.get(1).getText());
        String page = f.find(By.id("summary")).getText();
        assertFalse(page.contains(PRIVATE), "a private note before reveal is not on the page");

        WebElement row = f.find(By.cssSelector("#summary-plan tbody tr"));
        assertEquals(ACTION, row.findElement(By.cssSelector("th")).getText());
        assertEquals(DRIVER, row.findElement(By.cssSelector(".plan-driver")).getText());
        assertEquals("2026-03-04", row.findElement(By.cssSelector("time")).getDomAttribute("datetime"), "the earliest date, not the first step");
        assertTrue(row.findElement(By.cssSelector(".plan-first-date")).getText().contains("4 maart 2026"), row.getText());
        assertTrue(row.getText().contains("Concept"), row.getText());
        List<String> violations = Axe.violations(f);
        assertTrue(violations.isEmpty(), "summary page: " + violations);
        Screenshots.save(f, "summary-1280x720");

        Path downloads = f.downloads();
        f.find(By.cssSelector("button[data-summary-download='pdf']")).click();
        Path pdf = f.waitFor(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(p -> p.toString().endsWith(".pdf")).filter(p -> p.toFile().length() > 0).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        }, "the PDF downloaded", Duration.ofSeconds(20));
        assertEquals("samenvatting-nl.pdf", pdf.getFileName().toString());
        String text = pdfText(Files.readAllBytes(pdf));
        assertTrue(text.contains(TOP + " (3 stippen)"), "the PDF names the top note with its dots: " + text);
        assertTrue(text.contains(ACTION) && text.contains(DRIVER) && text.contains("2026-03-04"), "the PDF names the fiche, driver and date: " + text);
        assertFalse(text.contains(PRIVATE), "nor does the PDF show the private note");
        f.waitFor(d -> d.findElement(By.id("summary-status")).getText().contains("samenvatting-nl.pdf") ? true : null, "the page says it downloaded");

        // Printing prints the summary, without the header, tabs and buttons.
        org.openqa.selenium.Pdf printed = f.driver.print(new org.openqa.selenium.print.PrintOptions());
        // Chrome's text layer spaces letters by kerning: compare without white space, as ExportE2EIT does.
        String paper = pdfText(java.util.Base64.getDecoder().decode(printed.getContent())).replaceAll("\\s+", "");
        for (String shown : List.of(TOP, DRIVER, ACTION, "Samenvatting van de sessie", "3 stippen")) {
            assertTrue(paper.contains(shown.replaceAll("\\s+", "")), "printed '" + shown + "': " + paper);
        }
        for (String chrome : List.of("PDF downloaden", "Afdrukken", "Rol: begeleider", "Zoeken", "Volg mij")) {
            assertFalse(paper.contains(chrome.replaceAll("\\s+", "")), "printed '" + chrome + "': " + paper);
        }

        // English: the page and the node's labels follow the language switch.
        f.find(By.id("lang-switch")).click();
        f.waitFor(d -> "Session summary".equals(d.findElement(By.id("summary-heading")).getText()) ? true : null, "the English heading");
        f.waitFor(d -> d.findElement(By.id("summary-plan")).getText().contains("Draft") ? true : null, "the status in English");
        assertTrue(f.find(By.cssSelector("#summary-boards .summary-top li")).getText().endsWith("(3 dots)"));
        f.find(By.id("lang-switch")).click();
        f.waitFor(d -> "Samenvatting van de sessie".equals(d.findElement(By.id("summary-heading")).getText()) ? true : null, "Dutch again");
        awaitLoaded();

        f.viewport(390, 844, true);
        f.js("document.getElementById('summary').scrollIntoView()");
        List<String> phone = Axe.violations(f);
        assertTrue(phone.isEmpty(), "summary page on a phone: " + phone);
        Screenshots.save(f, "summary-390x844");
        f.js("document.getElementById('summary-actions').scrollIntoView()");
        Screenshots.save(f, "summary-390x844-plan");
    }
}
