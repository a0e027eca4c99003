package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Axe;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search in a real browser (issue 19's must-show): type in the search box, pick a result on
 * another board, land zoomed on the highlighted note; the same with the keyboard only; axe-core
 * finds no serious violation with the dialog and its results open; the filters narrow the
 * results; a fiche field and a round answer are landed on where they show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class SearchE2EIT {

    static NodeProcess node;
    static Browser browser;
    static JsonNode workshop;
    static String windroos;
    static String threeB;
    static String fiche;
    static final String ANSWERER = "answerer01";

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e-search"), Map.of("SAMENBORD_DEMO", "false"));
        Api api = new Api(node.base());
        workshop = api.createWorkshop("Zoeken in de zorgraad", "windroos", "three-b");
        windroos = workshop.path("boards").get(0).path("id").asText();
        threeB = workshop.path("boards").get(1).path("id").asText();
        String token = workshop.path("tokens").path("participant").asText();
        // Notes written by someone else before the browser comes: the second board is never opened first.
        try (WsClient c = WsClient.connect(node.base())) {
            c.join(token, threeB, "writerSeed1", "Saar");
            OpsBuilder ops = new OpsBuilder("writerSeed1");
            c.send(OpsBuilder.batch("s-1", ops.op("far", "kind", "note"), ops.op("far", "text", "Minder vergaderen, meer aandacht voor werkdruk"),
                    ops.op("far", "zone", "drop"), ops.op("far", "x", 900), ops.op("far", "y", 700)));
            c.send(OpsBuilder.batch("s-2", ops.op("calm", "kind", "note"), ops.op("calm", "text", "Een stille ruimte voor de pauze"),
                    ops.op("calm", "zone", "keep"), ops.op("calm", "x", 80), ops.op("calm", "y", 120)));
            c.next("ack");
            c.next("ack");
        }
        try (WsClient c = WsClient.connect(node.base())) {
            c.join(token, windroos, "writerSeed1", "Saar");
            c.send(new OpsBuilder("writerSeed1").note("s-3", "near", "Trots op de nieuwe werkplanning", "south"));
            c.next("ack");
            c.send(new OpsBuilder("writerSeed1").note("s-4", "bike", "Een fietsdag in de lente", "north"));
            c.next("ack");
        }
        try (WsClient c = WsClient.connect(node.base())) {
            c.join(token, threeB, "writerSeed1", "Saar");
            c.send(new OpsBuilder("writerSeed1").note("s-5", "cycle", "Vaker met de fiets naar kantoor", "achieve-short"));
            c.next("ack");
        }
        // A fiche made from that note, its need written live (FI-2, FI-3).
        Api.Reply made = api.postWithBearer("/api/workshops/" + workshop.path("id").asText() + "/fiches/convert",
                "{\"board\":\"" + threeB + "\",\"items\":[\"cycle\"]}", token);
        assertEquals(200, made.status(), made.text());
        fiche = made.body().path("fiches").get(0).path("id").asText();
        try (WsClient c = WsClient.connect(node.base())) {
            c.join(token, fiche, "writerSeed1", "Saar");
            c.send(OpsBuilder.batch("s-6", new OpsBuilder("writerSeed1").op("fiche", "need", "Een overdekte stalling bij de ingang")));
            c.next("ack");
        }
        // A check-in round with one answer, ended: the answer stays in the room's history (FA-16).
        String room = workshop.path("room").asText();
        try (WsClient f = WsClient.connect(node.base()); WsClient a = WsClient.connect(node.base())) {
            f.join(workshop.path("tokens").path("facilitator").asText(), room, "roundLead01", "Fien");
            a.join(token, room, ANSWERER, "Noor");
            f.send(WsClient.control("r1", "roundStart").put("kind", "check-in").put("prompt", "Hoe kom je binnen?"));
            a.opsAt(f.next("done").path("seq").asLong());
            a.send(WsClient.control("a1", "roundAnswer").put("text", "Uitgerust na een zonnige zomervakantie"));
            a.next("done");
            f.send(WsClient.control("r2", "roundEnd"));
            f.next("done");
        }
        browser = Browser.start();
        E2E.join(browser, workshop.path("links").path("participant").asText(), null, "Pieter");
        browser.waitFor(d -> windroos.equals(d.findElement(By.id("board")).getDomAttribute("data-board-id")), "the windroos opens first");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(browser, node);
    }

    /** The zoom of the open board (its layer's scale). */
    private static double zoom() {
        return ((Number) browser.js("const m = /scale\\(([0-9.]+)\\)/.exec(document.querySelector('#board .board-layer').style.transform);"
                + "return m ? Number(m[1]) : 0;")).doubleValue();
    }

    /** Waits until the page shows board {@code board} with note {@code item} marked, focused and in the middle of the view. */
    private static void landedOn(String board, String item) {
        browser.waitFor(d -> board.equals(E2E.openView(browser)) ? Boolean.TRUE : null, "board " + board + " opens");
        browser.waitFor(d -> d.findElement(By.cssSelector(".note[data-item='" + item + "']")).getDomAttribute("class").contains("search-target")
                ? Boolean.TRUE : null, "the note is highlighted");
        assertEquals(item, browser.driver.switchTo().activeElement().getDomAttribute("data-item"), "the note has the focus");
        assertEquals(1.25, zoom(), 0.01, "zoomed to the note");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.js("const n = document.querySelector(\".note[data-item='\" + arguments[0] + \"']\").getBoundingClientRect();"
                + "const v = document.querySelector('#board .board-viewport').getBoundingClientRect();"
                + "return {dx: Math.abs((n.left + n.width / 2) - (v.left + v.width / 2)), dy: Math.abs((n.top + n.height / 2) - (v.top + v.height / 2))};", item);
        assertTrue(((Number) r.get("dx")).doubleValue() < 40 && ((Number) r.get("dy")).doubleValue() < 40, "the note sits in the middle: " + r);
    }

    @Test
    @Order(1)
    @DisplayName("SE-1: type in the search box, see results grouped by board with the words marked, pick one on another board, land zoomed on the highlighted note")
    void typeAndPick() {
        browser.find(By.id("search-open")).click();
        WebElement input = browser.find(By.id("search-input"));
        input.sendKeys("werk");
        WebElement hit = browser.find(By.cssSelector("[data-search-board='" + threeB + "'] [data-search-hit][data-item='far']"));
        assertTrue(hit.getDomProperty("innerHTML").contains("<mark>werkdruk</mark>"), hit.getDomProperty("innerHTML"));
        browser.find(By.cssSelector("[data-search-board='" + windroos + "'] [data-search-hit][data-item='near']"));
        List<String> groups = browser.driver.findElements(By.cssSelector("#search-results [role=group]")).stream()
                .map(g -> g.getDomAttribute("aria-label")).toList();
        assertEquals(2, groups.size(), "one group per board: " + groups);
        assertTrue(browser.find(By.id("search-status")).getText().contains("2"), browser.find(By.id("search-status")).getText());
        Screenshots.save(browser, "SearchE2EIT-results");
        hit.click();
        browser.waitFor(d -> !d.findElement(By.id("search-dialog")).isDisplayed() ? Boolean.TRUE : null, "the dialog closes");
        landedOn(threeB, "far");
        Screenshots.save(browser, "SearchE2EIT-landed");
    }

    @Test
    @Order(2)
    @DisplayName("SE-1 keyboard only: Ctrl+K, type, arrow down, Enter lands on the note; Escape closes; the button is reachable with Tab")
    void keyboardOnly() {
        E2E.openBoardTab(browser, windroos);
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
        browser.waitFor(d -> "search-input".equals(d.switchTo().activeElement().getDomAttribute("id")) ? Boolean.TRUE : null, "Ctrl+K focuses the search");
        WebElement input = browser.driver.switchTo().activeElement();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "stille ruimte");
        browser.find(By.cssSelector("[data-search-hit][data-item='calm']"));
        input.sendKeys(Keys.ARROW_DOWN);
        assertEquals("search-hit-0", input.getDomAttribute("aria-activedescendant"));
        input.sendKeys(Keys.ENTER);
        landedOn(threeB, "calm");
        Screenshots.save(browser, "SearchE2EIT-keyboard-landed");

        browser.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "k"));
        browser.waitFor(d -> d.findElement(By.id("search-dialog")).isDisplayed() ? Boolean.TRUE : null, "open again from a focused note");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitFor(d -> !d.findElement(By.id("search-dialog")).isDisplayed() ? Boolean.TRUE : null, "Escape closes");

        browser.js("document.activeElement.blur(); window.scrollTo(0, 0);");
        boolean reached = false;
        for (int i = 0; i < 40 && !reached; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            reached = "search-open".equals(browser.driver.switchTo().activeElement().getDomAttribute("id"));
        }
        assertTrue(reached, "Tab reaches the search button");
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.waitFor(d -> d.findElement(By.id("search-dialog")).isDisplayed() ? Boolean.TRUE : null, "Enter on the button opens it");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    }

    @Test
    @Order(3)
    @DisplayName("SE-1 accessibility: axe-core finds no serious or critical violation with the dialog and its results open")
    void axeClean() {
        browser.find(By.id("search-open")).click();
        WebElement input = browser.find(By.id("search-input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "trots");
        browser.find(By.cssSelector("[data-search-hit][data-item='near']"));
        browser.find(By.cssSelector("[data-search-hit][data-item='_zone:south']"));
        input.sendKeys(Keys.ARROW_DOWN);
        Screenshots.save(browser, "SearchE2EIT-axe-results");
        assertEquals(List.of(), Axe.violations(browser), "search dialog with results");
        input.sendKeys(Keys.ESCAPE);
        assertEquals(List.of(), Axe.violations(browser), "the page with the search button");
    }

    /** Opens the dialog (emptied) and types {@code q}. */
    private static WebElement searchFor(String q) {
        if (!browser.find(By.id("search-dialog")).isDisplayed()) browser.find(By.id("search-open")).click();
        WebElement input = browser.find(By.id("search-input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), q);
        return input;
    }

    /** The boards of the hits the dialog shows once its status says {@code status}. */
    private static List<String> hitBoards(String status) {
        browser.waitFor(d -> d.findElement(By.id("search-status")).getText().equals(status) ? Boolean.TRUE : null, "status " + status);
        return browser.driver.findElements(By.cssSelector("#search-results [data-search-hit]")).stream().map(e -> e.getDomAttribute("data-board")).toList();
    }

    @Test
    @Order(4)
    @DisplayName("SE-4 filters: the board filter (keyboard only) narrows the results to that board, its zones follow, no author filter on the open anonymous board; 'with dots' narrows to none; axe clean")
    void filtersNarrow() {
        // The open board (3B, where the keyboard test landed) stops showing authors (FA-11).
        String facilitator = workshop.path("tokens").path("facilitator").asText();
        Api api = new Api(node.base());
        assertEquals(200, api.postWithBearer("/api/boards/" + threeB + "/control", "{\"action\":\"anonymousOn\"}", facilitator).status());
        browser.waitFor(d -> d.findElements(By.cssSelector("#board.anonymous[data-board-id='" + threeB + "']")).isEmpty() ? null : Boolean.TRUE, "3B anonymous");
        WebElement input = searchFor("fiets");
        List<String> all = hitBoards("3 resultaten");
        assertTrue(all.contains(windroos) && all.contains(threeB) && all.contains(fiche), "three boards before filtering: " + all);
        input.sendKeys(Keys.TAB);
        WebElement board = browser.driver.switchTo().activeElement();
        assertEquals("search-board", board.getDomAttribute("id"), "Tab goes from the input to the board filter");
        assertTrue(browser.find(By.id("search-zone")).findElement(By.xpath("..")).getDomAttribute("hidden") != null, "no zones before a board is chosen");
        // The options: all boards, then the workshop's boards in their order (windroos, 3B).
        board.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        assertEquals(threeB, board.getDomProperty("value"));
        assertEquals(List.of(threeB), hitBoards("1 resultaat"), "only the 3B board's note");
        List<String> zones = browser.driver.findElements(By.cssSelector("#search-zone option")).stream().map(o -> o.getDomAttribute("value")).toList();
        assertEquals(List.of("", "keep", "drop", "achieve-short", "achieve-long"), zones, "the chosen board's zones");
        assertTrue(!browser.find(By.id("search-author")).isDisplayed(), "no author filter on a board that shows no authors");
        Screenshots.save(browser, "SearchE2EIT-filter-board");
        assertEquals(List.of(), Axe.violations(browser), "search dialog with filters set");
        board.sendKeys(Keys.HOME);
        assertEquals(3, hitBoards("3 resultaten").size());
        assertTrue(browser.find(By.id("search-author")).isDisplayed(), "the author filter for all boards");
        WebElement votes = browser.find(By.id("search-has-votes"));
        boolean reached = false;
        for (int i = 0; i < 6 && !reached; i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            reached = votes.equals(browser.driver.switchTo().activeElement());
        }
        assertTrue(reached, "Tab reaches 'with dots'");
        votes.sendKeys(Keys.SPACE);
        browser.waitFor(d -> d.findElement(By.id("search-status")).getText().startsWith("Niets gevonden") ? Boolean.TRUE : null, "no note has dots");
        votes.sendKeys(Keys.SPACE);
        assertEquals(3, hitBoards("3 resultaten").size());
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertEquals(200, api.postWithBearer("/api/boards/" + threeB + "/control", "{\"action\":\"anonymousOff\"}", facilitator).status());
    }

    @Test
    @Order(5)
    @DisplayName("SE-1: picking a fiche-field result opens the fiche with that field marked and focused")
    void ficheField() {
        searchFor("overdekte");
        WebElement hit = browser.find(By.cssSelector("[data-search-hit][data-board='" + fiche + "'][data-item='fiche'][data-field='need']"));
        assertTrue(hit.getDomProperty("innerHTML").contains("<mark>overdekte</mark>"), hit.getDomProperty("innerHTML"));
        browser.find(By.id("search-input")).sendKeys(Keys.ENTER);
        browser.waitFor(d -> fiche.equals(E2E.openView(browser)) ? Boolean.TRUE : null, "the fiche opens");
        browser.waitFor(d -> d.findElement(By.cssSelector("#fiche-editor [data-field='need']")).getDomAttribute("class").contains("search-target")
                ? Boolean.TRUE : null, "the need field is marked");
        WebElement focused = browser.driver.switchTo().activeElement();
        assertEquals("need", focused.getDomAttribute("data-field"), "the field has the focus");
        assertEquals("Een overdekte stalling bij de ingang", focused.getDomProperty("value"));
        Screenshots.save(browser, "SearchE2EIT-fiche-field");
    }

    @Test
    @Order(6)
    @DisplayName("SE-2, FA-16: picking a round answer shows it in the round panel over the open view, its past round unfolded")
    void roundAnswer() {
        String view = E2E.openView(browser);
        searchFor("zomervakantie");
        WebElement hit = browser.find(By.cssSelector("[data-search-hit][data-item='answer-r1-" + ANSWERER + "']"));
        assertTrue(hit.getText().contains("antwoord in een ronde"), hit.getText());
        hit.click();
        String answer = "#round [data-round-id='r1'][data-round-answer='" + ANSWERER + "']";
        browser.waitFor(d -> d.findElement(By.cssSelector(answer)).getDomAttribute("class") != null
                && d.findElement(By.cssSelector(answer)).getDomAttribute("class").contains("search-target") ? Boolean.TRUE : null, "the answer is marked");
        assertEquals(Boolean.TRUE, browser.js("return document.getElementById('round-history').open;"), "its round unfolded");
        assertTrue(browser.find(By.cssSelector(answer)).isDisplayed());
        assertTrue(browser.driver.switchTo().activeElement().getText().contains("Uitgerust na een zonnige zomervakantie"), "the answer has the focus");
        assertEquals(view, E2E.openView(browser), "the open view stays");
        Screenshots.save(browser, "SearchE2EIT-round-answer");
    }
}
