package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Axe;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Screenshots;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's phone in real Chromium: a 390×844 touch device (CDP device metrics and touch events).
 * Board first, tools in a strip at the bottom, pinch zoom and two-finger pan, a long press opens the
 * menu, a double tap adds a note, the editor stays inside the visual viewport while typing (also
 * when the keyboard takes half the screen), and every control is at least 24 × 24 px (WCAG 2.5.8).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class PhoneE2EIT {

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String board;
    static Browser phone;
    static final Duration SLOW = Duration.ofSeconds(20);

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Op de telefoon", "windroos");
        board = workshop.path("boards").get(0).path("id").asText();
        phone = Browser.start();
        phone.viewport(390, 844, true);
        E2E.join(phone, workshop.path("links").path("participant").asText(), null, "Anna");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(phone, node);
    }

    static double zoom() {
        return Double.parseDouble(phone.find(By.cssSelector("#board .board-viewport")).getDomAttribute("data-zoom"));
    }

    static Map<String, Object> point(double x, double y, int id) {
        return Map.of("x", x, "y", y, "id", id, "radiusX", 5, "radiusY", 5, "force", 1);
    }

    /** Two fingers from (ax, ay), (bx, by) moved by their deltas in steps, as CDP touch events. */
    static void twoFingers(double ax, double ay, double bx, double by, double dax, double day, double dbx, double dby) {
        phone.cdp("Input.dispatchTouchEvent", Map.of("type", "touchStart", "touchPoints", List.of(point(ax, ay, 1), point(bx, by, 2))));
        int steps = 8;
        for (int i = 1; i <= steps; i++) {
            double k = (double) i / steps;
            phone.cdp("Input.dispatchTouchEvent", Map.of("type", "touchMove",
                    "touchPoints", List.of(point(ax + dax * k, ay + day * k, 1), point(bx + dbx * k, by + dby * k, 2))));
        }
        phone.cdp("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
    }

    static void tap(double x, double y) {
        phone.cdp("Input.dispatchTouchEvent", Map.of("type", "touchStart", "touchPoints", List.of(point(x, y, 1))));
        phone.cdp("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
    }

    @Test
    @Order(1)
    @DisplayName("The board comes first: it starts at the top, fills ≥ 80 % of the phone, the tools sit in a strip at the bottom, and no zone's count is cut off")
    void boardFirst() {
        @SuppressWarnings("unchecked")
        Map<String, Number> v = (Map<String, Number>) phone.js("const r = document.querySelector('#board .board-viewport').getBoundingClientRect();"
                + "const t = document.querySelector('.board-tools').getBoundingClientRect();"
                + "const hd = document.querySelector('header').getBoundingClientRect();"
                + "return {top: r.top, header: hd.bottom, share: r.width * r.height / (innerWidth * innerHeight), toolsTop: t.top, toolsBottom: t.bottom, toolsWidth: t.width};");
        assertTrue(v.get("top").doubleValue() <= v.get("header").doubleValue() + 1 && v.get("header").doubleValue() <= 60,
                "the board starts right below a one-row header: " + v);
        assertTrue(v.get("share").doubleValue() >= 0.8, "board share " + v);
        assertTrue(v.get("toolsBottom").doubleValue() >= 844 - 20 && v.get("toolsWidth").doubleValue() >= 300, "a strip at the bottom: " + v);
        Screenshots.save(phone, "phone-board");
        // The whole board on a phone has narrow zones: each count still fits inside its zone.
        assertEquals(List.of(), clashes("#board").stream().filter(c -> c.startsWith("count")).toList(), "zone counts on the phone's whole board");
    }

    @Test
    @Order(2)
    @DisplayName("A pinch (two touch points moving apart) zooms in around them; moving two fingers together pans")
    void pinchAndPan() {
        double before = zoom();
        twoFingers(160, 420, 230, 420, -70, 0, 70, 0);
        phone.waitFor(d -> zoom() > before * 1.5 ? true : null, "pinched from " + before);
        double zoomed = zoom();
        String transform = phone.find(By.cssSelector("#board .board-layer")).getCssValue("transform");
        twoFingers(150, 400, 250, 400, 60, 80, 60, 80);
        phone.waitFor(d -> !transform.equals(d.findElement(By.cssSelector("#board .board-layer")).getCssValue("transform")) ? true : null, "panned");
        assertEquals(zoomed, zoom(), zoomed * 0.02, "two fingers moving together pan without zooming");
        phone.find(By.id("zoom-reset")).click();
        phone.waitFor(d -> Math.abs(zoom() - before) < 0.005 ? true : null, "fit again");
    }

    /** Whether the note editor lies inside the visual viewport (what is visible above a keyboard). */
    static boolean editorVisible() {
        Object in = phone.js("const e = document.querySelector('textarea.note-editor'); if (!e) return false;"
                + "const r = e.getBoundingClientRect(); const v = window.visualViewport;"
                + "return r.top >= v.offsetTop - 0.5 && r.bottom <= v.offsetTop + v.height + 0.5 && r.left >= v.offsetLeft - 0.5"
                + " && r.right <= v.offsetLeft + v.width + 0.5 && r.height >= 40;");
        return Boolean.TRUE.equals(in);
    }

    @Test
    @Order(3)
    @DisplayName("A double tap on a zone adds a note; its editor is inside the visual viewport while typing, also when a keyboard takes half the screen")
    void editorAboveTheKeyboard() {
        int[] p = E2E.zonePoint(phone, "south");
        tap(p[0], p[1]);
        tap(p[0], p[1]);
        WebElement editor = phone.find(By.cssSelector("textarea.note-editor"));
        assertTrue(editorVisible(), "the editor is visible");
        editor.sendKeys("Pauzes ");
        assertTrue(editorVisible(), "still visible while typing");
        // The on-screen keyboard: the phone's visible area shrinks to 440 px.
        phone.viewport(390, 440, true);
        phone.waitFor(d -> editorVisible() ? true : null, "the editor moved above the keyboard");
        editor.sendKeys("bewaken");
        assertTrue(editorVisible(), "visible while typing above the keyboard");
        Screenshots.save(phone, "phone-editor-keyboard");
        assertEquals(List.of(), Axe.violationsWithTargetSize(phone), "the note editor open on the phone");
        phone.viewport(390, 844, true);
        String id = editor.getDomAttribute("data-item");
        E2E.type(phone, "");
        phone.waitFor(d -> "Pauzes bewaken".equals(E2E.items(api, board, workshop.path("tokens").path("observer").asText())
                .path(id).path("text").path("v").asText()) ? true : null, "the note is stored");
    }

    @Test
    @Order(4)
    @DisplayName("A long press on a note opens its menu")
    void longPressMenu() {
        WebElement note = phone.find(By.cssSelector("#board .note"));
        @SuppressWarnings("unchecked")
        Map<String, Number> c = (Map<String, Number>) phone.js("const r = arguments[0].getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2};", note);
        phone.cdp("Input.dispatchTouchEvent", Map.of("type", "touchStart", "touchPoints", List.of(point(c.get("x").doubleValue(), c.get("y").doubleValue(), 1))));
        try {
            phone.waitFor(d -> d.findElements(By.id("board-menu")).isEmpty() ? null : true, "the menu after a long press");
        } finally {
            phone.cdp("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
        }
        assertTrue(phone.find(By.cssSelector("#board-menu [data-menu=duplicate]")).isDisplayed());
        Screenshots.save(phone, "phone-menu");
        assertEquals(List.of(), Axe.violationsWithTargetSize(phone), "the phone's menu: no violations, targets included");
        phone.find(By.cssSelector("#board-menu [data-menu=select-all]")).click();
        phone.waitFor(d -> d.findElements(By.id("board-menu")).isEmpty() ? true : null, "the menu closed");
    }

    @Test
    @Order(5)
    @DisplayName("WCAG 2.5.8: every control outside the zoomable board is at least 24 × 24 px on the phone")
    void targetSizes() {
        phone.find(By.cssSelector("#board .note")).click(); // the selection bar shows too
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) phone.js("return [...document.querySelectorAll('button, a[href], input, select, textarea, [role=menuitem], [tabindex=\"0\"]')]"
                + ".filter(e => !e.closest('.board-layer') && !e.classList.contains('skip-link'))"
                + ".filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
                + "  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && (r.width < 24 || r.height < 24); })"
                + ".map(e => (e.id || e.className || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height));");
        assertEquals(List.of(), small, "controls under 24 px");
        assertEquals(List.of(), Axe.violationsWithTargetSize(phone));
    }

    /** What covers or cuts what on the boards in `scope`: floating tools over zones, zone counts cut off. */
    @SuppressWarnings("unchecked")
    static List<String> clashes(String scope) {
        return (List<String>) phone.js("const out = []; const r = e => e.getBoundingClientRect();"
                + "const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;"
                + "for (const col of document.querySelectorAll(arguments[0])) {"
                + "  const zones = [...col.querySelectorAll('.zone')];"
                + "  for (const tool of col.querySelectorAll('.zoom-tools, .status-chip')) for (const z of zones)"
                + "    if (meets(r(tool), r(z))) out.push((tool.className) + ' covers zone ' + z.dataset.zone);"
                + "  for (const c of col.querySelectorAll('.zone-count')) { const z = r(c.closest('.zone')); const b = r(c);"
                + "    if (c.scrollWidth > c.clientWidth || b.right > z.right - 1 || b.bottom > z.bottom - 1)"
                + "      out.push('count cut off: \\'' + c.textContent + '\\' ' + c.scrollWidth + '/' + c.clientWidth + ' px in zone ' + c.closest('.zone').dataset.zone); } }"
                + "return out;", scope);
    }

    static List<String> plenaryClashes() {
        return clashes("[data-view=plenary] .plenary-column");
    }

    @Test
    @Order(6)
    @DisplayName("FA-3 plenary on the phone: the fit button and status cover no zone, and no zone's count is cut off")
    void plenaryClearOfTools() {
        try (WsClient r = WsClient.connect(node.base())) {
            JsonNode welcome = r.join(workshop.path("tokens").path("facilitator").asText(), workshop.path("room").asText(), "roomFien09", "Fien (WS)");
            String anna = null;
            for (JsonNode peer : welcome.path("peers")) if (peer.path("name").asText().equals("Anna")) anna = peer.path("replica").asText();
            assertTrue(anna != null, "Anna is in the room: " + welcome.path("peers"));
            ObjectNode start = WsClient.frame("control").put("request", "p1").put("action", "breakoutStart").put("mode", "copies").put("template", "three-b");
            start.putArray("groups").addObject().put("name", "Groep 1").putArray("members").add(anna);
            r.send(start);
            r.next("done");
            phone.waitFor(d -> !board.equals(E2E.openView(phone)) ? true : null, "Anna on her group's board", SLOW);
            r.send(WsClient.frame("control").put("request", "p2").put("action", "breakoutEnd"));
            r.next("done");
        }
        phone.waitFor(d -> "plenary".equals(E2E.openView(phone)) ? true : null, "back on the plenary", SLOW);
        phone.waitFor(d -> d.findElements(By.cssSelector("[data-view=plenary] .zone")).size() == 4 ? true : null, "the group's board");
        try {
            phone.waitFor(d -> plenaryClashes().isEmpty() ? true : null, "nothing covers or cuts the plenary board", SLOW);
        } catch (org.openqa.selenium.TimeoutException stillClashing) {
            // The assertion below names what clashes.
        }
        Screenshots.save(phone, "phone-plenary");
        assertEquals(List.of(), plenaryClashes(), "the plenary board on the phone");
        assertEquals(List.of(), Axe.violationsWithTargetSize(phone), "the plenary on the phone");
    }
}
