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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's themes flow in real Chromium on one node process (FA-23..FA-29): three participants
 * write privately, the facilitator reveals and groups the notes into three themes (drag onto a
 * note, drag into a frame, the menu's "Groeperen"), a vote runs on themes, and the top theme is
 * carried into row 1 of the priority actions and converted into a fiche named by the theme.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class ThemesE2EIT {

    static final Duration SLOW = Duration.ofSeconds(30);
    static final String[] NAMES = {"Anna", "Bram", "Chloë"};
    static final String[] ZONES = {"keep", "drop", "achieve-short"};
    static final String[][] TEXTS = {
            {"Samen de planning maken", "Overleg over de roosters"},
            {"Pauzes echt nemen", "Roosters vroeger delen"},
            {"Rustige pauzeruimte", "Nieuwe collega's inwerken"}};

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String work;
    static String actions;
    static Browser f;
    static final Browser[] p = new Browser[3];
    static final String[][] notes = new String[3][2];
    static final List<String> themes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Thema's welzijn", "three-b", "priority-actions");
        work = workshop.path("boards").get(0).path("id").asText();
        actions = workshop.path("boards").get(1).path("id").asText();
        f = Browser.start();
        f.viewport(1280, 720, false);
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        E2E.joinAll(p, workshop.path("links").path("participant").asText(), NAMES);
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, p[0], p[1], p[2], node);
    }

    static String token(String role) {
        return workshop.path("tokens").path(role).asText();
    }

    static String serverTheme(String note) {
        return E2E.items(api, work, token("observer")).path(note).path("theme").path("v").asText("");
    }

    @Test
    @Order(1)
    @DisplayName("Private writing by three participants, then the reveal shows all six notes to everyone")
    void privateWritingThenReveal() {
        E2E.openPanel(f);
        f.find(By.id("board-private-start")).click();
        for (Browser b : p) b.waitFor(d -> d.findElements(By.id("private-banner")).isEmpty() ? null : true, "private writing on", SLOW);
        E2E.closePanel(f);
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < 2; k++) {
                // A second double-click on the same spot would edit the first note: the second goes elsewhere.
                notes[i][k] = E2E.createNoteIn(p[i], k == 0 ? ZONES[i] : "achieve-long");
                E2E.type(p[i], TEXTS[i][k]);
            }
            E2E.awaitStatus(p[i], "connected");
        }
        assertFalse(p[1].driver.getPageSource().contains(TEXTS[0][0]), "Bram does not see Anna's note while writing privately");
        E2E.openPanel(f);
        f.find(By.id("board-reveal")).click();
        E2E.closePanel(f);
        for (Browser b : new Browser[]{f, p[0], p[1], p[2]}) {
            b.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == 6 ? true : null, "six notes after the reveal", SLOW);
        }
    }

    @Test
    @Order(2)
    @DisplayName("Grouping into three themes: a note dropped on a note, a note dropped into a frame, and the menu's Groeperen; everyone sees the frames")
    void groupingIntoThreeThemes() {
        // Drop Bram's "Roosters vroeger delen" on Anna's "Overleg over de roosters": a new theme, named inline.
        E2E.dragOnto(f, notes[1][1], ".note[data-item='" + notes[0][1] + "']");
        themes.add(E2E.nameNewTheme(f, "Roosters en planning"));
        // Anna's "Samen de planning maken" dropped into that frame joins it.
        E2E.dragOnto(f, notes[0][0], ".theme-frame[data-theme='" + themes.get(0) + "']");
        f.waitFor(d -> "3".equals(d.findElement(By.cssSelector(".theme-frame[data-theme='" + themes.get(0) + "']")).getDomAttribute("data-members"))
                ? true : null, "three notes in the first theme");
        // Two pause notes: selected, then the menu's "Groeperen".
        new Actions(f.driver).click(E2E.note(f, notes[1][0])).keyDown(Keys.SHIFT).click(E2E.note(f, notes[2][0])).keyUp(Keys.SHIFT).perform();
        new Actions(f.driver).contextClick(E2E.note(f, notes[2][0])).perform();
        f.find(By.cssSelector("#board-menu [data-menu=group]")).click();
        themes.add(E2E.nameNewTheme(f, "Pauzes"));
        // The last one on its own, through the menu too.
        new Actions(f.driver).contextClick(E2E.note(f, notes[2][1])).perform();
        f.find(By.cssSelector("#board-menu [data-menu=group]")).click();
        themes.add(E2E.nameNewTheme(f, "Inwerken"));

        E2E.awaitStatus(f, "connected");
        assertEquals(themes.get(0), serverTheme(notes[0][0]));
        assertEquals(themes.get(0), serverTheme(notes[0][1]));
        assertEquals(themes.get(0), serverTheme(notes[1][1]));
        assertEquals(themes.get(1), serverTheme(notes[1][0]));
        assertEquals(themes.get(1), serverTheme(notes[2][0]));
        assertEquals(themes.get(2), serverTheme(notes[2][1]));
        for (Browser b : p) {
            b.waitFor(d -> d.findElements(By.cssSelector(".theme-frame")).size() == 3
                    && "Roosters en planning".equals(d.findElement(By.cssSelector("[data-theme-title='" + themes.get(0) + "']")).getText()) ? true : null,
                    "three named themes", SLOW);
        }
        Screenshots.save(f, "themes-grouped-facilitator-1280x720");
        assertEquals(List.of(), Axe.violations(f), "theme frames: no moderate, serious or critical accessibility violations");
        // A reload keeps them (they are board items like notes).
        p[2].driver.navigate().refresh();
        E2E.awaitStatus(p[2], "connected");
        p[2].waitFor(d -> d.findElements(By.cssSelector(".theme-frame")).size() == 3 ? true : null, "three themes after a reload", SLOW);
    }

    @Test
    @Order(3)
    @DisplayName("A vote on themes: dots only on themes, hidden while open, the top theme first in the results")
    void voteOnThemes() {
        E2E.openPanel(f);
        new Select(f.find(By.id("vote-on"))).selectByValue("themes");
        E2E.fill(f, "vote-dots", "3");
        f.find(By.id("vote-start")).click();
        for (Browser b : p) {
            b.find(By.cssSelector("[data-vote-add='" + themes.get(0) + "']")).click();
            b.waitFor(d -> "1".equals(d.findElement(By.cssSelector(".theme-frame[data-theme='" + themes.get(0) + "'] .theme-my-dots")).getDomAttribute("data-count"))
                    ? true : null, "own dot on the theme");
            b.find(By.cssSelector("[data-vote-add='" + themes.get(0) + "']")).click();
            b.waitFor(d -> "2".equals(d.findElement(By.cssSelector(".theme-frame[data-theme='" + themes.get(0) + "'] .theme-my-dots")).getDomAttribute("data-count"))
                    ? true : null, "two dots on the theme");
            b.find(By.cssSelector("[data-vote-add='" + themes.get(1) + "']")).click();
            assertTrue(b.driver.findElements(By.cssSelector(".note-vote")).isEmpty(), "no dot buttons on notes in a vote on themes");
        }
        for (Browser b : p) E2E.awaitStatus(b, "connected");
        Screenshots.save(p[0], "themes-vote-participant");
        assertEquals(List.of(), Axe.violations(p[0]), "voting on themes: no moderate, serious or critical accessibility violations");
        assertTrue(p[1].driver.findElements(By.cssSelector(".theme-frame[data-votes]")).isEmpty(), "no totals while the vote is open");
        f.find(By.id("vote-close")).click();
        for (Browser b : new Browser[]{f, p[0]}) {
            b.waitFor(d -> "6".equals(d.findElement(By.cssSelector(".theme-frame[data-theme='" + themes.get(0) + "']")).getDomAttribute("data-votes"))
                    ? true : null, "six dots on the top theme", SLOW);
        }
        f.waitFor(d -> !d.findElements(By.cssSelector("#vote-results li[data-item]")).isEmpty() ? true : null, "the results");
        assertEquals(themes.get(0), f.driver.findElements(By.cssSelector("#vote-results li[data-item]")).get(0).getDomAttribute("data-item"),
                "the top theme heads the results");
        assertTrue(f.find(By.id("vote-results")).getText().contains("Roosters en planning"));
        Screenshots.save(f, "themes-vote-results-facilitator-1280x720");
        E2E.closePanel(f);
    }

    @Test
    @Order(4)
    @DisplayName("The top theme carried into row 1 of the priority actions links back, and converts into a fiche named by the theme")
    void carryTopThemeIntoAFiche() {
        f.find(By.cssSelector("[data-theme-carry='" + themes.get(0) + "']")).click();
        f.find(By.id("carry-dialog"));
        assertEquals(List.of(), Axe.violations(f), "the carry dialog: no moderate, serious or critical accessibility violations");
        Screenshots.save(f, "themes-carry-dialog-1280x720");
        new Select(f.find(By.id("carry-row"))).selectByValue("1");
        f.find(By.id("carry-go")).click();
        f.waitFor(d -> d.findElements(By.id("carry-dialog")).isEmpty() ? true : null, "the dialog closes once written", SLOW);
        String carried = null;
        for (var e : E2E.items(api, actions, token("observer")).properties()) {
            if (e.getValue().path("source").path("v").path("item").asText().equals(themes.get(0))) carried = e.getKey();
        }
        assertTrue(carried != null, "a note on the priority actions links back to the theme");
        JsonNode note = E2E.items(api, actions, token("observer")).path(carried);
        assertEquals("Roosters en planning", note.path("text").path("v").asText());
        assertEquals("action-1.title", note.path("zone").path("v").asText());
        assertEquals(work, note.path("source").path("v").path("board").asText());

        E2E.openBoardTab(f, actions);
        String carriedId = carried;
        f.waitFor(d -> d.findElements(By.cssSelector("[data-source-of='" + carriedId + "']")).isEmpty() ? null : true, "the link back on the carried note");
        Screenshots.save(f, "themes-carried-priority-actions-1280x720");
        f.find(By.id("convert-fiches")).click();
        f.waitFor(d -> d.findElement(By.id("convert-result")).getText().isBlank() ? null : true, "converted", SLOW);
        JsonNode fiches = api.get("/api/workshops/" + workshop.path("id").asText() + "/fiches", token("observer")).body().path("fiches");
        assertEquals(1, fiches.size(), fiches.toString());
        assertEquals("Roosters en planning", fiches.get(0).path("title").asText(), "the fiche title is the theme title");

        // The link back opens the work board with the theme marked.
        f.find(By.cssSelector("[data-source-of='" + carriedId + "']")).click();
        f.waitFor(d -> work.equals(d.findElement(By.id("board")).getDomAttribute("data-board-id")) ? true : null, "back on the work board", SLOW);
        f.waitFor(d -> d.findElements(By.cssSelector(".theme-frame.source-highlight[data-theme='" + themes.get(0) + "']")).isEmpty() ? null : true,
                "the source theme highlighted", SLOW);
    }

    @Test
    @Order(5)
    @DisplayName("Themes at phone size: the frames and their titles stay readable")
    void phoneSize() {
        Browser b = p[1];
        b.viewport(390, 844, true);
        b.driver.navigate().refresh();
        E2E.awaitStatus(b, "connected");
        b.waitFor(d -> d.findElements(By.cssSelector(".theme-frame")).size() == 3 ? true : null, "three themes on the phone", SLOW);
        Screenshots.save(b, "themes-participant-390x844");
        assertEquals(List.of(), Axe.violations(b), "themes on a phone: no moderate, serious or critical accessibility violations");
    }
}
