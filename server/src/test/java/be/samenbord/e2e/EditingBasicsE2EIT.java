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

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's editing basics in two real browsers on one 3B board: copy and paste and duplicate of
 * three notes, Delete after a rubber band, the Undo button after a delete, the right-click menu and
 * "tidy this zone", Ctrl+A, and a note moving live for the other browser while it is dragged (PR-5).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class EditingBasicsE2EIT {

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String board;
    static Browser a;
    static Browser b;
    static final List<String> three = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Basis", "three-b");
        board = workshop.path("boards").get(0).path("id").asText();
        a = Browser.start();
        b = Browser.start();
        E2E.join(a, workshop.path("links").path("participant").asText(), null, "Anna");
        E2E.join(b, workshop.path("links").path("participant").asText(), null, "Bert");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(a, b, node);
    }

    static JsonNode items() {
        return E2E.items(api, board, workshop.path("tokens").path("observer").asText());
    }

    /** Texts of the live notes on the server, one entry per note. */
    static List<String> texts() {
        List<String> out = new ArrayList<>();
        for (JsonNode item : items()) {
            if (!item.path("deleted").path("v").asBoolean(false) && item.path("kind").path("v").asText().equals("note")) {
                out.add(item.path("text").path("v").asText());
            }
        }
        return out;
    }

    static void chord(Browser who, CharSequence key) {
        new Actions(who.driver).keyDown(Keys.CONTROL).sendKeys(key).keyUp(Keys.CONTROL).perform();
    }

    static void selectThree() {
        new Actions(a.driver).click(E2E.note(a, three.get(0))).perform();
        for (String id : three.subList(1, 3)) new Actions(a.driver).keyDown(Keys.SHIFT).click(E2E.note(a, id)).keyUp(Keys.SHIFT).perform();
        assertEquals(3, a.driver.findElements(By.cssSelector(".note.selected")).size(), "three notes selected");
    }

    static long count(List<String> texts, String text) {
        return texts.stream().filter(text::equals).count();
    }

    @Test
    @Order(1)
    @DisplayName("Copy and paste of three notes (Ctrl+C, Ctrl+V), then duplicate (Ctrl+D): three copies each time, with their texts, for both browsers")
    void copyPasteDuplicate() {
        for (String text : List.of("Overleg behouden", "Buddy voor nieuwkomers", "Vaste pauzemomenten")) {
            // "n" on the zone: each new note takes the next free spot of the zone.
            E2E.zone(a, "keep").sendKeys("n");
            String id = a.find(By.cssSelector("textarea.note-editor")).getDomAttribute("data-item");
            E2E.type(a, text);
            three.add(id);
        }
        a.waitFor(d -> texts().size() == 3 ? true : null, "three notes stored");
        selectThree();
        chord(a, "c");
        chord(a, "v");
        a.waitFor(d -> texts().size() == 6 ? true : null, "three pasted notes");
        for (String text : List.of("Overleg behouden", "Buddy voor nieuwkomers", "Vaste pauzemomenten")) assertEquals(2, count(texts(), text), text);
        assertEquals(3, a.driver.findElements(By.cssSelector(".note.selected")).size(), "the pasted notes are the selection");
        chord(a, "d");
        a.waitFor(d -> texts().size() == 9 ? true : null, "three duplicated notes");
        for (String text : List.of("Overleg behouden", "Buddy voor nieuwkomers", "Vaste pauzemomenten")) assertEquals(3, count(texts(), text), text);
        b.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == 9 ? true : null, "B sees all nine");
        // The copies landed inside the zone and not exactly on their originals.
        Set<String> spots = new HashSet<>();
        for (JsonNode item : items()) {
            assertEquals("keep", item.path("zone").path("v").asText());
            spots.add(item.path("x").path("v").asInt() + "," + item.path("y").path("v").asInt());
        }
        assertEquals(9, spots.size(), "nine notes, nine places");
        // Issue 15 "notes pile up": with room in the zone, a copy goes to the free spot next to its original, not over it.
        assertTrue(noOverlaps(items()), "no copy covers another note: " + items());
    }

    @Test
    @Order(2)
    @DisplayName("Issue 15: B, who has not edited yet, draws a rubber band and presses Delete: every note in it goes, and B's Undo button is enabled right after and brings them back")
    void bandDeleteUndo() {
        int before = texts().size();
        assertFalse(b.find(By.id("undo")).isEnabled(), "nothing to undo yet");
        @SuppressWarnings("unchecked")
        Map<String, Number> zone = (Map<String, Number>) b.js("const r = document.querySelector(\"#board .zone[data-zone='keep']\").getBoundingClientRect();"
                + "const hint = document.getElementById('first-hint');"
                + "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, hint: hint ? hint.getBoundingClientRect().top : r.bottom};");
        // From a free spot of the zone, below its notes (and above B's first-use hint, which floats
        // over the board's lower left), up over all of them.
        int x0 = zone.get("right").intValue() - 6;
        int y0 = Math.min(zone.get("bottom").intValue(), zone.get("hint").intValue()) - 6;
        int x1 = zone.get("left").intValue() + 4;
        int y1 = zone.get("top").intValue() + 4;
        new Actions(b.driver).keyDown(Keys.SHIFT).moveToLocation(x0, y0).clickAndHold().moveToLocation((x0 + x1) / 2, (y0 + y1) / 2)
                .moveToLocation(x1, y1).release().keyUp(Keys.SHIFT).perform();
        b.waitFor(d -> d.findElements(By.cssSelector(".note.selected")).size() == before ? true : null, "the band selects all " + before);
        new Actions(b.driver).sendKeys(Keys.DELETE).perform();
        b.waitFor(d -> texts().isEmpty() ? true : null, "Delete removed the band's notes");
        assertTrue(b.find(By.id("undo")).isEnabled(), "the Undo button is enabled right after the delete");
        b.find(By.id("undo")).click();
        b.waitFor(d -> texts().size() == before ? true : null, "undo brings them back");
        a.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == before ? true : null, "for A too");
    }

    @Test
    @Order(3)
    @DisplayName("Ctrl+A selects every note; the right-click menu duplicates a note and tidies the zone into a grid without overlaps")
    void selectAllMenuTidy() {
        new Actions(a.driver).click(E2E.note(a, three.get(0))).perform();
        chord(a, "a");
        int all = texts().size();
        assertEquals(all, a.driver.findElements(By.cssSelector(".note.selected")).size(), "Ctrl+A selects all");
        new Actions(a.driver).sendKeys(Keys.ESCAPE).perform();
        new Actions(a.driver).contextClick(E2E.note(a, three.get(1))).perform();
        WebElement menu = a.find(By.id("board-menu"));
        Screenshots.save(a, "editing-context-menu");
        assertEquals(List.of(), Axe.violations(a), "the context menu");
        menu.findElement(By.cssSelector("[data-menu=duplicate]")).click();
        a.waitFor(d -> texts().size() == all + 1 ? true : null, "the menu duplicated the note");
        new Actions(a.driver).contextClick(E2E.note(a, three.get(2))).perform();
        a.find(By.cssSelector("#board-menu [data-menu=tidy]")).click();
        a.waitFor(d -> noOverlaps(items()) ? true : null, "tidy left no two notes on top of each other");
    }

    /** Whether no two live notes overlap (by their stored rectangles). */
    static boolean noOverlaps(JsonNode items) {
        List<double[]> rects = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.path("deleted").path("v").asBoolean(false)) continue;
            rects.add(new double[]{item.path("x").path("v").asDouble(), item.path("y").path("v").asDouble(),
                    item.path("w").path("v").asDouble(160), item.path("h").path("v").asDouble(100)});
        }
        for (int i = 0; i < rects.size(); i++) {
            for (int j = i + 1; j < rects.size(); j++) {
                double[] p = rects.get(i);
                double[] q = rects.get(j);
                if (p[0] < q[0] + q[2] && q[0] < p[0] + p[2] && p[1] < q[1] + q[3] && q[1] < p[1] + p[3]) return false;
            }
        }
        return true;
    }

    @Test
    @Order(4)
    @DisplayName("PR-5: while A holds a note and drags it, B sees it move before the drop; after the drop it stays where it was let go")
    void liveDrag() {
        String id = three.get(0);
        String left0 = E2E.note(b, id).getCssValue("left");
        WebElement note = E2E.note(a, id);
        int[] target = E2E.zonePoint(a, "drop");
        @SuppressWarnings("unchecked")
        Map<String, Number> r = (Map<String, Number>) a.js("const r = arguments[0].getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.bottom - 6};", note);
        int sx = r.get("x").intValue();
        int sy = r.get("y").intValue();
        new Actions(a.driver).moveToLocation(sx, sy).clickAndHold().moveToLocation((sx + target[0]) / 2, (sy + target[1]) / 2)
                .moveToLocation(target[0], target[1]).perform();
        try {
            b.waitFor(d -> !left0.equals(E2E.note(b, id).getCssValue("left")) ? true : null, "B sees the note move during the held drag");
            assertTrue(E2E.note(b, id).getDomAttribute("class").contains("remote-dragging"), "marked as dragged by someone");
            assertEquals("keep", items().path(id).path("zone").path("v").asText(), "nothing stored yet: the drag is presence");
        } finally {
            new Actions(a.driver).release().perform();
        }
        a.waitFor(d -> "drop".equals(items().path(id).path("zone").path("v").asText()) ? true : null, "the drop is stored");
        String shownByA = E2E.note(a, id).getCssValue("left");
        b.waitFor(d -> shownByA.equals(E2E.note(b, id).getCssValue("left")) ? true : null, "B shows it where A let go");
    }

    @Test
    @Order(5)
    @DisplayName("Issue 15: the add-note button makes a note with its editor open; dragging the button onto a zone drops a note there")
    void addNoteButtonAndPad() {
        int before = texts().size();
        a.find(By.id("add-note")).click();
        WebElement editor = a.find(By.cssSelector("textarea.note-editor"));
        editor.sendKeys("Met de knop");
        assertEquals(List.of(), Axe.violations(a), "the note editor open");
        editor.sendKeys(Keys.ESCAPE);
        a.waitFor(d -> count(texts(), "Met de knop") == 1 ? true : null, "the button's note is stored");
        int[] target = E2E.zonePoint(a, "achieve-long");
        WebElement pad = a.find(By.id("add-note"));
        new Actions(a.driver).clickAndHold(pad).moveByOffset(30, 10).moveToLocation(target[0] - 20, target[1] - 20)
                .moveToLocation(target[0], target[1]).release().perform();
        WebElement dropped = a.find(By.cssSelector("textarea.note-editor"));
        String id = dropped.getDomAttribute("data-item");
        dropped.sendKeys("Gesleept");
        dropped.sendKeys(Keys.ESCAPE);
        a.waitFor(d -> "achieve-long".equals(items().path(id).path("zone").path("v").asText())
                && "Gesleept".equals(items().path(id).path("text").path("v").asText()) ? true : null, "the pad's note is in the zone it was dropped on");
        assertEquals(before + 2, texts().size());
    }
}
