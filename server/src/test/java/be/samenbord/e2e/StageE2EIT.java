package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Axe;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Screenshots;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, "the board is the stage", in real Chromium: a facilitator and a participant on a
 * windroos with 20 notes at 1280×720, 1920×1080 and a 390×844 touch phone. The board's share of the
 * window, legible text at fit, follow-me and the plenary fitting each viewer, axe-core (moderate,
 * serious, critical) in every state, and screenshots of both views at each size for people to judge
 * (target/e2e-screenshots/stage-*.png).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class StageE2EIT {

    record Size(String name, int width, int height, boolean phone) {
    }

    static final List<Size> SIZES = List.of(new Size("1280x720", 1280, 720, false), new Size("1920x1080", 1920, 1080, false),
            new Size("390x844", 390, 844, true));
    static final Duration SLOW = Duration.ofSeconds(20);

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String windroos;
    static String threeB;
    static Browser f;
    static Browser p;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Training welzijn op het werk", "windroos", "three-b");
        windroos = workshop.path("boards").get(0).path("id").asText();
        threeB = workshop.path("boards").get(1).path("id").asText();
        seedWindroos();
        f = Browser.start();
        p = Browser.start();
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        E2E.join(p, workshop.path("links").path("participant").asText(), null, "Anna");
        p.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == 20 ? true : null, "the 20 notes");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, p, node);
    }

    /** Five notes in each quadrant, as a group leaves a windroos after a training. */
    static void seedWindroos() {
        String[][] texts = {
                {"Meer erkenning voor elkaar", "Duidelijke rolverdeling", "Teamoverleg elke week", "Trots op ons team", "Mentorschap voor starters"},
                {"Nieuwe planningstool", "Flexibel thuiswerken", "Opleiding timemanagement", "Samen lunchen op vrijdag", "Feedback na elk project"},
                {"Te veel vergaderingen", "Werkdruk piekt in december", "Onduidelijke prioriteiten", "Pauzes schieten erbij in", "Mails na 18u"},
                {"Loslaten: perfectionisme", "Minder rapporten", "Geen dubbele registratie", "Stoppen met ad-hoc vragen", "Minder overleg zonder agenda"}};
        String[] zones = {"north", "east", "south", "west"};
        int[][] corner = {{600, 20}, {1220, 480}, {600, 940}, {20, 480}};
        try (WsClient c = WsClient.connect(node.base())) {
            c.join(workshop.path("tokens").path("facilitator").asText(), windroos, "seederW001", "Sanne");
            OpsBuilder ops = new OpsBuilder("seederW001");
            List<ObjectNode> all = new ArrayList<>();
            for (int q = 0; q < 4; q++) {
                for (int i = 0; i < 5; i++) {
                    String id = "seed" + zones[q] + i;
                    all.add(ops.op(id, "kind", "note"));
                    all.add(ops.op(id, "text", texts[q][i]));
                    all.add(ops.op(id, "zone", zones[q]));
                    all.add(ops.op(id, "x", corner[q][0] + 14 + (i % 3) * 172));
                    all.add(ops.op(id, "y", corner[q][1] + 120 + (i / 3) * 112));
                    all.add(ops.op(id, "author", "Sanne"));
                }
            }
            c.send(OpsBuilder.batch("seed", all.toArray(JsonNode[]::new)));
            c.next("ack");
        }
    }

    /** The share of the window the board's viewport shows (what of it is on screen). */
    static double boardShare(Browser b) {
        return ((Number) b.js("const v = document.querySelector('#board .board-viewport').getBoundingClientRect();"
                + "const w = Math.max(0, Math.min(innerWidth, v.right) - Math.max(0, v.left));"
                + "const h = Math.max(0, Math.min(innerHeight, v.bottom) - Math.max(0, v.top));"
                + "return w * h / (innerWidth * innerHeight);")).doubleValue();
    }

    /** Waits until the board's zoom has stopped changing (a resize refits it): the same for five polls. */
    static void settle(Browser b) {
        b.js("window.__zooms = [];");
        b.waitFor(d -> {
            Object same = b.js("const z = document.querySelector('#board .board-viewport')?.dataset.zoom; const zs = window.__zooms;"
                    + "zs.push(z); return z !== undefined && zs.length >= 5 && zs.slice(-5).every(x => x === z);");
            return Boolean.TRUE.equals(same) ? true : null;
        }, "the board fitted", Duration.ofSeconds(10));
    }

    static void size(Browser b, Size s) {
        b.viewport(s.width(), s.height(), s.phone());
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return innerWidth === arguments[0] && innerHeight === arguments[1];", s.width(), s.height()))
                ? true : null, "the window is " + s.name());
        if (!b.driver.findElements(By.cssSelector("#board .board-viewport")).isEmpty()) settle(b);
    }

    @Test
    @Order(1)
    @DisplayName("The board fills the window: ≥ 80 % for a participant, ≥ 70 % for a facilitator with the panel closed, at 1280×720, 1920×1080 and 390×844; screenshots; axe in each state")
    void boardFillsTheWindow() {
        E2E.openBoardTab(f, windroos);
        List<String> problems = new ArrayList<>();
        for (Size s : SIZES) {
            size(f, s);
            size(p, s);
            E2E.closePanel(f);
            settle(f);
            double fShare = boardShare(f);
            double pShare = boardShare(p);
            System.out.printf("stage %s: board share facilitator %.3f, participant %.3f, zoom %s%n", s.name(), fShare, pShare,
                    p.find(By.cssSelector("#board .board-viewport")).getDomAttribute("data-zoom"));
            assertTrue(pShare >= 0.80, s.name() + ": the participant's board shows " + pShare + " of the window");
            assertTrue(fShare >= 0.70, s.name() + ": the facilitator's board shows " + fShare + " of the window");
            Screenshots.save(f, "stage-facilitator-" + s.name());
            Screenshots.save(p, "stage-participant-" + s.name());
            problems.addAll(axe(f, s, "facilitator"));
            problems.addAll(axe(p, s, "participant"));
            E2E.openPanel(f);
            Screenshots.save(f, "stage-facilitator-panel-" + s.name());
            problems.addAll(axe(f, s, "facilitator, panel open"));
            E2E.closePanel(f);
        }
        assertEquals(List.of(), problems);
    }

    static List<String> axe(Browser b, Size s, String who) {
        List<String> v = s.phone() ? Axe.violationsWithTargetSize(b) : Axe.violations(b);
        return v.stream().map(x -> s.name() + " " + who + ": " + x).toList();
    }

    @Test
    @Order(2)
    @DisplayName("At fit on the windroos with 20 notes at 1280×720 the median note text is at least 11 CSS px on screen")
    void legibleAtFit() {
        Size s = SIZES.get(0);
        size(p, s);
        p.find(By.id("zoom-reset")).click();
        settle(p);
        @SuppressWarnings("unchecked")
        List<Number> sizes = (List<Number>) p.js("const layer = document.querySelector('#board .board-layer');"
                + "const scale = layer.getBoundingClientRect().width / layer.offsetWidth;"
                + "return [...document.querySelectorAll('#board .note .note-text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale).sort((a, b) => a - b);");
        assertEquals(20, sizes.size());
        double median = (sizes.get(9).doubleValue() + sizes.get(10).doubleValue()) / 2;
        System.out.printf("stage: note text at fit, 1280x720: median %.2f px, smallest %.2f px%n", median, sizes.get(0).doubleValue());
        assertTrue(median >= 11, "median note text " + median + " px");
        double zoneLabel = ((Number) p.js("const layer = document.querySelector('#board .board-layer');"
                + "return parseFloat(getComputedStyle(document.querySelector(\"#board .zone[data-zone='north'] .zone-label\")).fontSize)"
                + " * layer.getBoundingClientRect().width / layer.offsetWidth;")).doubleValue();
        assertTrue(zoneLabel >= 12, "zone label " + zoneLabel + " px");
    }

    /** The part of the board a browser's viewport shows, in board units and within the board: [x, y, w, h]. */
    @SuppressWarnings("unchecked")
    static List<Number> visibleBoard(Browser b) {
        return (List<Number>) b.js("const v = document.querySelector('#board .board-viewport').getBoundingClientRect();"
                + "const l = document.querySelector('#board .board-layer'); const r = l.getBoundingClientRect(); const s = r.width / l.offsetWidth;"
                + "const x0 = Math.max(0, (v.left - r.left) / s), y0 = Math.max(0, (v.top - r.top) / s);"
                + "const x1 = Math.min(l.offsetWidth, (v.right - r.left) / s), y1 = Math.min(l.offsetHeight, (v.bottom - r.top) / s);"
                + "return [x0, y0, x1 - x0, y1 - y0];");
    }

    /** The smallest note text, in screen px, at which a word must be whole (web/src/ui/board/note-fit.ts MIN_SCREEN_PX). */
    static final double MIN_SCREEN_PX = 10;

    /**
     * Each word of each note's text as the browser laid it out (a Range per word): a word whose
     * boxes lie on two lines is broken, which is only right when it is wider than the note's text
     * box even at the smallest readable size. Returns {broken: [...], long: [...], words, sizes}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> wordBreaks(Browser b) {
        b.driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
        return (Map<String, Object>) b.js("const layer = document.querySelector('#board .board-layer');"
                + "const scale = layer.getBoundingClientRect().width / layer.offsetWidth;"
                + "const probe = document.createElement('span'); probe.style.cssText = 'position:absolute;left:-9999px;top:0;white-space:nowrap';"
                + "document.body.append(probe); const broken = [], long = [], sizes = []; let words = 0;"
                + "for (const t of document.querySelectorAll('#board .note .note-text')) {"
                + "  const node = t.firstChild; if (!node) continue; const cs = getComputedStyle(t);"
                + "  sizes.push(parseFloat(cs.fontSize) * scale);"
                + "  probe.style.fontFamily = cs.fontFamily; probe.style.fontWeight = cs.fontWeight;"
                + "  probe.style.fontSize = Math.min(parseFloat(cs.fontSize), arguments[0] / scale) + 'px';"
                + "  const re = /[^\\s-]+-?/g; let m;"
                + "  while ((m = re.exec(node.textContent))) { words++;"
                + "    const range = document.createRange(); range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);"
                + "    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));"
                + "    if (tops.size < 2) continue; probe.textContent = m[0];"
                + "    (probe.offsetWidth > t.clientWidth ? long : broken).push(m[0] + ' (' + Math.round(probe.offsetWidth * scale) + ' px at the floor, box ' + Math.round(t.clientWidth * scale) + ' px)'); } }"
                + "probe.remove(); sizes.sort((a, c) => a - c); return {broken, long, words, sizes};", MIN_SCREEN_PX);
    }

    @Test
    @Order(3)
    @DisplayName("Issue 15: at fit on a filled windroos at 1280×720 and 1920×1080 no note breaks a word that fits the note at a readable size")
    void wordsStayWholeAtFit() {
        List<String> problems = new ArrayList<>();
        for (Size s : SIZES.subList(0, 2)) {
            size(p, s);
            p.find(By.id("zoom-reset")).click();
            settle(p);
            Map<String, Object> r = wordBreaks(p);
            @SuppressWarnings("unchecked")
            List<Number> sizes = (List<Number>) r.get("sizes");
            System.out.printf("stage %s: %s words, broken ordinary words %s, too long for the note even at %.0f px %s; note text %.1f to %.1f px, median %.1f px%n",
                    s.name(), r.get("words"), r.get("broken"), MIN_SCREEN_PX, r.get("long"), sizes.get(0).doubleValue(),
                    sizes.get(sizes.size() - 1).doubleValue(), (sizes.get(9).doubleValue() + sizes.get(10).doubleValue()) / 2);
            Screenshots.save(p, "stage-notes-at-fit-" + s.name());
            for (Object w : (List<?>) r.get("broken")) problems.add(s.name() + ": " + w);
        }
        assertEquals(List.of(), problems, "ordinary words broken mid-word");
    }

    @Test
    @Order(4)
    @DisplayName("FA-2 follow: a phone follows a 1920×1080 facilitator and fits what the facilitator sees into its own screen")
    void followFitsThePhone() {
        size(f, SIZES.get(1));
        size(p, SIZES.get(2));
        E2E.openBoardTab(f, windroos);
        f.find(By.id("zoom-reset")).click();
        settle(f);
        E2E.openBoardTab(p, threeB);
        f.find(By.id("follow-me")).click();
        p.waitFor(d -> windroos.equals(E2E.openView(p)) ? true : null, "the participant follows to the windroos", SLOW);
        settle(p);
        List<Number> led = visibleBoard(f);
        p.waitFor(d -> {
            List<Number> seen = visibleBoard(p);
            // The phone is narrow: the leader's whole width fits, so it shows at least that much.
            return seen.get(2).doubleValue() >= led.get(2).doubleValue() * 0.95 ? true : null;
        }, "the phone fits the facilitator's view", SLOW);
        double layerWidth = ((Number) p.js("return document.querySelector('#board .board-layer').getBoundingClientRect().width;")).doubleValue();
        assertTrue(layerWidth >= 340, "the followed board is " + layerWidth + " px wide on a 390 px phone");
        Screenshots.save(p, "stage-participant-following-390x844");
        f.find(By.id("follow-me")).click();
        f.waitFor(d -> "false".equals(d.findElement(By.id("follow-me")).getDomAttribute("aria-pressed")) ? true : null, "follow off");
    }

    @Test
    @Order(5)
    @DisplayName("FA-3 plenary on a phone: each group's board fits the phone's width")
    void plenaryFitsThePhone() {
        size(p, SIZES.get(2));
        String room = workshop.path("room").asText();
        try (WsClient r = WsClient.connect(node.base())) {
            JsonNode welcome = r.join(workshop.path("tokens").path("facilitator").asText(), room, "roomFien01", "Fien (WS)");
            String anna = null;
            for (JsonNode peer : welcome.path("peers")) if (peer.path("name").asText().equals("Anna")) anna = peer.path("replica").asText();
            assertTrue(anna != null, "Anna is in the room: " + welcome.path("peers"));
            ObjectNode start = WsClient.frame("control").put("request", "b1").put("action", "breakoutStart").put("mode", "copies").put("template", "three-b");
            ArrayNode groups = start.putArray("groups");
            groups.addObject().put("name", "Groep 1").putArray("members").add(anna);
            r.send(start);
            r.next("done");
            p.waitFor(d -> !windroos.equals(E2E.openView(p)) && !threeB.equals(E2E.openView(p)) ? true : null, "Anna on her group's board", SLOW);
            r.send(WsClient.frame("control").put("request", "b2").put("action", "breakoutEnd"));
            r.next("done");
        }
        p.waitFor(d -> "plenary".equals(E2E.openView(p)) ? true : null, "back on the plenary", SLOW);
        p.waitFor(d -> d.findElements(By.cssSelector("[data-view=plenary] .board-layer")).size() == 1 ? true : null, "the group's board");
        p.waitFor(d -> {
            Object ok = p.js("return [...document.querySelectorAll('[data-view=plenary] .plenary-column')].every(c => {"
                    + " const l = c.querySelector('.board-layer').getBoundingClientRect(); const cr = c.getBoundingClientRect();"
                    + " return cr.width <= innerWidth && l.width >= cr.width * 0.8; });");
            return Boolean.TRUE.equals(ok) ? true : null;
        }, "each group's board fits the phone's width", SLOW);
        Screenshots.save(p, "stage-participant-plenary-390x844");
        assertEquals(List.of(), Axe.violationsWithTargetSize(p), "the plenary on a phone");
    }

    @Test
    @Order(6)
    @DisplayName("Small things: en-GB starts in English, the favicon loads, copy buttons say 'copied', the mute bell is drawn, observers get no edit tools, convert only for writers")
    void smallThings() {
        try (Browser en = Browser.start("--accept-lang=en-GB,en")) {
            en.open(node.base() + "/");
            assertEquals("en", en.find(By.tagName("html")).getDomAttribute("lang"), "en-GB starts in English");
            assertEquals("Create", en.find(By.id("create-workshop")).getText().split(" ")[0]);
            Object icon = en.driver.executeAsyncScript("const done = arguments[0]; const l = document.querySelector('link[rel=icon]');"
                    + "fetch(l.href).then(r => done(r.status + ' ' + r.headers.get('content-type'))).catch(e => done(String(e)));");
            assertTrue(String.valueOf(icon).startsWith("200 image/svg"), "favicon: " + icon);
            en.cdp("Browser.grantPermissions", Map.of("origin", node.base(), "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
            en.find(By.id("workshop-title")).sendKeys("Copy test");
            en.find(By.cssSelector("input[name=template][value=windroos]")).click();
            en.find(By.id("create-workshop")).click();
            WebElement copy = en.find(By.cssSelector("button[data-copy=participant]"));
            Screenshots.save(en, "stage-workshop-created");
            assertEquals(List.of(), Axe.violations(en), "the page right after creating a workshop");
            copy.click();
            en.waitFor(d -> "true".equals(d.findElement(By.cssSelector("button[data-copy=participant]")).getDomAttribute("data-copied"))
                    && d.findElement(By.cssSelector("button[data-copy=participant]")).getText().contains("Copied") ? true : null, "the button says copied");
            assertEquals(List.of(), Axe.violations(en), "the links page with a button saying copied");
        }
        try (WsClient r = WsClient.connect(node.base())) {
            r.join(workshop.path("tokens").path("facilitator").asText(), workshop.path("room").asText(), "roomFien02", "Fien (WS)");
            r.send(WsClient.frame("control").put("request", "t").put("action", "timerStart").put("seconds", 120));
            r.next("done");
            size(p, SIZES.get(0));
            E2E.openBoardTab(p, windroos);
            WebElement mute = p.waitFor(d -> d.findElements(By.cssSelector("#timer-mute svg")).isEmpty() ? null : d.findElement(By.id("timer-mute")), "the drawn bell");
            assertFalse(mute.getText().contains("🔔"), "no emoji bell");
            r.send(WsClient.frame("control").put("request", "t2").put("action", "timerStop"));
            r.next("done");
        }
        E2E.openBoardTab(p, threeB);
        assertTrue(p.find(By.id("add-note")).isDisplayed() && p.find(By.id("convert-fiches")).isDisplayed(), "a participant writes and converts");
        try (Browser o = Browser.start()) {
            E2E.join(o, workshop.path("links").path("observer").asText(), null, "Olga");
            E2E.openBoardTab(o, threeB);
            for (String id : List.of("add-note", "undo", "redo")) {
                assertFalse(o.find(By.id(id)).isDisplayed(), "an observer sees no " + id);
            }
            assertTrue(o.driver.findElements(By.id("convert-fiches")).isEmpty(), "no convert button for an observer");
            new Actions(o.driver).click(o.find(By.cssSelector("#board .zone[data-zone='keep']"))).perform();
            assertEquals(List.of(), Axe.violations(o), "an observer's board");
        }
    }
}
