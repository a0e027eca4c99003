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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The other facilitation flows in real Chromium, one facilitator and one participant: random split
 * and dragging a name to a group, a windroos breakout with one quadrant per group, locking a board,
 * follow me, the timer's pause, added time and last-minute warning, the per-person mute that
 * survives a reload, and the timer presets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class FacilitationControlsE2EIT {

    static final Duration SLOW = Duration.ofSeconds(20);

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String threeB;
    static String windroos;
    static Browser f;
    static Browser anna;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Werkgroep welzijn", "three-b", "windroos");
        threeB = workshop.path("boards").get(0).path("id").asText();
        windroos = workshop.path("boards").get(1).path("id").asText();
        f = Browser.start();
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        anna = Browser.start();
        E2E.join(anna, workshop.path("links").path("participant").asText(), null, "Anna");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, anna, node);
    }

    static long remaining(Browser b) {
        String ms = b.find(By.id("timer")).getDomAttribute("data-remaining-ms");
        return ms == null ? -1 : Long.parseLong(ms);
    }

    @Test
    @Order(1)
    @DisplayName("Windroos breakout: Anna's group gets the north quadrant; her page moves to the shared board, centred on it")
    void windroosQuadrants() {
        assertEquals(threeB, E2E.openView(anna), "Anna starts on the first board");
        f.find(By.cssSelector("[data-board-tab='room']")).click();
        WebElement person = f.waitFor(d -> d.findElements(By.cssSelector("[data-person]")).stream()
                .filter(e -> e.getText().contains("Anna")).findFirst().orElse(null), "Anna in the room", SLOW);
        String assign = "select[data-assign='" + person.getDomAttribute("data-person") + "']";
        // A random split puts everyone connected in some group; then the facilitator moves Anna by hand.
        f.find(By.id("breakout-random")).click();
        f.waitFor(d -> List.of("1", "2").contains(new Select(d.findElement(By.cssSelector(assign))).getFirstSelectedOption().getAttribute("value"))
                ? true : null, "Anna drawn into a group");
        // Dragging her name onto the other group's column moves her there (the drag events the page handles).
        String drawn = new Select(f.find(By.cssSelector(assign))).getFirstSelectedOption().getAttribute("value");
        String other = drawn.equals("1") ? "2" : "1";
        f.js("const r = arguments[0], dt = new DataTransfer();"
                + "document.querySelector(\"[data-member='\" + r + \"']\").dispatchEvent(new DragEvent('dragstart', {dataTransfer: dt, bubbles: true}));"
                + "const col = document.querySelector(\"[data-group-column='\" + arguments[1] + \"']\");"
                + "col.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + "col.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
                person.getDomAttribute("data-person"), other);
        f.waitFor(d -> other.equals(new Select(d.findElement(By.cssSelector(assign))).getFirstSelectedOption().getAttribute("value"))
                ? true : null, "Anna dragged into group " + other);
        new Select(f.find(By.cssSelector(assign))).selectByValue("1");
        new Select(f.find(By.id("breakout-mode"))).selectByValue("zones");
        new Select(f.find(By.id("breakout-board"))).selectByValue(windroos);
        f.find(By.id("breakout-start")).click();

        anna.waitFor(d -> windroos.equals(E2E.openView(anna)) ? true : null, "Anna on the windroos", SLOW);
        JsonNode room = api.get("/api/boards/" + workshop.path("room").asText(), workshop.path("tokens").path("observer").asText())
                .body().path("items");
        String zone = room.path("group-1").path("zone").path("v").asText();
        assertEquals("south", zone, "the first group gets the template's first quadrant");
        // Her view is centred on her group's quadrant.
        anna.waitFor(d -> {
            Object off = anna.js("const v = document.querySelector('#board .board-viewport') || document.querySelector('#board');"
                    + "const z = document.querySelector(\"#board [data-zone='\" + arguments[0] + \"']:not(.note)\");"
                    + "if (!z) return null; const a = v.getBoundingClientRect(), b = z.getBoundingClientRect();"
                    + "return Math.abs((a.left + a.right) / 2 - (b.left + b.right) / 2) + Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2);", zone);
            return off instanceof Number n && n.doubleValue() < 120 ? true : null;
        }, "view centred on quadrant " + zone, SLOW);
        f.find(By.id("breakout-end")).click();
        f.waitFor(d -> d.findElements(By.id("breakout-start")).stream().anyMatch(WebElement::isDisplayed) ? true : null, "breakout over");
        // Issue 16 finding 4: after a quadrant breakout Anna sees the assembled board, all four quadrants in view.
        anna.waitFor(d -> allQuadrantsInView(anna) ? true : null, "all four quadrants in Anna's view", SLOW);

        // Finding 3: the kept groups, mode and shared board; group 1 is given the west quadrant and a name.
        assertEquals("zones", new Select(f.find(By.id("breakout-mode"))).getFirstSelectedOption().getAttribute("value"), "the mode is kept");
        assertEquals("1", new Select(f.find(By.cssSelector(assign))).getFirstSelectedOption().getAttribute("value"), "Anna is still in group 1");
        // A bad duration is refused right at the start button, in view, as an alert.
        E2E.fill(f, "breakout-seconds", "0");
        f.find(By.id("breakout-start")).click();
        WebElement error = f.waitFor(d -> d.findElements(By.id("breakout-error")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null),
                "the error at the control");
        assertEquals("alert", error.getDomAttribute("role"));
        int gap = error.getRect().getY() - (f.find(By.id("breakout-start")).getRect().getY() + f.find(By.id("breakout-start")).getRect().getHeight());
        assertTrue(gap >= 0 && gap < 120, "the error sits right under the start button (" + gap + " px)");
        f.find(By.id("breakout-seconds")).clear();
        new Select(f.find(By.id("breakout-zone-1"))).selectByValue("west");
        E2E.fill(f, "breakout-name-1", "Team west");
        assertEquals(List.of(), Axe.violations(f), "the breakout builder: no moderate, serious or critical accessibility violations");
        f.find(By.id("breakout-start")).click();
        f.waitFor(d -> d.findElements(By.id("breakout-error")).stream().noneMatch(WebElement::isDisplayed) ? true : null, "the error cleared");
        JsonNode second = f.waitFor(d -> {
            JsonNode items = api.get("/api/boards/" + workshop.path("room").asText(), workshop.path("tokens").path("observer").asText()).body().path("items");
            return items.path("breakout").path("active").path("v").asBoolean() ? items : null;
        }, "the second breakout running");
        assertEquals("west", second.path("group-1").path("zone").path("v").asText(), "the chosen quadrant");
        assertEquals("Team west", second.path("group-1").path("name").path("v").asText());
        anna.waitFor(d -> {
            Object off = anna.js("const v = document.querySelector('#board .board-viewport') || document.querySelector('#board');"
                    + "const z = document.querySelector(\"#board [data-zone='west']:not(.note)\");"
                    + "if (!z) return null; const a = v.getBoundingClientRect(), b = z.getBoundingClientRect();"
                    + "return Math.abs((a.left + a.right) / 2 - (b.left + b.right) / 2) + Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2);");
            return off instanceof Number n && n.doubleValue() < 120 ? true : null;
        }, "Anna's view on the west quadrant", SLOW);
        f.find(By.id("breakout-end")).click();
        f.waitFor(d -> d.findElements(By.id("breakout-start")).stream().anyMatch(WebElement::isDisplayed) ? true : null, "second breakout over");
        anna.waitFor(d -> allQuadrantsInView(anna) ? true : null, "all four quadrants in view again", SLOW);
    }

    /** Whether every quadrant of the open windroos lies inside Anna's viewport (a few px of slack). */
    static boolean allQuadrantsInView(Browser b) {
        Object ok = b.js("const v = document.querySelector('#board .board-viewport') || document.querySelector('#board');"
                + "const zs = [...document.querySelectorAll('#board [data-zone]:not(.note)')];"
                + "if (zs.length < 4) return false; const a = v.getBoundingClientRect();"
                + "return zs.every(z => { const r = z.getBoundingClientRect();"
                + " return r.left >= a.left - 4 && r.right <= a.right + 4 && r.top >= a.top - 4 && r.bottom <= a.bottom + 4; });");
        return Boolean.TRUE.equals(ok);
    }

    @Test
    @Order(2)
    @DisplayName("Lock: while locked Anna's board is read-only with a banner; unlocked she can edit again")
    void lockAndUnlock() {
        E2E.openBoardTab(f, windroos);
        E2E.openPanel(f);
        f.find(By.id("board-lock")).click();
        anna.find(By.id("locked-banner"));
        anna.waitFor(d -> "true".equals(d.findElement(By.id("board")).getDomAttribute("data-readonly")) ? true : null, "read-only while locked");
        f.waitFor(d -> "true".equals(d.findElement(By.id("board-lock")).getDomAttribute("aria-pressed")) ? true : null, "lock pressed");
        f.find(By.id("board-lock")).click();
        anna.waitFor(d -> "false".equals(d.findElement(By.id("board")).getDomAttribute("data-readonly")) ? true : null, "editable again");
        assertTrue(anna.driver.findElements(By.id("locked-banner")).isEmpty());
        anna.find(By.id("zoom-reset")).click(); // the breakout left her zoomed in on her quadrant
        String note = E2E.createNoteIn(anna, "north");
        E2E.type(anna, "Weer open");
        f.waitFor(d -> "Weer open".equals(E2E.noteText(f, note)) ? true : null, "Anna's edit arrives");
    }

    @Test
    @Order(3)
    @DisplayName("Follow me: Anna's page goes to the board the facilitator shows")
    void followMe() {
        E2E.openBoardTab(f, threeB);
        E2E.openBoardTab(anna, windroos);
        f.find(By.id("follow-me")).click();
        anna.waitFor(d -> threeB.equals(E2E.openView(anna)) ? true : null, "Anna follows to the 3B board", SLOW);
        f.waitFor(d -> "true".equals(d.findElement(By.id("follow-me")).getDomAttribute("aria-pressed")) ? true : null, "follow on");
        f.find(By.id("follow-me")).click();
        f.waitFor(d -> "false".equals(d.findElement(By.id("follow-me")).getDomAttribute("aria-pressed")) ? true : null, "follow off");
    }

    @Test
    @Order(4)
    @DisplayName("Timer: pause holds what is left, +1 minute adds to it, resume counts down again; the last minute warns")
    void timerPauseAddResume() {
        f.find(By.cssSelector("[data-board-tab='room']")).click();
        E2E.fill(f, "timer-time", "2:00");
        f.find(By.id("timer-start")).click();
        anna.waitFor(d -> remaining(anna) > 0 && remaining(anna) <= 120_000 ? true : null, "Anna sees the countdown");
        f.find(By.id("timer-pause")).click();
        JsonNode timer = f.waitFor(d -> {
            JsonNode t = api.get("/api/boards/" + workshop.path("room").asText(), workshop.path("tokens").path("observer").asText())
                    .body().path("items").path("timer");
            return t.path("running").path("v").asBoolean(true) ? null : t;
        }, "paused on the server");
        long paused = timer.path("remaining").path("v").asLong();
        anna.waitFor(d -> remaining(anna) == paused ? true : null, "Anna's timer shows the paused time");
        f.find(By.id("timer-add")).click();
        anna.waitFor(d -> remaining(anna) == paused + 60_000 ? true : null, "a minute added while paused");
        f.find(By.id("timer-resume")).click();
        anna.waitFor(d -> remaining(anna) < paused + 60_000 && remaining(anna) > 0 ? true : null, "counting down again");
        assertTrue(!anna.find(By.id("timer")).getDomAttribute("class").contains("timer-warning"), "no warning with minutes left");

        E2E.fill(f, "timer-time", "0:45");
        f.find(By.id("timer-start")).click();
        anna.waitFor(d -> d.findElement(By.id("timer")).getDomAttribute("class").contains("timer-warning") ? true : null, "last-minute warning");
        f.find(By.id("timer-stop")).click();
    }

    @Test
    @Order(5)
    @DisplayName("Mute is per person and survives a reload")
    void muteSurvivesReload() {
        // The mute toggle sits with the timer, which shows only while one is set.
        E2E.fill(f, "timer-time", "10:00");
        f.find(By.id("timer-start")).click();
        WebElement mute = anna.waitFor(d -> d.findElements(By.id("timer-mute")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null),
                "the mute toggle beside the timer");
        String before = mute.getDomAttribute("aria-pressed");
        mute.click();
        String after = "true".equals(before) ? "false" : "true";
        anna.waitFor(d -> after.equals(d.findElement(By.id("timer-mute")).getDomAttribute("aria-pressed")) ? true : null, "mute toggled");
        assertEquals(before, f.find(By.id("timer-mute")).getDomAttribute("aria-pressed"), "the facilitator's own setting is untouched");
        anna.driver.navigate().refresh();
        anna.waitFor(d -> after.equals(d.findElement(By.id("timer-mute")).getDomAttribute("aria-pressed")) ? true : null, "still toggled after reload", SLOW);
        f.find(By.id("timer-stop")).click();
    }

    @Test
    @Order(6)
    @DisplayName("Timer presets: 3, 1 and 5 min each start a countdown of that length, for Anna and in the room")
    void timerPresets() {
        f.find(By.cssSelector("[data-board-tab='room']")).click();
        // Each preset differs from the one before, so a countdown left over from the last click cannot pass.
        for (int secs : new int[] {180, 60, 300}) {
            long ms = secs * 1000L;
            f.find(By.cssSelector("[data-preset='" + secs + "']")).click();
            JsonNode timer = f.waitFor(d -> {
                JsonNode t = api.get("/api/boards/" + workshop.path("room").asText(), workshop.path("tokens").path("observer").asText())
                        .body().path("items").path("timer");
                return t.path("running").path("v").asBoolean() && t.path("duration").path("v").asLong() == ms ? t : null;
            }, "a running " + secs + " s timer in the room");
            assertTrue(timer.path("endsAt").path("v").isNumber(), "the room's timer has an end");
            anna.waitFor(d -> remaining(anna) > ms - 10_000 && remaining(anna) <= ms ? true : null,
                    "Anna's countdown starts at " + secs + " s");
            assertEquals(String.format("%d:00", secs / 60), f.find(By.id("timer-time")).getDomProperty("value"),
                    "the preset shows in the time field");
        }
        Screenshots.save(f, "timer-preset-5min-facilitator");
        Screenshots.save(anna, "timer-preset-5min-participant");
        f.find(By.id("timer-stop")).click();
        anna.waitFor(d -> d.findElement(By.id("timer")).isDisplayed() ? null : true, "the timer gone for Anna");
    }
}
