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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's must-show as one training of seed 003 in real Chromium: one facilitator and four
 * participants, each in their own browser, on one node process. Check-in round, two windroos
 * quadrant breakouts with the same groups (the first ended by its timer), private writing, three
 * themes, a vote on themes, the top theme carried into the 5 priority actions and into a fiche, and
 * the session summary with its PDF.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class TrainingE2EIT {

    static final Duration SLOW = Duration.ofSeconds(30);
    static final String[] NAMES = {"Anna", "Bram", "Chloë", "Dirk"};
    static final String[] ANSWERS = {"Nieuwsgierig", "Moe maar blij", "Klaar voor vandaag", "Benieuwd naar de acties"};
    static final String TOP_THEME = "Roosters en planning";
    static final String DRIVER = "Ilse Peeters";

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String windroos;
    static String threeB;
    static String actions;
    static Browser f;
    static final Browser[] p = new Browser[4];
    static final Map<String, String> replicaOf = new HashMap<>();
    static final List<String> themes = new ArrayList<>();
    static String fiche;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Training welzijn: van check-in tot actieplan", "windroos", "three-b", "priority-actions");
        windroos = boardOf("windroos");
        threeB = boardOf("three-b");
        actions = boardOf("priority-actions");
        f = Browser.start();
        f.viewport(1280, 720, false);
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        E2E.joinAll(p, workshop.path("links").path("participant").asText(), NAMES);
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, p[0], p[1], p[2], p[3], node);
    }

    static String boardOf(String template) {
        return Api.boardOf(workshop, template);
    }

    static String token(String role) {
        return workshop.path("tokens").path(role).asText();
    }

    static JsonNode room() {
        return E2E.items(api, workshop.path("room").asText(), token("observer"));
    }

    /** Live notes of a board, optionally only those in one zone. */
    static long notes(String board, String zone) {
        long n = 0;
        for (JsonNode item : E2E.items(api, board, token("observer"))) {
            if (item.path("deleted").path("v").asBoolean(false) || !"note".equals(item.path("kind").path("v").asText())) continue;
            if (zone == null || zone.equals(item.path("zone").path("v").asText())) n++;
        }
        return n;
    }

    static long remainingMs(Browser b) {
        var timer = b.driver.findElements(By.id("timer"));
        String ms = timer.isEmpty() ? null : timer.get(0).getDomAttribute("data-remaining-ms");
        return ms == null || ms.isEmpty() ? -1 : Long.parseLong(ms);
    }

    static void awaitEveryoneOn(String view, String why) {
        for (int i = 0; i < p.length; i++) {
            Browser b = p[i];
            b.waitFor(d -> view.equals(E2E.openView(b)) ? true : null, NAMES[i] + " " + why, SLOW);
        }
    }

    static void awaitEveryoneSeesAllQuadrants(String why) {
        for (int i = 0; i < p.length; i++) {
            Browser b = p[i];
            b.waitFor(d -> windroos.equals(E2E.openView(b)) && FacilitationControlsE2EIT.allQuadrantsInView(b) ? true : null,
                    NAMES[i] + " sees all four quadrants " + why, SLOW);
        }
    }

    @Test
    @Order(1)
    @DisplayName("Check-in round: every answer shows in the round for everyone, and no work board gains a note")
    void checkInRound() {
        f.find(By.cssSelector("[data-board-tab='room']")).click();
        f.waitFor(d -> d.findElements(By.cssSelector("[data-person]")).size() == 4 ? true : null, "four participants in the room", SLOW);
        for (WebElement person : f.driver.findElements(By.cssSelector("[data-person]"))) {
            for (String name : NAMES) if (person.getText().contains(name)) replicaOf.put(name, person.getDomAttribute("data-person"));
        }
        assertEquals(4, replicaOf.size(), "every participant listed by name: " + replicaOf);
        new Select(f.find(By.id("round-kind"))).selectByValue("check-in");
        E2E.fill(f, "round-prompt", "Hoe kom je binnen vandaag?");
        f.find(By.id("round-start")).click();
        for (int i = 0; i < p.length; i++) {
            p[i].find(By.id("round-answer")).sendKeys(ANSWERS[i]);
            p[i].find(By.id("round-answer-add")).click();
        }
        String answers = "const e = document.getElementById('round-answers'); return e ? e.textContent : '';";
        for (Browser b : new Browser[]{f, p[0], p[3]}) {
            b.waitFor(d -> {
                String shown = String.valueOf(b.js(answers));
                for (int i = 0; i < NAMES.length; i++) if (!shown.contains(NAMES[i] + ": " + ANSWERS[i])) return null;
                return true;
            }, "all four answers in the round", SLOW);
        }
        Screenshots.save(p[0], "training-check-in-participant");
        for (String board : List.of(windroos, threeB, actions)) assertEquals(0, notes(board, null), "no note on work board " + board);
        f.find(By.id("round-end")).click();
    }

    @Test
    @Order(2)
    @DisplayName("Windroos breakout ended by its timer: the node closes it, the overview counted each group's notes, all quadrants in view; a stopped and restarted timer pulls nobody back")
    void quadrantBreakoutEndedByItsTimer() {
        for (int i = 0; i < NAMES.length; i++) {
            new Select(f.find(By.cssSelector("select[data-assign='" + replicaOf.get(NAMES[i]) + "']"))).selectByValue(i < 2 ? "1" : "2");
        }
        new Select(f.find(By.id("breakout-mode"))).selectByValue("zones");
        new Select(f.find(By.id("breakout-board"))).selectByValue(windroos);
        new Select(f.find(By.id("breakout-zone-1"))).selectByValue("south");
        new Select(f.find(By.id("breakout-zone-2"))).selectByValue("west");
        E2E.fill(f, "breakout-seconds", "0:40");
        f.find(By.id("breakout-start")).click();
        awaitEveryoneOn(windroos, "on the windroos");

        // Anna writes two notes and Bram one in the south; Chloë one in the west, Dirk none.
        int[] written = {2, 1, 1, 0};
        String[] zoneOf = {"south", "south", "west", "west"};
        // Spots apart within the quadrant: a double-click on a note would open it instead.
        int[][][] spots = {{{-150, 0}, {150, 0}}, {{0, 110}}, {{0, 0}}, {}};
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < written[i]; k++) {
                int[] at = E2E.zonePoint(p[i], zoneOf[i]);
                new Actions(p[i].driver).moveToLocation(at[0] + spots[i][k][0], at[1] + spots[i][k][1]).doubleClick().perform();
                E2E.type(p[i], NAMES[i] + " in het " + zoneOf[i] + " " + k);
            }
            E2E.awaitStatus(p[i], "connected");
        }
        // The facilitator's overview counts what each group wrote, as the node holds it.
        for (String[] g : new String[][]{{"group-1", "south", "3", "2/2"}, {"group-2", "west", "1", "1/2"}}) {
            assertEquals(Long.parseLong(g[2]), notes(windroos, g[1]), "the node holds group " + g[0] + "'s notes");
            f.waitFor(d -> {
                Object line = f.js("const e = document.querySelector(\"#overview [data-overview$='/\" + arguments[0] + \"'] summary\");"
                        + " return e ? e.textContent : null;", g[0]);
                return line != null && line.toString().contains(g[2] + (g[2].equals("1") ? " notitie" : " notities"))
                        && line.toString().contains(g[3] + " klaar") ? true : null;
            }, "the overview of " + g[0] + " says " + g[2] + " notes and " + g[3] + " done", SLOW);
        }
        // The overview sits below the breakout controls: bring it into view so the picture shows the counts.
        f.js("document.getElementById('overview').scrollIntoView({block: 'start'});");
        f.waitFor(d -> Boolean.TRUE.equals(f.js("const s = [...document.querySelectorAll('#overview summary')];"
                + " return s.length >= 2 && s.every(e => { const r = e.getBoundingClientRect();"
                + " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; });")) ? true : null,
                "every group's overview line in view");
        Screenshots.save(f, "training-overview-1280x720");

        // Nobody ends it: the node does when the timer runs out.
        f.waitFor(d -> !room().path("breakout").path("active").path("v").asBoolean(true) ? true : null,
                "the node closed the breakout at the timer's end", Duration.ofSeconds(60));
        awaitEveryoneSeesAllQuadrants("after the timer ended the breakout");
        Screenshots.save(p[1], "training-assembled-windroos-participant");

        // The timer stopped, then a new one: nobody is pulled back into a group.
        f.find(By.id("timer-stop")).click();
        E2E.fill(f, "timer-time", "1:00");
        f.find(By.id("timer-start")).click();
        for (int i = 0; i < p.length; i++) {
            Browser b = p[i];
            long seen = b.waitFor(d -> remainingMs(b) > 30_000 ? remainingMs(b) : null, "the new timer shown", SLOW);
            b.waitFor(d -> remainingMs(b) <= seen - 1_000 ? true : null, "a second of the countdown", SLOW);
            assertTrue(FacilitationControlsE2EIT.allQuadrantsInView(b), NAMES[i] + " still sees the whole windroos, not a quadrant");
        }
        assertFalse(room().path("breakout").path("active").path("v").asBoolean(true), "the new timer reopened nothing");
        f.find(By.id("timer-stop")).click();
    }

    @Test
    @Order(3)
    @DisplayName("A second breakout with the same groups, started without re-assigning anyone; after it everyone sees all four quadrants")
    void secondBreakoutSameGroups() {
        assertEquals("zones", new Select(f.find(By.id("breakout-mode"))).getFirstSelectedOption().getAttribute("value"), "the mode is kept");
        f.find(By.id("breakout-seconds")).clear();
        f.find(By.id("breakout-start")).click();
        JsonNode r = f.waitFor(d -> room().path("breakout").path("active").path("v").asBoolean() ? room() : null, "the second breakout", SLOW);
        for (int i = 0; i < NAMES.length; i++) {
            String group = i < 2 ? "group-1" : "group-2";
            List<String> members = new ArrayList<>();
            r.path(group).path("members").path("v").forEach(m -> members.add(m.asText()));
            assertTrue(members.contains(replicaOf.get(NAMES[i])), NAMES[i] + " is in " + group + " again: " + members);
        }
        assertTrue(f.find(By.id("breakout-error")).getText().isEmpty(), "no error");
        f.find(By.id("breakout-end")).click();
        awaitEveryoneSeesAllQuadrants("after the second breakout");
    }

    @Test
    @Order(4)
    @DisplayName("Private writing, reveal, three themes, a vote on themes; the top theme carried into row 1 of the 5 priority actions and converted into a fiche")
    void themesVoteCarryAndFiche() {
        E2E.openBoardTab(f, threeB);
        for (Browser b : p) E2E.openBoardTab(b, threeB);
        E2E.openPanel(f);
        f.find(By.id("board-private-start")).click();
        for (Browser b : p) b.waitFor(d -> d.findElements(By.id("private-banner")).isEmpty() ? null : true, "private writing on", SLOW);
        E2E.closePanel(f);
        String[][] texts = {{"Samen de planning maken", "keep"}, {"Roosters vroeger delen", "drop"}, {"Pauzes echt nemen", "achieve-short"},
                {"Rustige pauzeruimte", "achieve-long"}};
        String[] note = new String[4];
        for (int i = 0; i < p.length; i++) {
            note[i] = E2E.createNoteIn(p[i], texts[i][1]);
            E2E.type(p[i], texts[i][0]);
            E2E.awaitStatus(p[i], "connected");
        }
        assertFalse(p[1].driver.getPageSource().contains(texts[0][0]), "Bram does not see Anna's note while writing privately");
        E2E.openPanel(f);
        f.find(By.id("board-reveal")).click();
        E2E.closePanel(f);
        f.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == 4 ? true : null, "four notes after the reveal", SLOW);

        E2E.dragOnto(f, note[1], ".note[data-item='" + note[0] + "']");
        themes.add(E2E.nameNewTheme(f, TOP_THEME));
        new Actions(f.driver).contextClick(E2E.note(f, note[2])).perform();
        f.find(By.cssSelector("#board-menu [data-menu=group]")).click();
        themes.add(E2E.nameNewTheme(f, "Pauzes"));
        new Actions(f.driver).contextClick(E2E.note(f, note[3])).perform();
        f.find(By.cssSelector("#board-menu [data-menu=group]")).click();
        themes.add(E2E.nameNewTheme(f, "Ruimte"));
        for (Browser b : p) b.waitFor(d -> d.findElements(By.cssSelector(".theme-frame")).size() == 3 ? true : null, "three themes", SLOW);

        E2E.openPanel(f);
        new Select(f.find(By.id("vote-on"))).selectByValue("themes");
        E2E.fill(f, "vote-dots", "2");
        f.find(By.id("vote-start")).click();
        for (int i = 0; i < p.length; i++) {
            String theme = themes.get(i == 3 ? 1 : 0);
            p[i].find(By.cssSelector("[data-vote-add='" + theme + "']")).click();
            Browser b = p[i];
            b.waitFor(d -> "1".equals(d.findElement(By.cssSelector(".theme-frame[data-theme='" + theme + "'] .theme-my-dots")).getDomAttribute("data-count"))
                    ? true : null, "own dot on the theme");
            E2E.awaitStatus(p[i], "connected");
        }
        f.find(By.id("vote-close")).click();
        f.waitFor(d -> "3".equals(d.findElement(By.cssSelector(".theme-frame[data-theme='" + themes.get(0) + "']")).getDomAttribute("data-votes"))
                ? true : null, "three dots on the top theme", SLOW);
        E2E.closePanel(f);

        f.find(By.cssSelector("[data-theme-carry='" + themes.get(0) + "']")).click();
        new Select(f.find(By.id("carry-row"))).selectByValue("1");
        f.find(By.id("carry-go")).click();
        f.waitFor(d -> d.findElements(By.id("carry-dialog")).isEmpty() ? true : null, "carried", SLOW);
        // Anna names the driver in row 1, as the group agrees.
        E2E.openBoardTab(p[0], actions);
        E2E.createNoteIn(p[0], "action-1.driver");
        E2E.type(p[0], DRIVER);
        E2E.awaitStatus(p[0], "connected");
        E2E.openBoardTab(f, actions);
        f.find(By.id("convert-fiches")).click();
        f.waitFor(d -> d.findElement(By.id("convert-result")).getText().isBlank() ? null : true, "converted", SLOW);
        JsonNode list = api.get("/api/workshops/" + workshop.path("id").asText() + "/fiches", token("observer")).body().path("fiches");
        assertEquals(1, list.size(), list.toString());
        assertEquals(TOP_THEME, list.get(0).path("title").asText(), "the fiche is the top theme");
        assertEquals(DRIVER, list.get(0).path("driver").asText(), "with its driver");
        fiche = list.get(0).path("id").asText();

        // A first dated step in the fiche editor.
        f.find(By.cssSelector("button[data-board-tab='action-plan']")).click();
        f.find(By.cssSelector("button[data-open-fiche='" + fiche + "']")).click();
        f.find(By.id("add-step")).click();
        WebElement step = f.waitFor(d -> d.findElements(By.cssSelector("li[data-step]")).stream().findFirst().orElse(null), "a step");
        step.findElement(By.cssSelector("input[type=text]")).sendKeys("Roosteroverleg plannen");
        f.js("const i = arguments[0]; i.value = '2027-01-15'; i.dispatchEvent(new Event('input', {bubbles: true}));"
                + " i.dispatchEvent(new Event('change', {bubbles: true}));", step.findElement(By.cssSelector("input[type=date]")));
        E2E.awaitStatus(f, "connected");
        f.waitFor(d -> E2E.items(api, fiche, token("observer")).toString().contains("2027-01-15") ? true : null, "the dated step stored", SLOW);
    }

    @Test
    @Order(5)
    @DisplayName("Session summary: the round answers, the top theme and the fiche with driver and date, on the page and in its PDF")
    void sessionSummaryAndPdf() throws Exception {
        f.find(By.cssSelector("button[data-board-tab='summary']")).click();
        f.waitFor(d -> "false".equals(d.findElement(By.id("summary")).getDomAttribute("aria-busy")) ? true : null, "the summary loaded");
        String rounds = f.find(By.id("summary-rounds")).getText();
        String json = api.get("/api/workshops/" + workshop.path("id").asText() + "/summary", token("observer")).text();
        for (String a : ANSWERS) assertTrue(rounds.contains(a), "the round answer '" + a + "' in the summary: " + rounds + "; the node says " + json + "; the room holds " + room());
        WebElement top = f.find(By.cssSelector(".summary-board[data-board='" + threeB + "'] ol.summary-top li"));
        assertEquals("theme", top.getDomAttribute("data-kind"));
        assertTrue(top.getText().startsWith("Thema: " + TOP_THEME + " (3 stippen)"), "the top theme first: " + top.getText());
        WebElement row = f.find(By.cssSelector("#summary-plan tr[data-fiche='" + fiche + "']"));
        assertEquals(DRIVER, row.findElement(By.cssSelector(".plan-driver")).getText());
        assertEquals("2027-01-15", row.findElement(By.cssSelector(".plan-first-date time")).getDomAttribute("datetime"));
        assertEquals(List.of(), Axe.violations(f), "the summary: no moderate, serious or critical accessibility violations");
        Screenshots.save(f, "training-summary-1280x720");

        Path downloads = f.downloads();
        f.find(By.cssSelector("button[data-summary-download='pdf']")).click();
        Path pdf = f.waitFor(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(x -> x.toString().endsWith(".pdf")).filter(x -> x.toFile().length() > 0).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        }, "the PDF downloaded", SLOW);
        String text = SummaryE2EIT.pdfText(Files.readAllBytes(pdf));
        for (String a : ANSWERS) assertTrue(text.contains(a), "the PDF holds the answer '" + a + "': " + text);
        assertTrue(text.contains(TOP_THEME) && text.contains(DRIVER) && text.contains("2027-01-15"),
                "the PDF holds the top theme, the driver and the date: " + text);
    }
}
