package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Axe;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import be.samenbord.testkit.Screenshots;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every template in a real browser, keyboard-only use and axe-core checks (issue 3; the methods of issue 20). */
@ExtendWith(Screenshots.class)
class TemplatesE2EIT {

    static final List<String> TEMPLATES = List.of("health-matrix", "three-b", "circle-of-influence", "windroos", "priority-actions",
            "policy-reflection", "pros-cons-balance", "smart-goals", "check-in", "change-map", "integrative-criteria", "positive-health-web", "eigen-regie");
    /** For each template: where a new note is made, and the zone it is dropped into. */
    static final Map<String, String[]> MOVES = Map.ofEntries(
            Map.entry("health-matrix", new String[]{"employee.education", "organisation.rules"}),
            Map.entry("three-b", new String[]{"keep", "achieve-long"}),
            Map.entry("circle-of-influence", new String[]{"changeable", "partly-changeable"}),
            Map.entry("windroos", new String[]{"south", "east"}),
            Map.entry("priority-actions", new String[]{"action-1.title", "action-3.driver"}),
            Map.entry("policy-reflection", new String[]{"elements", "elements"}),
            Map.entry("pros-cons-balance", new String[]{"short.gain", "long.loss"}),
            Map.entry("smart-goals", new String[]{"short.goal", "long.time-bound"}),
            Map.entry("check-in", new String[]{"answers", "answers"}),
            Map.entry("change-map", new String[]{"activities", "direct-results"}),
            Map.entry("integrative-criteria", new String[]{"candidate-1.action", "candidate-2.goal"}),
            Map.entry("positive-health-web", new String[]{"talk", "talk"}),
            Map.entry("eigen-regie", new String[]{"talk", "talk"}));

