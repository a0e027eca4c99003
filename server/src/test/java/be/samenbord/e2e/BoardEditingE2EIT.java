package be.samenbord.e2e;

import be.samenbord.testkit.Api;
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

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board's editing tools in a real browser, seen from a second one: colour, delete, undo and
 * redo of one's own edits, multi-select and move, zoom and pan (issue 3, "The board").
 */
@ExtendWith(Screenshots.class)
class BoardEditingE2EIT {

    static NodeProcess node;
    static Browser a;
    static Browser b;
    static Api api;
    static JsonNode workshop;
    static String board;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Gereedschap", "three-b");
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

    static JsonNode item(String id) {
        return E2E.items(api, board, workshop.path("tokens").path("observer").asText()).path(id);
    }

    static void click(Browser who, String cssSelector) {
        who.find(By.cssSelector(cssSelector)).click();
    }

    @Test
    @DisplayName("Colour, delete, undo and redo: every step reaches the other browser")
    void colourDeleteUndoRedo() {
        String id = E2E.createNoteIn(a, "keep");
        E2E.type(a, "Kleur mij");
        new Actions(a.driver).click(E2E.note(a, id)).perform();
        String pink = a.find(By.cssSelector("button[data-color]:nth-of-type(4)")).getDomAttribute("data-color");
        click(a, "button[data-color='" + pink + "']");
        a.waitFor(d -> pink.equals(item(id).path("color").path("v").asText()), "colour stored");
        b.waitFor(d -> E2E.note(b, id).getCssValue("background-color").equals(E2E.note(a, id).getCssValue("background-color")),
                "B shows the same colour");

        click(a, "#delete-note");
        b.waitFor(d -> d.findElements(By.cssSelector(".note[data-item='" + id + "']")).isEmpty(), "B sees the note deleted");
        click(a, "#undo");
        b.waitFor(d -> !d.findElements(By.cssSelector(".note[data-item='" + id + "']")).isEmpty(), "undo brings it back for B");
        assertEquals("Kleur mij", E2E.noteText(b, id));
        click(a, "#undo");
        a.waitFor(d -> !pink.equals(item(id).path("color").path("v").asText()), "the second undo takes the colour back");
        click(a, "#redo");
        a.waitFor(d -> pink.equals(item(id).path("color").path("v").asText()), "redo sets it again");
        // Undo is per user: B's undo does not touch A's edits.
        assertTrue(b.find(By.id("undo")).getDomProperty("disabled").equals("true"), "B has nothing to undo");
    }

    @Test
    @DisplayName("Multi-select with Shift-click and move both notes at once; zones follow the drop")
    void multiSelectAndMove() {
        // Two notes in two zones whose centres are free (a double-click on a note edits it instead).
        String one = E2E.createNoteIn(a, "drop");
        E2E.type(a, "Een");
        String two = E2E.createNoteIn(a, "achieve-short");
        E2E.type(a, "Twee");
        assertNotEquals(one, two);
        a.waitFor(d -> "drop".equals(item(one).path("zone").path("v").asText())
                && "achieve-short".equals(item(two).path("zone").path("v").asText()), "both stored");
        new Actions(a.driver).click(E2E.note(a, one)).perform();
        new Actions(a.driver).keyDown(Keys.SHIFT).click(E2E.note(a, two)).keyUp(Keys.SHIFT).perform();
        assertEquals(2, a.driver.findElements(By.cssSelector(".note.selected")).size(), "two notes selected");
        double x1 = item(one).path("x").path("v").asDouble();
        double x2 = item(two).path("x").path("v").asDouble();
        E2E.dragNoteTo(a, two, "achieve-long");
        a.waitFor(d -> "achieve-long".equals(item(two).path("zone").path("v").asText()), "the dragged note moved");
        a.waitFor(d -> item(one).path("x").path("v").asDouble() != x1, "the other selected note moved along");
        double dx1 = item(one).path("x").path("v").asDouble() - x1;
        double dx2 = item(two).path("x").path("v").asDouble() - x2;
        assertEquals(dx2, dx1, 0.5, "both moved by the same offset");
        b.waitFor(d -> "achieve-long".equals(E2E.note(b, two).getDomAttribute("data-zone")), "B sees the move");
    }

    @Test
    @DisplayName("Zoom buttons and dragging the background change only the local view")
    void zoomAndPan() {
        var viewport = a.find(By.cssSelector(".board-viewport"));
        String zoom = viewport.getDomAttribute("data-zoom");
        String zoomOfB = b.find(By.cssSelector(".board-viewport")).getDomAttribute("data-zoom");
        click(a, "#zoom-in");
        a.waitFor(d -> !zoom.equals(d.findElement(By.cssSelector(".board-viewport")).getDomAttribute("data-zoom")), "zoomed in");
        var layer = a.find(By.cssSelector(".board-layer"));
        String before = layer.getCssValue("transform");
        var r = viewport.getRect();
        // Background near the viewport's lower edge, below the 3B board and clear of the floating tools.
        new Actions(a.driver).moveToLocation(r.getX() + r.getWidth() - 320, r.getY() + r.getHeight() - 20).clickAndHold().moveByOffset(60, -40).release().perform();
        a.waitFor(d -> !before.equals(d.findElement(By.cssSelector(".board-layer")).getCssValue("transform")), "panned");
        assertEquals(zoomOfB, b.find(By.cssSelector(".board-viewport")).getDomAttribute("data-zoom"), "B's view is its own");
        click(a, "#zoom-reset");
    }
}
