package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end tests do in the page, through the DOM hooks of the web client
 * (ids and data attributes listed in web/README.md).
 */
final class E2E {

    private E2E() {
    }

    /** Opens a workshop link (optionally re-based onto another origin), enters the name and waits until connected. */
    /** Starts a browser per name into {@code into} and joins each with {@code link} (a training's participants). */
    static void joinAll(Browser[] into, String link, String... names) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Browser.start();
            join(into[i], link, null, names[i]);
        }
    }

    static void join(Browser b, String link, String base, String name) {
        // A fresh page load, as when a link is opened: within one page a link that differs only in
        // its fragment would not load the page again.
        b.open("about:blank");
        b.open(base == null ? link : link.replaceFirst("^http://[^/]+", base));
        // A tab that joined with this link before goes straight back to the board (issue 15).
        b.waitFor(d -> !d.findElements(By.id("display-name")).isEmpty() || !d.findElements(By.id("connection-status")).isEmpty(),
                "the name form or the board");
        if (!b.driver.findElements(By.id("display-name")).isEmpty()) {
            WebElement input = b.find(By.id("display-name"));
            input.clear();
            input.sendKeys(name);
            b.find(By.id("join-board")).click();
        }
        awaitStatus(b, "connected");
    }

    /** Opens the panel beside the board (the facilitator's controls, vote results) unless it is open. */
    static void openPanel(Browser b) {
        WebElement toggle = b.find(By.id("panel-toggle"));
        if (!"true".equals(toggle.getDomAttribute("aria-expanded"))) toggle.click();
        b.waitFor(d -> d.findElement(By.id("board-panel")).isDisplayed(), "the panel beside the board");
    }

    /** Closes the panel beside the board if it is open. */
    static void closePanel(Browser b) {
        WebElement toggle = b.find(By.id("panel-toggle"));
        if ("true".equals(toggle.getDomAttribute("aria-expanded"))) toggle.click();
        b.waitFor(d -> !d.findElement(By.id("board-panel")).isDisplayed(), "the panel closed");
    }

    static void awaitStatus(Browser b, String status) {
        awaitStatusWithin(b, status, Browser.WAIT);
    }

    static void awaitStatusWithin(Browser b, String status, java.time.Duration timeout) {
        b.waitFor(d -> status.equals(d.findElement(By.id("connection-status")).getDomAttribute("data-status")),
                "connection status " + status, timeout);
    }

    static void openBoardTab(Browser b, String boardId) {
        b.find(By.cssSelector("[data-board-tab='" + boardId + "']")).click();
        b.waitFor(d -> boardId.equals(d.findElement(By.id("board")).getDomAttribute("data-board-id")), "board " + boardId);
        awaitStatus(b, "connected");
    }

    static WebElement zone(Browser b, String zone) {
        return b.find(By.cssSelector("#board [data-zone='" + zone + "']:not(.note)"));
    }

    static WebElement note(Browser b, String item) {
        return b.find(By.cssSelector(".note[data-item='" + item + "']"));
    }

    static String noteText(Browser b, String item) {
        List<WebElement> notes = b.driver.findElements(By.cssSelector(".note[data-item='" + item + "'] .note-text"));
        return notes.isEmpty() ? null : notes.get(0).getText();
    }

    /** Double-clicks a point of a zone (see {@link #zonePoint}) and returns the new note's item id, editor open. */
    static String createNoteIn(Browser b, String zone) {
        int[] p = zonePoint(b, zone);
        new Actions(b.driver).moveToLocation(p[0], p[1]).doubleClick().perform();
        return b.find(By.cssSelector("textarea.note-editor")).getDomAttribute("data-item");
    }

    /** Types into the open editor and closes it with Escape. */
    static void type(Browser b, String text) {
        WebElement editor = b.find(By.cssSelector("textarea.note-editor"));
        editor.sendKeys(text);
        editor.sendKeys(Keys.ESCAPE);
        b.waitFor(d -> d.findElements(By.cssSelector("textarea.note-editor")).isEmpty(), "editor closed");
    }

    /** Opens the editor of a note, replaces its text, closes it. */
    static void editNote(Browser b, String item, String text) {
        new Actions(b.driver).doubleClick(note(b, item)).perform();
        WebElement editor = b.find(By.cssSelector("textarea.note-editor"));
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        editor.sendKeys(text);
        editor.sendKeys(Keys.ESCAPE);
        b.waitFor(d -> d.findElements(By.cssSelector("textarea.note-editor")).isEmpty(), "editor closed");
    }

    /** Drags a note onto a point of a zone. */
    static void dragNoteTo(Browser b, String item, String zone) {
        note(b, item);
        int[] p = zonePoint(b, zone);
        // Grab near the bottom edge: the top of a note may carry controls (the health matrix's layer select).
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) b.js("const r = document.querySelector(\".note[data-item='\" + arguments[0] + \"']\")"
                + ".getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.bottom - 6};", item);
        int startX = (int) Math.round(((Number) r.get("x")).doubleValue());
        int startY = (int) Math.round(((Number) r.get("y")).doubleValue());
        new Actions(b.driver).moveToLocation(startX, startY).clickAndHold()
                .moveToLocation((startX + p[0]) / 2, (startY + p[1]) / 2)
                .moveToLocation(p[0], p[1]).release().perform();
    }

    /**
     * A viewport point inside a zone and outside every other zone: the centre of a rect zone, or
     * for a ring the middle of its band straight above the centre.
     */
    static int[] zonePoint(Browser b, String zone) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) b.js(
                "const el = document.querySelector(\"#board [data-zone='\" + arguments[0] + \"']:not(.note)\");"
                        + "const r = el.getBoundingClientRect();"
                        + "const inner = Number(el.getAttribute('data-inner') || 0), outer = Number(el.getAttribute('data-outer') || 0);"
                        + "if (outer > 0) { const s = r.width / (2 * outer); return {x: r.left + r.width / 2, y: r.top + r.height / 2 - (inner + outer) / 2 * s}; }"
                        + "return {x: r.left + r.width / 2, y: r.top + r.height / 2};", zone);
        return new int[]{(int) Math.round(((Number) p.get("x")).doubleValue()), (int) Math.round(((Number) p.get("y")).doubleValue())};
    }

    /** Which view the workshop page shows (`.board-host[data-open]`): a board id, plenary, room ...; null before. */
    static String openView(Browser b) {
        List<WebElement> hosts = b.driver.findElements(By.cssSelector("[data-open]"));
        return hosts.isEmpty() ? null : hosts.get(0).getDomAttribute("data-open");
    }

    /** Replaces the value of a text or number field. */
    static void fill(Browser b, String id, String text) {
        WebElement field = b.find(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    static JsonNode items(Api api, String board, String token) {
        return api.get("/api/boards/" + board, token).body().path("items");
    }

    /** Live items (not deleted) of a board, from the server. */
    static long liveItems(Api api, String board, String token) {
        JsonNode items = items(api, board, token);
        long n = 0;
        for (JsonNode item : items) if (!item.path("deleted").path("v").asBoolean(false)) n++;
        return n;
    }

    static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Closes what a test class started (browsers, proxy, node), each even if another fails. */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            try {
                if (c != null) c.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    /** Drags note {@code item} by its centre onto the centre of element {@code css}. */
    static void dragOnto(Browser b, String item, String css) {
        int[] from = centre(b, ".note[data-item='" + item + "']");
        int[] to = centre(b, css);
        new Actions(b.driver).moveToLocation(from[0], from[1]).clickAndHold()
                .moveToLocation((from[0] + to[0]) / 2, (from[1] + to[1]) / 2)
                .moveToLocation(to[0], to[1]).release().perform();
    }

    static int[] centre(Browser b, String css) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) b.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2};", css);
        return new int[]{(int) Math.round(((Number) r.get("x")).doubleValue()), (int) Math.round(((Number) r.get("y")).doubleValue())};
    }

    /** Waits for the inline name field of a new theme, names it, returns the theme's id. */
    static String nameNewTheme(Browser b, String title) {
        WebElement input = b.waitFor(d -> d.findElements(By.cssSelector("input.theme-title-input")).stream().findFirst().orElse(null),
                "the new theme's name field");
        String id = input.getDomAttribute("data-theme-input");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        input.sendKeys(title);
        input.sendKeys(Keys.ENTER);
        b.waitFor(d -> title.equals(d.findElement(By.cssSelector("[data-theme-title='" + id + "']")).getText()) ? true : null, "theme named " + title);
        return id;
    }
}
