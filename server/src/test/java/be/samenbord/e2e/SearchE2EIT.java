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
 * finds no serious violation with the dialog and its results open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class SearchE2EIT {

    static NodeProcess node;
    static Browser browser;
    static JsonNode workshop;
    static String windroos;
    static String threeB;

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
}
