package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Axe;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Screenshots;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, the methods of the source documents as live boards: the policy-plan reflection (seed
 * 003), whose three to five elements feed the "Reflectie beleidsplan" side panel of the 5 priority
 * actions, one keyword per element; the pros and cons balance (seed 000), a note per quadrant; SMART
 * goals (seed 000), each row checked as a fiche's SMART check is; the check-in board (seed 003), a
 * round's answers put there as one card per person; the change map (seed 001), an arrow drawn from an
 * activity to its direct result; the integrative method's criteria table (seed 000), scored by three
 * people, its totals and ranking, the top action made a fiche.
 * (Each new template is also in {@link TemplatesE2EIT}: a note made and dragged into a zone, axe
 * on the board.)
 */
@ExtendWith(Screenshots.class)
class MethodsE2EIT {

    static NodeProcess node;
    static Browser browser;
    static Api api;
    static JsonNode workshop;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Actieplan zorgraad", "policy-reflection", "windroos", "priority-actions", "pros-cons-balance",
                "smart-goals", "check-in", "change-map", "integrative-criteria");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(browser, node);
    }

    static String boardOf(String template) {
        return Api.boardOf(workshop, template);
    }

    static String observer() {
        return workshop.path("tokens").path("observer").asText();
    }

    @Test
    @DisplayName("Policy-plan reflection: three elements written in the browser, counted against 3 to 5, carried as three keywords into the priority actions' 'Reflectie beleidsplan' panel, each linking back")
    void reflectionFeedsThePriorityActionsPanel() {
        E2E.join(browser, workshop.path("links").path("facilitator").asText(), null, "Fien");
        String reflection = boardOf("policy-reflection");
        String actions = boardOf("priority-actions");
        E2E.openBoardTab(browser, reflection);
        List<String> texts = List.of("Doelgroep mantelzorgers", "Omgevingsanalyse: vergrijzing", "Samenwerking met huisartsen");
        List<String> made = new ArrayList<>();
        int[] centre = E2E.zonePoint(browser, "elements");
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            // Each on a free spot of the zone, left to right (a double-click on a note edits that note).
            new Actions(browser.driver).moveToLocation(centre[0] + (i - 1) * 260, centre[1]).doubleClick().perform();
            String item = browser.find(By.cssSelector("textarea.note-editor")).getDomAttribute("data-item");
            assertTrue(!made.contains(item), "a new note, not note " + item + " again");
            E2E.type(browser, text);
            made.add(item);
            browser.waitFor(d -> "elements".equals(E2E.items(api, reflection, observer()).path(item).path("zone").path("v").asText()),
                    text + " in the zone");
        }
        E2E.awaitStatus(browser, "connected");
        assertTrue(E2E.zone(browser, "elements").getText().contains("3 (3 tot 5)"), "the zone counts its elements against 3 to 5: "
                + E2E.zone(browser, "elements").getText());
        assertEquals(List.of(), Axe.violations(browser), "the policy-plan reflection board");
        Screenshots.save(browser, "methods-policy-reflection-1400x1000");

        new Actions(browser.driver).click(E2E.note(browser, made.get(0))).perform();
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).perform();
        assertEquals(3, browser.driver.findElements(By.cssSelector(".note.selected")).size(), "the three elements selected");
        new Actions(browser.driver).contextClick(E2E.note(browser, made.get(1))).perform();
        browser.find(By.cssSelector("#board-menu [data-menu=carry]")).click();
        browser.find(By.id("carry-dialog"));
        assertEquals("panel:policy-reflection", new Select(browser.find(By.id("carry-row"))).getFirstSelectedOption().getDomAttribute("value"),
                "a reflection goes to its own side panel unless chosen otherwise");
        assertEquals(List.of(), Axe.violations(browser), "the carry dialog");
        Screenshots.save(browser, "methods-carry-to-panel-1400x1000");
        browser.find(By.id("carry-go")).click();
        browser.waitFor(d -> d.findElements(By.id("carry-dialog")).isEmpty() ? true : null, "the dialog closes once written");

        List<String> keywords = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        JsonNode items = E2E.items(api, actions, observer());
        for (var e : items.properties()) {
            JsonNode it = e.getValue();
            if (!"keyword".equals(it.path("kind").path("v").asText())) continue;
            assertEquals("policy-reflection", it.path("zone").path("v").asText(), "a keyword in the panel: " + it);
            assertEquals(reflection, it.path("source").path("v").path("board").asText(), "it links back to the reflection board");
            keywords.add(it.path("text").path("v").asText());
            sources.add(it.path("source").path("v").path("item").asText());
        }
        assertEquals(texts.stream().sorted().toList(), keywords.stream().sorted().toList(), "one keyword per element");
        assertEquals(made.stream().sorted().toList(), sources.stream().sorted().toList(), "each keyword links back to its own element");

        E2E.openBoardTab(browser, actions);
        browser.waitFor(d -> d.findElements(By.cssSelector(".note.note-keyword[data-zone='policy-reflection']")).size() == 3 ? true : null,
                "the three keywords in the panel");
        assertEquals(List.of(), Axe.violations(browser), "the priority actions with the carried keywords");
        Screenshots.save(browser, "methods-priority-actions-panel-1400x1000");
    }

    @Test
    @DisplayName("Pros and cons balance: a note written in each of the four quadrants (gain/loss × short/long term) lands in that quadrant")
    void balanceHasFourQuadrants() {
        E2E.join(browser, workshop.path("links").path("participant").asText(), null, "Bart");
        String balance = boardOf("pros-cons-balance");
        E2E.openBoardTab(browser, balance);
        Map<String, String> texts = Map.of("short.gain", "Minder ziekteverzuim", "short.loss", "Tijd voor overleg vrijmaken",
                "long.gain", "Vaste pauzecultuur", "long.loss", "Weerstand bij wie graag doorwerkt");
        texts.forEach((zone, text) -> writeIn(balance, zone, text));
        E2E.awaitStatus(browser, "connected");
        for (String axis : List.of("short", "long")) assertTrue(!browser.driver.findElements(By.cssSelector("[data-axis-row='" + axis + "']")).isEmpty());
        assertEquals(List.of(), Axe.violations(browser), "the pros and cons balance");
        Screenshots.save(browser, "methods-pros-cons-balance-1400x1000");
    }

    @Test
    @DisplayName("SMART goals: the short-term goal's row names the SMART parts still empty, and says 'in orde' once all five hold a note")
    void smartGoalsCheckEachRow() {
        E2E.join(browser, workshop.path("links").path("participant").asText(), null, "Sien");
        String smart = boardOf("smart-goals");
        E2E.openBoardTab(browser, smart);
        String check = "[data-row-check='short']";
        assertEquals("SMART-toets: 0 van 5 · ontbreekt nog: Specifiek, Meetbaar, Aanvaardbaar, Realistisch, Tijdsgebonden",
                browser.find(By.cssSelector(check)).getText());
        java.util.LinkedHashMap<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("short.goal", "Elke dienst neemt een echte pauze");
        parts.put("short.specific", "Verpleegteam van afdeling B, middagpauze van 30 minuten");
        parts.put("short.measurable", "Pauzes in het rooster, 4 op 5 dagen gehaald");
        for (var e : parts.entrySet()) writeIn(smart, e.getKey(), e.getValue());
        browser.waitFor(d -> d.findElement(By.cssSelector(check)).getText()
                .equals("SMART-toets: 2 van 5 · ontbreekt nog: Aanvaardbaar, Realistisch, Tijdsgebonden") ? true : null, "two of five");
        assertEquals("acceptable realistic time-bound", browser.find(By.cssSelector(check)).getDomAttribute("data-missing"));
        Screenshots.save(browser, "methods-smart-goals-open-1400x1000");
        writeIn(smart, "short.acceptable", "Het team koos het zelf");
        writeIn(smart, "short.realistic", "Een collega van de flexpool vangt op");
        writeIn(smart, "short.time-bound", "Vanaf 1 februari, evaluatie na 6 weken");
        browser.waitFor(d -> d.findElement(By.cssSelector(check)).getText().equals("SMART-toets: in orde") ? true : null, "all five");
        assertTrue(browser.find(By.cssSelector("[data-row-check='long']")).getText().contains("0 van 5"), "the long-term goal is still open");
        assertEquals(List.of(), Axe.violations(browser), "the SMART goals board");
        Screenshots.save(browser, "methods-smart-goals-done-1400x1000");
    }

    @Test
    @DisplayName("Check-in board: after a check-in round the facilitator puts the answers there, one card per person with their name; again changes nothing; participants get no such button")
    void checkInRoundOnTheBoard() {
        String checkIn = boardOf("check-in");
        Browser[] p = new Browser[2];
        try {
            E2E.join(browser, workshop.path("links").path("facilitator").asText(), null, "Fien");
            E2E.joinAll(p, workshop.path("links").path("participant").asText(), "Anna", "Bart");
            browser.find(By.cssSelector("[data-board-tab='room']")).click();
            new Select(browser.find(By.id("round-kind"))).selectByValue("check-in");
            E2E.fill(browser, "round-prompt", "Hoe kom je binnen vandaag?");
            browser.find(By.id("round-start")).click();
            String[] answers = {"Moe maar blij", "Vol zin in vandaag"};
            for (int i = 0; i < p.length; i++) {
                p[i].find(By.id("round-answer")).sendKeys(answers[i]);
                p[i].find(By.id("round-answer-add")).click();
            }
            browser.waitFor(d -> d.findElements(By.cssSelector("#round-answers [data-round-answer]")).size() == 2 ? true : null, "both answers");
            browser.find(By.cssSelector(".round-to-board-now [data-round-to-board]")).click();
            browser.waitFor(d -> cards(checkIn).size() == 2 ? true : null, "two cards on the check-in board");
            Map<String, String> byAuthor = cards(checkIn);
            assertEquals(Map.of("Anna", answers[0], "Bart", answers[1]), byAuthor);
            JsonNode before = E2E.items(api, checkIn, observer());
            long seq = api.get("/api/boards/" + checkIn, observer()).body().path("seq").asLong();
            browser.find(By.cssSelector(".round-to-board-now [data-round-to-board]")).click();
            browser.waitFor(d -> api.get("/api/boards/" + checkIn, observer()).body().path("seq").asLong() > seq ? true : null,
                    "the second put written");
            assertEquals(2, cards(checkIn).size(), "putting the round there again adds no copies");
            assertEquals(ids(before), ids(E2E.items(api, checkIn, observer())), "the same two cards");
            before.properties().forEach(e -> assertTrue(e.getKey().startsWith("checkin-"), "card id per round and person: " + e.getKey()));
            for (Browser b : p) assertTrue(b.driver.findElements(By.cssSelector("[data-round-to-board]")).isEmpty(), "a participant has no such button");
            Screenshots.save(browser, "methods-check-in-round-facilitator-1400x1000");
            browser.find(By.id("round-end")).click();
            E2E.openBoardTab(browser, checkIn);
            browser.waitFor(d -> d.findElements(By.cssSelector(".note[data-zone='answers']")).size() == 2 ? true : null, "two cards shown");
            assertEquals(List.of(), Axe.violations(browser), "the check-in board");
            Screenshots.save(browser, "methods-check-in-board-1400x1000");
        } finally {
            E2E.closeAll(p);
        }
    }

    @Test
    @DisplayName("Change map (IT-6): an arrow drawn from an activity to its direct result through the card's menu is an item in GET /api/boards, shows for another person at once and survives a reload")
    void changeMapArrow() {
        String map = boardOf("change-map");
        Browser other = Browser.start();
        try {
            E2E.join(browser, workshop.path("links").path("facilitator").asText(), null, "Fien");
            E2E.openBoardTab(browser, map);
            writeIn(map, "activities", "Scan van de huidige situatie");
            writeIn(map, "direct-results", "Inzicht in wat anders moet");
            String activity = noteIn(map, "activities"), result = noteIn(map, "direct-results");
            E2E.join(other, workshop.path("links").path("participant").asText(), null, "Bram");
            E2E.openBoardTab(other, map);

            new Actions(browser.driver).contextClick(E2E.note(browser, activity)).perform();
            browser.find(By.cssSelector("#board-menu [data-menu=arrow-to]")).click();
            browser.find(By.id("arrow-menu"));
            assertEquals(1, browser.driver.findElements(By.cssSelector("#arrow-menu [role=menuitem]")).size(), "only the next column's card is offered");
            assertEquals(List.of(), Axe.violations(browser), "the change map with the arrow menu open");
            browser.find(By.cssSelector("#arrow-menu [data-menu='arrow-to-" + result + "']")).click();

            String drawn = "path.arrow[data-from='" + activity + "'][data-to='" + result + "']";
            browser.waitFor(d -> d.findElements(By.cssSelector(drawn)).size() == 1 ? true : null, "the arrow drawn");
            other.waitFor(d -> d.findElements(By.cssSelector(drawn)).size() == 1 ? true : null, "the arrow shown to Bram");
            JsonNode arrow = null;
            for (var e : E2E.items(api, map, observer()).properties()) {
                if ("arrow".equals(e.getValue().path("kind").path("v").asText())) arrow = e.getValue();
            }
            assertTrue(arrow != null, "an arrow item on the board");
            assertEquals(activity, arrow.path("from").path("v").asText());
            assertEquals(result, arrow.path("to").path("v").asText());
            assertTrue(browser.find(By.cssSelector(".arrow-list")).getDomProperty("textContent").contains("Scan van de huidige situatie"),
                    "the arrow is in the list screen readers get");

            other.driver.navigate().refresh();
            E2E.openBoardTab(other, map);
            other.waitFor(d -> d.findElements(By.cssSelector(drawn)).size() == 1 ? true : null, "the arrow after a reload");
            assertEquals(List.of(), Axe.violations(other), "the change map with an arrow");
            Screenshots.save(browser, "methods-change-map-1400x1000");
        } finally {
            E2E.closeAll(other);
        }
    }

    @Test
    @DisplayName("Integrative method (IT-7): three people score three candidate actions in their own browsers; every browser shows the same totals and ranking, equal to GET /api/boards; the top action becomes a fiche")
    void integrativeTableScoredByThree() {
        String table = boardOf("integrative-criteria");
        Browser[] p = new Browser[2];
        try {
            E2E.join(browser, workshop.path("links").path("facilitator").asText(), null, "Fien");
            E2E.openBoardTab(browser, table);
            String[] actions = {"Wekelijks bewegingsmoment", "Buddy voor nieuwkomers", "Maandelijks teamoverleg"};
            for (int i = 0; i < actions.length; i++) writeIn(table, "candidate-" + (i + 1) + ".action", actions[i]);
            E2E.joinAll(p, workshop.path("links").path("participant").asText(), "Anna", "Bart");
            for (Browser b : p) E2E.openBoardTab(b, table);
            Browser[] people = {browser, p[0], p[1]};
            // Per person: row, criterion, score. Totals: row 1 = 10, row 2 = 7, row 3 = 8.
            String[][][] scores = {
                    {{"1", "probable", "3"}, {"1", "changeable", "3"}, {"2", "probable", "1"}, {"3", "probable", "2"}},
                    {{"1", "probable", "2"}, {"2", "reach", "3"}, {"2", "probable", "2"}, {"3", "changeable", "0"}},
                    {{"1", "changeable", "2"}, {"3", "probable", "3"}, {"3", "reach", "3"}, {"2", "changeable", "1"}}};
            for (int i = 0; i < people.length; i++) {
                for (String[] sc : scores[i]) {
                    By select = By.cssSelector("[data-score-cell='candidate-" + sc[0] + "." + sc[1] + "'] select");
                    people[i].waitFor(d -> d.findElements(select).size() == 1 ? true : null, "the score cell " + sc[0] + "." + sc[1]);
                    new Select(people[i].find(select)).selectByValue(sc[2]);
                }
            }
            Map<String, int[]> expected = Map.of("candidate-1", new int[]{10, 1}, "candidate-2", new int[]{7, 3}, "candidate-3", new int[]{8, 2});
            for (Browser b : people) {
                for (var e : expected.entrySet()) {
                    By total = By.cssSelector("[data-row-total='" + e.getKey() + "'][data-total='" + e.getValue()[0] + "'][data-rank='" + e.getValue()[1] + "']");
                    b.waitFor(d -> d.findElements(total).size() == 1 ? true : null, e.getKey() + " totals " + e.getValue()[0] + ", rank " + e.getValue()[1]);
                }
            }
            assertEquals("3", browser.find(By.cssSelector("[data-score-cell='candidate-1.probable'] select")).getDomProperty("value"),
                    "each person sees their own score in the select");
            assertEquals("2", p[0].find(By.cssSelector("[data-score-cell='candidate-1.probable'] select")).getDomProperty("value"));
            assertEquals("5", browser.find(By.cssSelector("[data-score-cell='candidate-1.probable']")).getDomAttribute("data-sum"));
            Map<String, Integer> fromNode = new java.util.TreeMap<>();
            for (var e : E2E.items(api, table, observer()).properties()) {
                String zone = e.getValue().path("zone").path("v").asText();
                if (!zone.endsWith(".action")) continue;
                int sum = 0;
                for (var f : e.getValue().properties()) if (f.getKey().contains(":") && !f.getKey().startsWith("vote:")) sum += f.getValue().path("v").asInt();
                fromNode.put(zone.substring(0, zone.indexOf('.')), sum);
            }
            assertEquals(Map.of("candidate-1", 10, "candidate-2", 7, "candidate-3", 8), fromNode, "the totals are the node's stored scores added up");
            assertEquals(List.of(), Axe.violations(browser), "the scored criteria table");
            Screenshots.save(browser, "methods-integrative-1400x1000");

            String top = noteIn(table, "candidate-1.action");
            new Actions(browser.driver).contextClick(E2E.note(browser, top)).perform();
            browser.find(By.cssSelector("#board-menu [data-menu=to-fiche]")).click();
            String list = "/api/workshops/" + workshop.path("id").asText() + "/fiches";
            browser.waitFor(d -> {
                for (JsonNode f : api.get(list, observer()).body().path("fiches")) if (actions[0].equals(f.path("title").asText())) return true;
                return null;
            }, "a fiche titled after the top action");
        } finally {
            E2E.closeAll(p);
        }
    }

    /** The one live note of a zone. */
    private static String noteIn(String board, String zone) {
        for (var e : E2E.items(api, board, observer()).properties()) {
            if (zone.equals(e.getValue().path("zone").path("v").asText()) && "note".equals(e.getValue().path("kind").path("v").asText())) return e.getKey();
        }
        throw new AssertionError("no note in " + zone);
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.properties().forEach(e -> out.add(e.getKey()));
        return out.stream().sorted().toList();
    }

    /** The live notes of a board as author → text. */
    private static Map<String, String> cards(String board) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (var e : E2E.items(api, board, observer()).properties()) {
            JsonNode it = e.getValue();
            if (it.path("deleted").path("v").asBoolean(false) || !"note".equals(it.path("kind").path("v").asText())) continue;
            out.put(it.path("author").path("v").asText(), it.path("text").path("v").asText());
        }
        return out;
    }

    /** A note with {@code text} made in {@code zone} through the browser, checked in GET /api/boards. */
    private static void writeIn(String board, String zone, String text) {
        String item = E2E.createNoteIn(browser, zone);
        E2E.type(browser, text);
        browser.waitFor(d -> zone.equals(E2E.items(api, board, observer()).path(item).path("zone").path("v").asText())
                && text.equals(E2E.items(api, board, observer()).path(item).path("text").path("v").asText()), text + " in " + zone);
    }
}
