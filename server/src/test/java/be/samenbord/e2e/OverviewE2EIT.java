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
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 16 finding 5 in real Chromium (FA-20..FA-22): a facilitator and three participants in two
 * groups write notes during a breakout; the overview in the facilitator's bar shows, per group, the
 * number of notes each group wrote (as the node holds them) and who is done, without any text.
 * Then the same copies breakout again, unchanged: everyone is back on their group's own board.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class OverviewE2EIT {

    static final Duration SLOW = Duration.ofSeconds(30);
    static final String[] NAMES = {"Anna", "Bram", "Chloë"};

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static Browser f;
    static final Browser[] p = new Browser[3];
    /** The group board each participant landed on in the first breakout. */
    static final String[] landed = new String[3];

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Training overzicht", "three-b");
        f = Browser.start();
        f.viewport(1280, 720, false);
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        E2E.joinAll(p, workshop.path("links").path("participant").asText(), NAMES);
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, p[0], p[1], p[2], node);
    }

    /** Notes (kind note, not deleted) on a board, as the node holds them. */
    static int notesOn(String board) {
        JsonNode items = E2E.items(api, board, workshop.path("tokens").path("observer").asText());
        int n = 0;
        for (JsonNode item : items) {
            if ("note".equals(item.path("kind").path("v").asText()) && !item.path("deleted").path("v").asBoolean(false)) n++;
        }
        return n;
    }

    /** The overview line of a group, as the facilitator's page shows it (null while absent). */
    static String line(String group) {
        Object text = f.js("const e = document.querySelector(\"#overview [data-overview$='/\" + arguments[0] + \"'] summary\");"
                + " return e && !document.getElementById('overview').hidden ? e.textContent : null;", group);
        return text == null ? null : String.valueOf(text);
    }

    @Test
    @Order(1)
    @DisplayName("FA-20..FA-22: during a copies breakout the facilitator's overview counts each group's notes as written, and who is done, live")
    void overviewCountsGroupNotes() {
        f.find(By.cssSelector("[data-board-tab='room']")).click();
        f.waitFor(d -> d.findElements(By.cssSelector("[data-person]")).size() == 3 ? true : null, "three participants in the room", SLOW);
        Map<String, String> replicaOf = new HashMap<>();
        for (WebElement person : f.driver.findElements(By.cssSelector("[data-person]"))) {
            for (String name : NAMES) if (person.getText().contains(name)) replicaOf.put(name, person.getDomAttribute("data-person"));
        }
        assertEquals(3, replicaOf.size(), "every participant listed by name: " + replicaOf);
        // Anna and Bram in group 1, Chloë in group 2.
        for (int i = 0; i < NAMES.length; i++) {
            new Select(f.find(By.cssSelector("select[data-assign='" + replicaOf.get(NAMES[i]) + "']"))).selectByValue(i < 2 ? "1" : "2");
        }
        new Select(f.find(By.id("breakout-mode"))).selectByValue("copies");
        new Select(f.find(By.id("breakout-template"))).selectByValue("three-b");
        f.find(By.id("breakout-start")).click();

        for (int i = 0; i < 3; i++) {
            Browser b = p[i];
            String plenary = workshop.path("boards").get(0).path("id").asText();
            landed[i] = b.waitFor(d -> {
                String o = E2E.openView(b);
                return o != null && !o.equals(plenary) && !o.equals("plenary") ? o : null;
            }, NAMES[i] + " on a group board", SLOW);
            E2E.awaitStatus(b, "connected");
        }
        // Before anyone writes: both groups at zero, nobody done.
        f.waitFor(d -> line("group-1") != null && line("group-1").contains("0 notities · 0/2 klaar") ? true : null, "group 1 at zero", SLOW);
        f.waitFor(d -> line("group-2") != null && line("group-2").contains("0 notities · 0/1 klaar") ? true : null, "group 2 at zero", SLOW);

        // Anna writes two notes, Chloë one; Bram none yet.
        E2E.createNoteIn(p[0], "keep");
        E2E.type(p[0], "Geheim idee van Anna één");
        E2E.createNoteIn(p[0], "drop");
        E2E.type(p[0], "Geheim idee van Anna twee");
        E2E.createNoteIn(p[2], "keep");
        E2E.type(p[2], "Geheim idee van Chloë");
        f.waitFor(d -> notesOn(landed[0]) == 2 && notesOn(landed[2]) == 1 ? true : null, "the notes reached the node", SLOW);
        f.waitFor(d -> String.valueOf(line("group-1")).contains("2 notities · 1/2 klaar") ? true : null,
                "group 1: two notes, Anna done, Bram not", SLOW);
        f.waitFor(d -> String.valueOf(line("group-2")).contains("1 notitie · 1/1 klaar") ? true : null, "group 2: one note, Chloë done", SLOW);

        // Bram writes one: group 1 has three, everyone done; the counts equal what the node holds.
        E2E.createNoteIn(p[1], "achieve-short");
        E2E.type(p[1], "Geheim idee van Bram");
        f.waitFor(d -> notesOn(landed[1]) == 3 ? true : null, "Bram's note reached the node", SLOW);
        f.waitFor(d -> String.valueOf(line("group-1")).contains("3 notities · 2/2 klaar") ? true : null, "group 1: three notes, both done", SLOW);
        assertEquals(notesOn(landed[0]) + " notities", line("group-1").split(": ")[1].split(" · ")[0], "the overview says what the node holds");
        assertEquals("1 notitie", line("group-2").split(": ")[1].split(" · ")[0]);

        // Each line opens to its people, with counts only.
        f.find(By.cssSelector("#overview [data-overview$='/group-1'] summary")).click();
        String people = f.find(By.cssSelector("#overview [data-overview$='/group-1'] .overview-people")).getText();
        assertEquals(List.of("Anna: 2 notities (klaar)", "Bram: 1 notitie (klaar)"), List.of(people.split("\n")));
        String overview = f.find(By.id("overview")).getText();
        assertFalse(overview.contains("Geheim"), "no note text in the overview: " + overview);
        assertEquals(List.of(), Axe.violations(f), "the room view with the overview: no moderate, serious or critical violations");
        Screenshots.save(f, "OverviewE2EIT-facilitator-1280x720");
        // A participant's page has no overview.
        assertEquals(Boolean.TRUE, p[0].js("const e = document.getElementById('overview'); return !e || e.hidden;"));
    }

    static JsonNode roomItems() {
        return api.get("/api/boards/" + workshop.path("room").asText(), workshop.path("tokens").path("observer").asText()).body().path("items");
    }

    static int boardCount() {
        return api.get("/api/workshops/" + workshop.path("id").asText(), workshop.path("tokens").path("observer").asText())
                .body().path("boards").size();
    }

    @Test
    @Order(2)
    @DisplayName("FA-14: the copies breakout started again unchanged sends everyone back to their group's own board, notes and all; no new boards")
    void repeatedCopiesReuseTheBoards() {
        JsonNode first = roomItems();
        String board1 = first.path("group-1").path("board").path("v").asText();
        String board2 = first.path("group-2").path("board").path("v").asText();
        int boards = boardCount();
        f.find(By.id("breakout-end")).click();
        for (int i = 0; i < 3; i++) {
            Browser b = p[i];
            b.waitFor(d -> "plenary".equals(E2E.openView(b)) ? true : null, NAMES[i] + " on the plenary, the groups side by side", SLOW);
        }
        // The builder holds the same groups, mode and template: start it again without touching anything.
        f.waitFor(d -> d.findElements(By.id("breakout-start")).stream().anyMatch(WebElement::isDisplayed) ? true : null, "the builder again");
        f.find(By.id("breakout-start")).click();
        for (int i = 0; i < 3; i++) {
            Browser b = p[i];
            String own = landed[i];
            b.waitFor(d -> own.equals(E2E.openView(b)) ? true : null, NAMES[i] + " back on their group's board " + own, SLOW);
        }
        JsonNode again = f.waitFor(d -> {
            JsonNode items = roomItems();
            return items.path("breakout").path("active").path("v").asBoolean() ? items : null;
        }, "the second breakout running", SLOW);
        assertEquals(board1, again.path("group-1").path("board").path("v").asText(), "group 1 on its board of the first breakout");
        assertEquals(board2, again.path("group-2").path("board").path("v").asText(), "group 2 on its board of the first breakout");
        assertEquals(boards, boardCount(), "no new boards were made");
        // Anna finds her two notes where she left them.
        p[0].waitFor(d -> d.findElements(By.cssSelector("#board .note")).size() == 3 ? true : null, "the three notes of group 1 on Anna's page", SLOW);
        assertEquals(Boolean.TRUE, p[0].js("return [...document.querySelectorAll('#board .note')].some(n => n.textContent.includes('Geheim idee van Anna één'));"));
        Screenshots.save(p[0], "OverviewE2EIT-repeat-participant");
        f.find(By.id("breakout-end")).click();
    }
}
