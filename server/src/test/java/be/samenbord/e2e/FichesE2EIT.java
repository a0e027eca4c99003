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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Action fiches in a real browser: a priority-actions board filled over a real WebSocket is
 * converted with the toolbar button, the action plan lists the fiches, two browsers edit one fiche
 * at once, the SMART panel follows what is filled, and converting again makes no duplicates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class FichesE2EIT {

    static final int ROWS = 5;
    /** Column zone of the priority-actions table → fiche field it feeds, and the text put there. */
    static final Map<String, String[]> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("title", new String[]{"title", "Actie %d titel"});
        COLUMNS.put("target-group", new String[]{"targetGroup", "Doelgroep %d"});
        COLUMNS.put("impact", new String[]{"intendedImpact", "Minder werkdruk %d"});
        COLUMNS.put("results", new String[]{"resultsShort", "Zichtbaar resultaat %d"});
        COLUMNS.put("driver", new String[]{"driver", "Trekker %d"});
    }

    static NodeProcess node;
    static Api api;
    static Browser a;
    static Browser b;
    static JsonNode workshop;
    static String board;
    /** Fiche id by row number, from the first conversion. */
    static final Map<Integer, String> fiches = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Actieplan welzijn", "priority-actions", "three-b", "windroos");
        board = boardOf("priority-actions");
        fillRows();
        a = Browser.start();
        b = Browser.start();
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(a, b, node);
    }

    static String boardOf(String template) {
        return Api.boardOf(workshop, template);
    }

    static String link(String role) {
        return workshop.path("links").path(role).asText();
    }

    static String token(String role) {
        return workshop.path("tokens").path(role).asText();
    }

    static String workshopId() {
        return workshop.path("id").asText();
    }

    /**
     * Fills the 5 x 5 table fast, over a real WebSocket: one note per cell (placed inside it, as the
     * board would), one acked batch per note.
     */
    static void fillRows() {
        Map<String, JsonNode> shapes = new LinkedHashMap<>();
        for (JsonNode z : api.get("/api/templates/priority-actions", null).body().path("zones")) shapes.put(z.path("id").asText(), z.path("shape"));
        String replica = "e2e-fiche-filler";
        OpsBuilder ops = new OpsBuilder(replica);
        try (WsClient ws = WsClient.connect(node.base())) {
            ws.join(token("participant"), board, replica, "Vuller");
            for (int n = 1; n <= ROWS; n++) {
                for (Map.Entry<String, String[]> col : COLUMNS.entrySet()) {
                    String zone = "action-" + n + "." + col.getKey();
                    JsonNode shape = shapes.get(zone);
                    String item = "row" + n + "-" + col.getKey();
                    String batch = "fill-" + item;
                    ws.send(OpsBuilder.batch(batch, ops.op(item, "kind", "note"), ops.op(item, "text", String.format(col.getValue()[1], n)),
                            ops.op(item, "zone", zone), ops.op(item, "x", shape.path("x").asInt() + 12), ops.op(item, "y", shape.path("y").asInt() + 70),
                            ops.op(item, "w", shape.path("w").asInt() - 24), ops.op(item, "h", shape.path("h").asInt() - 82),
                            ops.op(item, "color", "#fff3b0"), ops.op(item, "z", "a" + n + col.getKey().charAt(0))));
                    ws.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals(batch));
                }
            }
        }
    }

    static String value(Browser who, String field) {
        return who.find(By.cssSelector("#fiche-editor [data-field='" + field + "']")).getDomProperty("value");
    }

    static void awaitValue(Browser who, String field, String expected) {
        who.waitFor(d -> expected.equals(value(who, field)), field + " = " + expected);
    }

    static String badge(Browser who, String rule) {
        return who.find(By.cssSelector("#smart-panel .smart-badge[data-rule='" + rule + "']")).getDomAttribute("data-met");
    }

    static void awaitBadge(Browser who, String rule, boolean met) {
        who.waitFor(d -> String.valueOf(met).equals(badge(who, rule)), "SMART " + rule + " " + met);
    }

    static JsonNode ficheItem(String ficheId) {
        return E2E.items(api, ficheId, token("observer")).path("fiche");
    }

    static JsonNode listed() {
        Api.Reply r = api.get("/api/workshops/" + workshopId() + "/fiches", token("observer"));
        assertEquals(200, r.status(), r.text());
        return r.body().path("fiches");
    }

    /** Clicks the toolbar button and waits for the announcement "N fiches (M nieuw)". */
    static void convert(Browser who, String expectedAnnouncement) {
        WebElement button = who.find(By.id("convert-fiches"));
        assertTrue(button.isEnabled(), "a priority-actions board converts its rows without a selection");
        String before = who.find(By.id("announcer")).getText();
        button.click();
        String said = who.waitFor(d -> {
            String now = d.findElement(By.id("announcer")).getText();
            return now.isEmpty() || now.equals(before) ? null : now;
        }, "an announcement after converting");
        assertEquals(expectedAnnouncement, said);
        assertTrue(who.find(By.id("open-action-plan")).isDisplayed());
    }

    static void openPlanFromBoard(Browser who) {
        who.find(By.id("open-action-plan")).click();
        who.find(By.cssSelector("#action-plan"));
        who.waitFor(d -> "false".equals(d.findElement(By.id("action-plan")).getDomAttribute("aria-busy")), "action plan loaded");
    }

    static void openFiche(Browser who, String ficheId) {
        who.find(By.cssSelector("button[data-open-fiche='" + ficheId + "']")).click();
        who.waitFor(d -> ficheId.equals(d.findElement(By.id("fiche-editor")).getDomAttribute("data-fiche-id")), "fiche " + ficheId);
        E2E.awaitStatus(who, "connected");
    }

    @Test
    @Order(1)
    @DisplayName("A filled priority-actions board converts with the toolbar button into 5 fiches that carry the rows' values")
    void convertRows() {
        E2E.join(a, link("facilitator"), null, "Anna");
        assertEquals(board, a.find(By.id("board")).getDomAttribute("data-board-id"));
        a.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == ROWS * COLUMNS.size(), "the 25 notes of the table");
        assertTrue(a.driver.findElements(By.cssSelector("[data-board-tab][data-template='action-fiche']")).isEmpty(), "no tabs for fiches");

        convert(a, "5 fiches (5 nieuw)");
        openPlanFromBoard(a);
        assertEquals("page", a.find(By.cssSelector("button[data-board-tab='action-plan']")).getDomAttribute("aria-current"));
        a.waitFor(d -> d.findElements(By.cssSelector("#action-plan tr[data-fiche]")).size() == ROWS, "5 fiches in the plan");

        Set<String> titles = new TreeSet<>();
        for (WebElement row : a.driver.findElements(By.cssSelector("#action-plan tr[data-fiche]"))) {
            String title = row.findElement(By.cssSelector("th")).getText();
            titles.add(title);
            int n = Integer.parseInt(title.replaceAll("\\D+", ""));
            fiches.put(n, row.getDomAttribute("data-fiche"));
            assertEquals("Trekker " + n, row.findElement(By.cssSelector(".plan-driver")).getText(), "SU-9: the driver column");
            assertEquals(5, row.findElements(By.cssSelector(".smart-badge[data-rule][data-met]")).size(), "five SMART badges");
            assertEquals("true", row.findElement(By.cssSelector(".smart-badge[data-rule='specific']")).getDomAttribute("data-met"),
                    "title, target group and impact make a row specific");
            assertEquals("false", row.findElement(By.cssSelector(".smart-badge[data-rule='measurable']")).getDomAttribute("data-met"));
            assertFalse(row.findElements(By.cssSelector("button[data-open-fiche='" + row.getDomAttribute("data-fiche") + "']")).isEmpty());
        }
        assertEquals(new TreeSet<>(List.of("Actie 1 titel", "Actie 2 titel", "Actie 3 titel", "Actie 4 titel", "Actie 5 titel")), titles);
        for (String id : fiches.values()) {
            assertFalse(a.driver.findElements(By.cssSelector("[data-board-tab='" + id + "']")).size() > 0, "fiche " + id + " has no tab");
        }
        List<String> planViolations = Axe.violations(a);
        assertTrue(planViolations.isEmpty(), "action plan: " + planViolations);

        openFiche(a, fiches.get(3));
        for (Map.Entry<String, String[]> col : COLUMNS.entrySet()) {
            awaitValue(a, col.getValue()[0], String.format(col.getValue()[1], 3));
        }
        assertTrue(a.find(By.id("fiche-heading")).getText().contains("Actie 3 titel"));
        assertEquals(21, a.driver.findElements(By.cssSelector("#fiche-editor section[data-section]:not([data-section='balance'])")).size());
        assertTrue(a.driver.getCurrentUrl().contains("board=" + fiches.get(3)), "the URL names the open fiche");
        List<String> editorViolations = Axe.violations(a);
        assertTrue(editorViolations.isEmpty(), "fiche editor: " + editorViolations);
    }

    @Test
    @Order(2)
    @DisplayName("The SMART panel follows the fields: measurable after indicators and instruments, time-bound after a dated step")
    void smartPanelIsLive() {
        String id = fiches.get(3);
        if (a.driver.findElements(By.cssSelector("#fiche-editor[data-fiche-id='" + id + "']")).isEmpty()) {
            E2E.join(a, link("facilitator") + "&board=" + id, null, "Anna");
        }
        awaitBadge(a, "specific", true);
        awaitBadge(a, "measurable", false);
        awaitBadge(a, "timeBound", false);
        assertTrue(a.find(By.cssSelector("#smart-panel .smart-hint-list")).getText().contains("Meetbaar"), "the hint names what is missing");

        a.find(By.cssSelector("textarea[data-field='indicators']")).sendKeys("Ervaren werkdruk in de bevraging");
        awaitBadge(a, "measurable", false);
        a.find(By.cssSelector("textarea[data-field='instruments']")).sendKeys("Jaarlijkse online vragenlijst");
        awaitBadge(a, "measurable", true);

        a.find(By.id("add-step")).click();
        WebElement step = a.find(By.cssSelector("#fiche-editor li[data-step]"));
        String stepId = step.getDomAttribute("data-step");
        WebElement text = step.findElement(By.cssSelector("input[type=text]"));
        text.sendKeys("Startvergadering met het kernteam");
        awaitBadge(a, "timeBound", false);
        // A date input's typing format depends on the browser's locale: set the ISO value as a picker would.
        a.js("const el = arguments[0]; el.focus(); el.value = '2026-09-15'; el.dispatchEvent(new Event('input', {bubbles: true}));"
                + "el.dispatchEvent(new Event('change', {bubbles: true}));", step.findElement(By.cssSelector("input[type=date]")));
        awaitBadge(a, "timeBound", true);

        // SU-9: the sticky jump links reach a section far down by keyboard, the URL keeps its fragment.
        String url = a.driver.getCurrentUrl();
        WebElement jump = a.find(By.cssSelector("#fiche-toc a[data-toc='communication']"));
        a.js("arguments[0].focus()", jump);
        jump.sendKeys(org.openqa.selenium.Keys.ENTER);
        a.waitFor(d -> "section-communication-title".equals(a.js("return document.activeElement.id")) ? true : null, "focus on section 18's heading");
        assertEquals(url, a.driver.getCurrentUrl(), "a jump does not change the URL (it holds the token)");
        Number tocTop = (Number) a.js("return document.getElementById('fiche-toc').getBoundingClientRect().top");
        Number headingTop = (Number) a.js("return document.getElementById('section-communication-title').getBoundingClientRect().top");
        assertTrue(tocTop.doubleValue() >= -1 && tocTop.doubleValue() < 80, "the links stay at the top: " + tocTop);
        assertTrue(headingTop.doubleValue() > tocTop.doubleValue() && headingTop.doubleValue() < 300, "the section is in view below them: " + headingTop);
        Screenshots.save(a, "fiche-toc-jump");

        a.waitFor(d -> "2026-09-15".equals(E2E.items(api, id, token("observer")).path(stepId).path("date").path("v").asText()), "the step's date on the server");
        a.waitFor(d -> {
            for (JsonNode f : listed()) {
                if (f.path("id").asText().equals(id)) {
                    return f.path("smart").path("measurable").asBoolean() && f.path("smart").path("timeBound").asBoolean() ? Boolean.TRUE : null;
                }
            }
            return null;
        }, "the server's SMART check agrees");
    }

    @Test
    @Order(3)
    @DisplayName("Two browsers type in different fields of one fiche at once: both edits survive everywhere")
    void twoBrowsersEditOneFiche() {
        String id = fiches.get(1);
        // A goes there through the plan, B through a link that names the fiche (as after a reload).
        a.find(By.cssSelector("button[data-board-tab='action-plan']")).click();
        openFiche(a, id);
        E2E.join(b, link("participant") + "&board=" + id, null, "Bert");
        b.waitFor(d -> id.equals(d.findElement(By.id("fiche-editor")).getDomAttribute("data-fiche-id")), "B has the fiche open");
        awaitValue(b, "title", "Actie 1 titel");

        WebElement need = a.find(By.cssSelector("textarea[data-field='need']"));
        WebElement indicators = b.find(By.cssSelector("textarea[data-field='indicators']"));
        String[] wordsA = {"Veel", "ziekteverzuim", "door", "hoge", "werkdruk"};
        String[] wordsB = {"Verzuimcijfers", "per", "kwartaal", "en", "bevraging"};
        for (int i = 0; i < wordsA.length; i++) {
            need.sendKeys((i == 0 ? "" : " ") + wordsA[i]);
            indicators.sendKeys((i == 0 ? "" : " ") + wordsB[i]);
        }
        String needText = String.join(" ", wordsA);
        String indicatorsText = String.join(" ", wordsB);
        awaitValue(a, "need", needText);
        awaitValue(b, "indicators", indicatorsText);
        // Each sees the other's field live, while typing in its own.
        b.waitFor(d -> needText.equals(value(b, "need")), "B sees A's need", Duration.ofSeconds(5));
        a.waitFor(d -> indicatorsText.equals(value(a, "indicators")), "A sees B's indicators", Duration.ofSeconds(5));
        a.waitFor(d -> {
            JsonNode fiche = ficheItem(id);
            return needText.equals(fiche.path("need").path("v").asText()) && indicatorsText.equals(fiche.path("indicators").path("v").asText())
                    ? Boolean.TRUE : null;
        }, "both edits in GET /api/boards/" + id);
        assertEquals("Actie 1 titel", ficheItem(id).path("title").path("v").asText(), "the converted title is untouched");

        // The status select goes out as well and shows in the plan.
        new Select(a.find(By.id("fiche-status"))).selectByValue("ready");
        b.waitFor(d -> "ready".equals(d.findElement(By.id("fiche-status")).getDomProperty("value")), "B sees the status");
    }

    @Test
    @Order(4)
    @DisplayName("Converting again yields the same 5 fiches, no duplicates; the plan exports with a progress bar")
    void convertingAgainMakesNoDuplicates() {
        a.find(By.cssSelector("button[data-board-tab='" + board + "']")).click();
        a.waitFor(d -> board.equals(d.findElement(By.id("board")).getDomAttribute("data-board-id")), "back on the board");
        E2E.awaitStatus(a, "connected");
        convert(a, "5 fiches (0 nieuw)");
        openPlanFromBoard(a);
        a.waitFor(d -> d.findElements(By.cssSelector("#action-plan tr[data-fiche]")).size() == ROWS, "still 5 fiches in the plan");
        Set<String> shown = new HashSet<>();
        for (WebElement row : a.driver.findElements(By.cssSelector("#action-plan tr[data-fiche]"))) shown.add(row.getDomAttribute("data-fiche"));
        assertEquals(new HashSet<>(fiches.values()), shown, "the same fiche ids");
        JsonNode list = listed();
        assertEquals(ROWS, list.size(), list.toString());
        WebElement row1 = a.find(By.cssSelector("#action-plan tr[data-fiche='" + fiches.get(1) + "']"));
        assertEquals("true", row1.findElement(By.cssSelector(".smart-badge[data-rule='specific']")).getDomAttribute("data-met"));
        assertTrue(row1.findElement(By.cssSelector(".plan-status")).getText().contains("Klaar"), row1.getText());
        WebElement row3 = a.find(By.cssSelector("#action-plan tr[data-fiche='" + fiches.get(3) + "']"));
        assertEquals("2026-09-15", row3.findElement(By.cssSelector(".plan-first-date time")).getDomAttribute("datetime"), "SU-9: the first date column");
        assertTrue(row3.findElement(By.cssSelector(".plan-first-date")).getText().contains("Startvergadering"), row3.getText());

        a.find(By.cssSelector("button[data-export='md']")).click();
        a.waitFor(d -> {
            String state = d.findElement(By.id("export-progress")).getDomAttribute("data-state");
            return "done".equals(state) || "error".equals(state) ? state : null;
        }, "the export finished");
        assertEquals("done", a.find(By.id("export-progress")).getDomAttribute("data-state"), a.find(By.id("export-error")).getText());
        WebElement progress = a.find(By.id("export-progress"));
        assertEquals(progress.getDomProperty("max"), progress.getDomProperty("value"), "the bar is full");
        assertTrue(a.find(By.id("export-status")).getText().endsWith(".md"), a.find(By.id("export-status")).getText());
    }

    @Test
    @Order(5)
    @DisplayName("An observer sees the fiche read-only and has no convert button")
    void observerReadsOnly() {
        String id = fiches.get(1);
        E2E.join(b, link("observer"), null, "Olga");
        assertTrue(b.driver.findElements(By.id("convert-fiches")).isEmpty(), "no convert button for observers");
        b.find(By.cssSelector("button[data-board-tab='action-plan']")).click();
        openFiche(b, id);
        assertEquals("true", b.find(By.id("fiche-editor")).getDomAttribute("data-readonly"));
        assertTrue(b.find(By.cssSelector("textarea[data-field='need']")).getDomProperty("readOnly").equals("true"));
        assertTrue(b.driver.findElements(By.id("add-step")).isEmpty());
        awaitValue(b, "need", "Veel ziekteverzuim door hoge werkdruk");
        List<String> violations = Axe.violations(b);
        assertTrue(violations.isEmpty(), "read-only fiche editor: " + violations);

        // English on switch, with the labels from the spec.
        b.find(By.id("lang-switch")).click();
        b.waitFor(d -> "Action plan".equals(d.findElement(By.cssSelector("button[data-board-tab='action-plan']")).getText()), "English tab");
        assertEquals("1. Need", b.find(By.cssSelector("section[data-section='need'] h3")).getText());
        assertEquals("Specific", b.find(By.cssSelector("#smart-panel .smart-badge[data-rule='specific'] .smart-label")).getText());
        assertEquals("Ready for review", new Select(b.find(By.id("fiche-status"))).getFirstSelectedOption().getText());
        b.find(By.id("lang-switch")).click();
        b.waitFor(d -> "Actieplan".equals(d.findElement(By.cssSelector("button[data-board-tab='action-plan']")).getText()), "Dutch again");
    }

    @Test
    @Order(6)
    @DisplayName("On another board the button converts the selected notes, and explains itself while nothing is selected")
    void selectedNotesConvert() {
        E2E.join(a, link("participant"), null, "Anna");
        E2E.openBoardTab(a, boardOf("windroos"));
        assertTrue(a.driver.findElements(By.id("convert-fiches")).isEmpty(), "a template without conversion rules offers no button");

        String threeB = boardOf("three-b");
        E2E.openBoardTab(a, threeB);
        WebElement button = a.find(By.id("convert-fiches"));
        assertFalse(button.isEnabled(), "nothing selected yet");
        assertTrue(a.find(By.id("convert-hint")).isDisplayed(), "the reason is shown");
        assertEquals("convert-hint", button.getDomAttribute("aria-describedby"));

        String note = E2E.createNoteIn(a, "achieve-long");
        E2E.type(a, "Mentorschap voor nieuwe collega's");
        a.waitFor(d -> d.findElement(By.id("convert-fiches")).isEnabled(), "the new note is selected");
        convert(a, "1 fiche (1 nieuw)");
        openPlanFromBoard(a);
        a.waitFor(d -> d.findElements(By.cssSelector("#action-plan tr[data-fiche]")).size() == ROWS + 1, "6 fiches in the plan");
        assertTrue(a.find(By.id("action-plan")).getText().contains("Mentorschap voor nieuwe collega's"));
        assertEquals(ROWS + 1, listed().size());
        assertTrue(E2E.items(api, threeB, token("observer")).has(note));
    }
}