    static NodeProcess node;
    static Browser browser;
    static Api api;
    static JsonNode workshop;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Alle sjablonen", TEMPLATES.toArray(String[]::new));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (node != null) node.close();
    }

    static String boardOf(String template) {
        return Api.boardOf(workshop, template);
    }

    static String facilitatorToken() {
        return workshop.path("tokens").path("facilitator").asText();
    }

    @Test
    @DisplayName("TP-2: each template opens; a note dropped into a zone reports that zone in the board snapshot")
    void everyTemplateOpensAndKnowsItsZones() {
        E2E.join(browser, workshop.path("links").path("facilitator").asText(), null, "Fien");
        for (String template : TEMPLATES) {
            String board = boardOf(template);
            E2E.openBoardTab(browser, board);
            assertEquals(template, browser.find(By.id("board")).getDomAttribute("data-template"));
            JsonNode zones = api.get("/api/templates/" + template, null).body().path("zones");
            for (JsonNode z : zones) E2E.zone(browser, z.path("id").asText());
            String[] move = MOVES.get(template);
            String item = E2E.createNoteIn(browser, move[0]);
            E2E.type(browser, "Notitie in " + template);
            browser.waitFor(d -> move[0].equals(E2E.items(api, board, facilitatorToken()).path(item).path("zone").path("v").asText()),
                    template + ": created in " + move[0]);
            E2E.dragNoteTo(browser, item, move[1]);
            browser.waitFor(d -> move[1].equals(E2E.items(api, board, facilitatorToken()).path(item).path("zone").path("v").asText()),
                    template + ": dropped into " + move[1]);
            List<String> violations = Axe.violations(browser);
            assertTrue(violations.isEmpty(), template + " board page: " + violations);
        }
    }

    @Test
    @DisplayName("Template details: empty matrix cells marked, windroos hints 3 to 5, health-matrix layers")
    void templateDetails() {
        E2E.join(browser, workshop.path("links").path("participant").asText(), null, "Pieter");
        E2E.openBoardTab(browser, boardOf("health-matrix"));
        assertTrue(browser.driver.findElements(By.cssSelector("[data-zone].zone-empty")).size() >= 19, "empty cells are marked");
        E2E.openBoardTab(browser, boardOf("windroos"));
        WebElement west = E2E.zone(browser, "west");
        assertFalse(west.findElements(By.cssSelector(".zone-hint")).isEmpty(), "an empty quadrant hints that 3 to 5 insights are wanted");
    }

    @Test
    @DisplayName("Keyboard only: Tab reaches a zone, a key adds a note there, arrows move it; notes have accessible names")
    void keyboardOnly() {
        E2E.join(browser, workshop.path("links").path("participant").asText(), null, "Karel");
        String board = boardOf("three-b");
        E2E.openBoardTab(browser, board);
        WebElement body = browser.driver.findElement(By.tagName("body"));
        body.click();
        String zone = null;
        for (int i = 0; i < 200 && zone == null; i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement active = browser.driver.switchTo().activeElement();
            String z = active.getDomAttribute("data-zone");
            if (z != null && !z.isEmpty() && !active.getDomAttribute("class").contains("note")) zone = z;
        }
        assertTrue(zone != null, "Tab never reached a zone");
        browser.driver.switchTo().activeElement().sendKeys("n");
        WebElement editor = browser.find(By.cssSelector("textarea.note-editor"));
        assertEquals(editor, browser.driver.switchTo().activeElement(), "the new note's editor has focus");
        editor.sendKeys("Met het toetsenbord");
        editor.sendKeys(Keys.ESCAPE);
        WebElement note = browser.driver.switchTo().activeElement();
        String item = note.getDomAttribute("data-item");
        assertTrue(item != null, "focus returns to the note");
        String z0 = zone;
        browser.waitFor(d -> z0.equals(E2E.items(api, board, facilitatorToken()).path(item).path("zone").path("v").asText()), "note in zone");
        double x0 = E2E.items(api, board, facilitatorToken()).path(item).path("x").path("v").asDouble();
        note.sendKeys(Keys.ARROW_RIGHT);
        note.sendKeys(Keys.ARROW_RIGHT);
        browser.waitFor(d -> E2E.items(api, board, facilitatorToken()).path(item).path("x").path("v").asDouble() >= x0 + 20,
                "arrow keys move the note");
        for (WebElement n : browser.driver.findElements(By.cssSelector(".note"))) {
            assertFalse(n.getAccessibleName().isBlank(), "a note without an accessible name: " + n.getDomAttribute("data-item"));
        }
    }

    @Test
    @DisplayName("axe-core: home and join pages have no moderate, serious or critical violations")
    void homeAndJoinPagesAreAccessible() {
        browser.open(node.base() + "/");
        browser.find(By.id("create-workshop"));
        List<String> violations = new ArrayList<>(Axe.violations(browser));
        // This tab joined with the link in another test: forget that, or the link goes straight to the
        // board. The storage is the link's origin's (the links may name another host than node.base()).
        String link = workshop.path("links").path("participant").asText();
        java.net.URI uri = java.net.URI.create(link);
        browser.open(uri.getScheme() + "://" + uri.getAuthority() + "/");
        browser.find(By.id("create-workshop"));
        browser.js("sessionStorage.clear();");
        browser.open(link);
        browser.waitFor(d -> !d.findElements(By.id("display-name")).isEmpty() || !d.findElements(By.id("connection-status")).isEmpty() ? true : null, "a page");
        assertFalse(browser.driver.findElements(By.id("display-name")).isEmpty(), "the join form, not the board: navigation "
                + browser.js("return performance.getEntriesByType('navigation')[0].type + ' ' + JSON.stringify(sessionStorage);"));
        violations.addAll(Axe.violations(browser));
        assertTrue(violations.isEmpty(), violations.toString());
    }

    @Test
    @DisplayName("Home: create a workshop with a title and templates; three links with copy buttons; Dutch first, English on switch")
    void homeCreatesAWorkshop() {
        browser.open(node.base() + "/");
        assertEquals("nl", browser.find(By.tagName("html")).getDomAttribute("lang"));
        browser.find(By.id("workshop-title")).sendKeys("Werkgroep welzijn");
        browser.find(By.cssSelector("input[name=template][value=windroos]")).click();
        browser.find(By.cssSelector("input[name=template][value=three-b]")).click();
        browser.find(By.id("create-workshop")).click();
        String participant = browser.find(By.id("link-participant")).getDomProperty("value");
        assertTrue(participant.contains("/join/") && participant.contains("#token="), participant);
        assertTrue(browser.find(By.id("link-facilitator")).getDomProperty("value").contains("#token="));
        assertTrue(browser.find(By.id("link-observer")).getDomProperty("value").contains("#token="));
        for (String role : List.of("facilitator", "participant", "observer")) browser.find(By.cssSelector("button[data-copy=" + role + "]"));
        browser.find(By.id("lang-switch")).click();
        browser.waitFor(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")), "English after the switch");
        browser.find(By.id("lang-switch")).click();
        browser.waitFor(d -> "nl".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")), "Dutch again");
        E2E.join(browser, participant, null, "Nora");
        // One tab per chosen board (a board's tab names its template); the plan, room, plenary and data tabs are views.
        assertEquals(2, browser.driver.findElements(By.cssSelector("[data-board-tab][data-template]"))
                .stream().filter(org.openqa.selenium.WebElement::isDisplayed).count());
    }
}
