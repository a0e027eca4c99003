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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5's must-show in real Chromium: one facilitator and four participants, each in their own
 * browser, on one node process. Breakout with a timer, reload during it, plenary side by side,
 * private writing (checked in the DOM and in the WebSocket frames the browser received), dot voting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class FacilitationE2EIT {

    /** Five browsers share two cores: moves between views get more than the usual 10 s. */
    static final Duration SLOW = Duration.ofSeconds(30);
    static final String[] NAMES = {"Anna", "Bram", "Chloë", "Dirk"};

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String plenary;
    static Browser f;
    static final Browser[] p = new Browser[4];
    static final Map<String, String> replicaOf = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Training welzijn op het werk", "three-b");
        plenary = workshop.path("boards").get(0).path("id").asText();
        f = Browser.start();
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        for (int i = 0; i < p.length; i++) {
            p[i] = Browser.start();
            // Bram's browser records every WebSocket frame it receives, from the first page load on.
            if (i == 1) recordFrames(p[i]);
            E2E.join(p[i], workshop.path("links").path("participant").asText(), null, NAMES[i]);
        }
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, p[0], p[1], p[2], p[3], node);
    }

    static void recordFrames(Browser b) {
        b.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__frames = []; const Native = window.WebSocket;"
                        + "window.WebSocket = class extends Native { constructor(...a) { super(...a);"
                        + " this.addEventListener('message', e => window.__frames.push(String(e.data))); } };"));
    }

    /** Presence frames {@code b} received that carry {@code replicaField} and a selection. */
    static long presenceCount(Browser b, String replicaField) {
        return framesOf(b).lines().filter(l -> l.contains("\"t\":\"presence\"") && l.contains(replicaField) && l.contains("\"selection\":[")).count();
    }

    static String framesOf(Browser b) {
        return String.valueOf(b.js("return (window.__frames || []).join('\\n');"));
    }

    static JsonNode room() {
        return api.get("/api/boards/" + workshop.path("room").asText(), workshop.path("tokens").path("observer").asText()).body().path("items");
    }

    @Test
    @Order(1)
    @DisplayName("Breakout: two groups of two land on their group board unasked; a facilitator reload keeps groups and timer; the timer's end brings all back to the plenary, both groups side by side")
    void breakoutTimerAndPlenary() {
        f.find(By.cssSelector("[data-board-tab='room']")).click();
        f.waitFor(d -> d.findElements(By.cssSelector("[data-person]")).size() == 4 ? true : null, "four participants in the room", SLOW);
        for (WebElement person : f.driver.findElements(By.cssSelector("[data-person]"))) {
            for (String name : NAMES) if (person.getText().contains(name)) replicaOf.put(name, person.getDomAttribute("data-person"));
        }
        assertEquals(4, replicaOf.size(), "every participant is listed by name: " + replicaOf);
        for (int i = 0; i < NAMES.length; i++) {
            new Select(f.find(By.cssSelector("select[data-assign='" + replicaOf.get(NAMES[i]) + "']"))).selectByValue(i < 2 ? "1" : "2");
        }
        new Select(f.find(By.id("breakout-mode"))).selectByValue("copies");
        new Select(f.find(By.id("breakout-template"))).selectByValue("three-b");
        f.find(By.id("breakout-start")).click();

        // Nobody clicks: each participant's page moves to their group's board.
        String[] landed = new String[4];
        for (int i = 0; i < 4; i++) {
            Browser b = p[i];
            landed[i] = b.waitFor(d -> {
                String o = E2E.openView(b);
                return o != null && !o.equals(plenary) && !o.equals("plenary") ? o : null;
            }, NAMES[i] + " on a group board", SLOW);
        }
        JsonNode r = room();
        assertEquals(r.path("group-1").path("board").path("v").asText(), landed[0]);
        assertEquals(landed[0], landed[1], "Anna and Bram share group 1's board");
        assertEquals(r.path("group-2").path("board").path("v").asText(), landed[2]);
        assertEquals(landed[2], landed[3], "Chloë and Dirk share group 2's board");
        assertNotEquals(landed[0], landed[2]);
        p[0].waitFor(d -> d.findElement(By.id("my-group")).getText().contains("Groep 1") ? true : null, "Anna is told her group");
        p[3].waitFor(d -> d.findElement(By.id("my-group")).getText().contains("Groep 2") ? true : null, "Dirk is told his group");
        assertTrue(p[0].driver.findElements(By.id("follow-me")).stream().noneMatch(WebElement::isDisplayed), "follow me is the facilitator's");

        for (int i : new int[]{0, 2}) {
            E2E.awaitStatus(p[i], "connected");
            E2E.createNoteIn(p[i], "keep");
            E2E.type(p[i], "Groep " + (i / 2 + 1) + ": " + (i == 0 ? "teamoverleg behouden" : "pauzes bewaken"));
        }
        p[1].waitFor(d -> d.getPageSource().contains("Groep 1: teamoverleg behouden"), "Bram sees Anna's note in group 1", SLOW);
        assertFalse(p[1].driver.getPageSource().contains("Groep 2: pauzes bewaken"), "group 2's board is elsewhere");

        E2E.fill(f, "timer-time", "0:15");
        f.find(By.id("timer-start")).click();
        f.waitFor(d -> room().path("timer").path("running").path("v").asBoolean() ? true : null, "timer running");

        // The facilitator reloads mid-breakout: groups, timer and phase are all still there.
        f.driver.navigate().refresh();
        f.waitFor(d -> "room".equals(E2E.openView(f)) ? true : null, "back on the room view", SLOW);
        f.find(By.id("breakout-end"));
        for (String name : NAMES) {
            f.waitFor(d -> d.findElement(By.cssSelector("[data-view='room']")).getText().contains(name) ? true : null, name + " listed after reload");
        }
        assertEquals("1", new Select(f.find(By.cssSelector("select[data-assign='" + replicaOf.get("Anna") + "']"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals("2", new Select(f.find(By.cssSelector("select[data-assign='" + replicaOf.get("Dirk") + "']"))).getFirstSelectedOption().getAttribute("value"));
        long left = f.waitFor(d -> {
            String ms = d.findElement(By.id("timer")).getDomAttribute("data-remaining-ms");
            return ms == null ? null : Long.parseLong(ms);
        }, "timer shown after reload");
        assertTrue(left > 0 && left <= 15_000, "the timer kept its server end: " + left + " ms left");

        // The timer runs out: everyone is back on the plenary, which shows both groups side by side.
        for (Browser b : new Browser[]{p[0], p[1], p[2], p[3]}) {
            b.waitFor(d -> "plenary".equals(E2E.openView(b)) ? true : null, "back on the plenary", SLOW);
            b.waitFor(d -> d.findElements(By.cssSelector("[data-view='plenary'] [data-group-board]")).size() == 2 ? true : null, "two groups side by side");
            b.waitFor(d -> {
                String g1 = d.findElement(By.cssSelector("[data-group-board='" + landed[0] + "']")).getText();
                String g2 = d.findElement(By.cssSelector("[data-group-board='" + landed[2] + "']")).getText();
                return g1.contains("Groep 1: teamoverleg behouden") && g2.contains("Groep 2: pauzes bewaken") ? true : null;
            }, "both groups' notes in their columns", SLOW);
        }
        assertEquals(List.of(), Axe.violations(p[1]), "the plenary view has no moderate, serious or critical accessibility violations");
        // Issue 16 finding 1: the node closed the breakout itself and the finished timer cleared itself.
        f.waitFor(d -> {
            JsonNode now = room();
            return !now.path("breakout").path("active").path("v").asBoolean(true) && !now.path("timer").path("running").path("v").asBoolean(true) ? true : null;
        }, "the node closed the breakout at the timer's end", SLOW);

        // The timer stopped, then a new one: nobody is pulled back into a group.
        f.find(By.id("timer-stop")).click();
        E2E.fill(f, "timer-time", "1:00");
        f.find(By.id("timer-start")).click();
        for (Browser b : p) {
            long seen = b.waitFor(d -> remainingMs(b) > 30_000 ? remainingMs(b) : null, "the new timer shown", SLOW);
            // A second of the countdown passes on this page (four navigation ticks): still on the plenary.
            b.waitFor(d -> remainingMs(b) <= seen - 1_000 ? true : null, "the countdown moves", SLOW);
            assertEquals("plenary", E2E.openView(b), "a new timer does not reopen the breakout");
        }
        f.find(By.id("timer-stop")).click();

        // Issue 16 finding 3: the same groups again, without re-assigning anyone.
        assertEquals("copies", new Select(f.find(By.id("breakout-mode"))).getFirstSelectedOption().getAttribute("value"), "the mode is kept");
        assertEquals("1", new Select(f.find(By.cssSelector("select[data-assign='" + replicaOf.get("Bram") + "']"))).getFirstSelectedOption().getAttribute("value"),
                "the groups are kept after the end");
        f.find(By.id("breakout-start")).click();
        String[] again = new String[4];
        for (int i = 0; i < 4; i++) {
            Browser b = p[i];
            again[i] = b.waitFor(d -> {
                String o = E2E.openView(b);
                return o != null && !o.equals(plenary) && !o.equals("plenary") ? o : null;
            }, NAMES[i] + " on a group board again", SLOW);
        }
        assertEquals(again[0], again[1], "Anna and Bram together again");
        assertEquals(again[2], again[3], "Chloë and Dirk together again");
        assertNotEquals(again[0], again[2]);
        assertTrue(f.find(By.id("breakout-error")).getText().isEmpty(), "no error");
        f.find(By.id("breakout-end")).click();
        for (Browser b : p) b.waitFor(d -> "plenary".equals(E2E.openView(b)) ? true : null, "back on the plenary after the second breakout", SLOW);
    }

    /** The countdown a page shows, in ms (-1 without a timer). */
    private static long remainingMs(Browser b) {
        var timer = b.driver.findElements(By.id("timer"));
        String ms = timer.isEmpty() ? null : timer.get(0).getDomAttribute("data-remaining-ms");
        return ms == null || ms.isEmpty() ? -1 : Long.parseLong(ms);
    }

    @Test
    @Order(2)
    @DisplayName("Private writing (finding 2 of 'Trust at the edge'): Bram gets nothing of Anna's note, not in the DOM, not in a WebSocket frame, not even its id; after reveal he sees it")
    void privateWriting() {
        E2E.openBoardTab(f, plenary);
        for (Browser b : p) E2E.openBoardTab(b, plenary);
        E2E.openPanel(f);
        f.find(By.id("board-private-start")).click();
        for (Browser b : p) b.find(By.id("private-banner"));
        String secret = "Alleen ik zie dit: de nachtdienst weegt zwaar";
        String note = E2E.createNoteIn(p[0], "drop");
        E2E.type(p[0], secret);
        String participant = workshop.path("tokens").path("participant").asText();
        long seq = p[0].waitFor(d -> {
            // The REST view hides the note too, but its seq shows the note is stored.
            JsonNode view = api.get("/api/boards/" + plenary, participant).body();
            return view.path("seq").asLong() > 0 && !view.path("items").has(note) ? view.path("seq").asLong() : null;
        }, "the note is stored");
        p[1].waitFor(d -> framesOf(p[1]).contains("\"seq\":" + seq) ? true : null, "Bram received seq " + seq, SLOW);
        assertFalse(p[1].driver.getPageSource().contains(secret), "not in Bram's DOM");
        assertFalse(framesOf(p[1]).contains(secret), "not in any frame Bram received");
        // Issue "Trust at the edge", finding 2: Anna's browser broadcasts the selection of the note it
        // just made; the node leaves the id out of Bram's copy (ID-7), so he cannot address the note.
        String anna = "\"replica\":\"" + replicaOf.get("Anna") + "\"";
        long before = presenceCount(p[1], anna);
        E2E.note(p[0], note).click();
        p[1].waitFor(d -> presenceCount(p[1], anna) > before ? true : null, "Bram received Anna's presence with her selection", SLOW);
        assertFalse(framesOf(p[1]).contains(note), "not even the note's id reached Bram (ID-7)");
        assertFalse(p[1].driver.findElements(By.cssSelector(".note[data-item='" + note + "']")).size() > 0);
        assertTrue(p[0].driver.getPageSource().contains(secret), "Anna sees her own note");

        f.find(By.id("board-reveal")).click();
        p[1].waitFor(d -> secret.equals(E2E.noteText(p[1], note)) ? true : null, "Bram sees it after the reveal", SLOW);
        f.waitFor(d -> secret.equals(E2E.noteText(f, note)) ? true : null, "so does the facilitator", SLOW);
    }

    @Test
    @Order(3)
    @DisplayName("Dot voting: dots placed, counts hidden while open, shown and sortable after closing")
    void dotVoting() {
        String a = E2E.createNoteIn(f, "keep");
        E2E.type(f, "Teamoverleg elke week");
        String b = E2E.createNoteIn(f, "achieve-short");
        E2E.type(f, "Pauzeruimte opknappen");
        for (Browser br : p) br.waitFor(d -> "Pauzeruimte opknappen".equals(E2E.noteText(br, b)) ? true : null, "notes arrived", SLOW);
        E2E.openPanel(f);
        E2E.fill(f, "vote-dots", "2");
        f.find(By.id("vote-start")).click();

        for (int i = 0; i < 3; i++) {
            Browser br = p[i];
            br.find(By.cssSelector("[data-vote-add='" + b + "']")).click();
            if (i == 0) {
                br.waitFor(d -> "1".equals(d.findElement(By.cssSelector(".note[data-item='" + b + "'] .note-my-dots")).getDomAttribute("data-count")) ? true : null, "own dot shown");
                br.find(By.cssSelector("[data-vote-add='" + b + "']")).click();
            } else {
                br.find(By.cssSelector("[data-vote-add='" + a + "']")).click();
            }
        }
        p[0].waitFor(d -> "2".equals(d.findElement(By.cssSelector(".note[data-item='" + b + "'] .note-my-dots")).getDomAttribute("data-count")) ? true : null, "Anna's two dots");
        for (int i = 0; i < 3; i++) E2E.awaitStatus(p[i], "connected"); // nothing left unacknowledged
        // While open: nobody sees counts, not even the facilitator.
        for (Browser br : new Browser[]{f, p[3]}) {
            assertTrue(br.driver.findElements(By.cssSelector(".note[data-votes]")).isEmpty(), "no counts while the vote is open");
            assertTrue(br.driver.findElements(By.cssSelector(".note-votes")).isEmpty(), "no totals while the vote is open");
        }
        assertEquals(0, dotsOnServer(b), "the REST view hides the dots while the vote is open");
        assertEquals(List.of(), Axe.violations(p[0]), "voting on a board: no moderate, serious or critical accessibility violations");
        assertEquals(List.of(), Axe.violations(f), "the facilitator's control bar: no moderate, serious or critical accessibility violations");

        f.find(By.id("vote-close")).click();
        for (Browser br : new Browser[]{f, p[0], p[3]}) {
            br.waitFor(d -> "4".equals(E2E.note(br, b).getDomAttribute("data-votes")) ? true : null, "note b shows 4 dots", SLOW);
            assertEquals("2", E2E.note(br, a).getDomAttribute("data-votes"));
        }
        assertEquals(4, dotsOnServer(b));
        f.find(By.id("vote-sort"));
        List<WebElement> ranked = f.driver.findElements(By.cssSelector("#vote-results li[data-item]"));
        assertEquals(b, ranked.get(0).getDomAttribute("data-item"), "sorted by dots, highest first");
    }

    /** Total dots on a note as the server holds them, read with the facilitator's token once shown. */
    static int dotsOnServer(String note) {
        JsonNode items = api.get("/api/boards/" + plenary, workshop.path("tokens").path("facilitator").asText()).body().path("items");
        int sum = 0;
        var fields = items.path(note).properties();
        for (var e : fields) if (e.getKey().startsWith("vote:")) sum += e.getValue().path("v").asInt();
        return sum;
    }

    @Test
    @Order(4)
    @DisplayName("Participants get no facilitator controls in the page")
    void participantsHaveNoControls() {
        assertTrue(p[2].driver.findElements(By.id("board-control")).isEmpty(), "no control bar for a participant");
        assertTrue(p[2].driver.findElements(By.cssSelector("[data-board-tab='room']")).stream().noneMatch(WebElement::isDisplayed),
                "no room tab for a participant");
        assertFalse(f.driver.findElements(By.id("board-control")).isEmpty());
    }

    @Test
    @Order(5)
    @DisplayName("Instruction and a check-in round reach everyone wherever they are; next moves the turn; an answer stays in the round, never on a board (issue 16 finding 2, C1)")
    void instructionAndCheckInRound() {
        f.find(By.cssSelector("[data-board-tab='room']")).click();
        E2E.fill(f, "instruction-text", "Kies elk één actie voor volgende week");
        f.find(By.id("instruction-set")).click();
        for (Browser b : p) {
            b.waitFor(d -> d.findElement(By.id("instruction")).getText().contains("Kies elk één actie") ? true : null, "instruction shown", SLOW);
        }
        new Select(f.find(By.id("round-kind"))).selectByValue("check-out");
        E2E.fill(f, "round-prompt", "Wat neem je mee?");
        f.find(By.id("round-start")).click();
        Browser anna = p[0];
        // FA-16: the facilitator takes no turn unless asked (facilitators: true).
        anna.waitFor(d -> d.findElements(By.cssSelector("#round [data-round-speaker]")).size() == 4 ? true : null,
                "every participant in the speaking order", SLOW);
        // The list is redrawn as the round moves on: read it in one script, never through a stale element.
        String currentSpeaker = "const e = document.querySelector('#round [data-round-speaker].current');"
                + " return e ? e.getAttribute('data-round-speaker') : null;";
        String first = anna.waitFor(d -> (String) anna.js(currentSpeaker), "a current speaker");
        assertTrue(anna.find(By.id("round-timer")).isDisplayed());
        f.find(By.id("round-next")).click();
        anna.waitFor(d -> {
            Object now = anna.js(currentSpeaker);
            return now != null && !first.equals(now) ? true : null;
        }, "the turn moved on");

        assertEquals(List.of(), Axe.violations(f), "the room view: no moderate, serious or critical accessibility violations");
        anna.find(By.id("round-answer")).sendKeys("Meer pauzes nemen");
        anna.find(By.id("round-answer-add")).click();
        String answers = "const e = document.getElementById('round-answers'); return e ? e.textContent : '';";
        anna.waitFor(d -> String.valueOf(anna.js(answers)).contains("Anna: Meer pauzes nemen") ? true : null, "the answer is in the round");
        p[3].waitFor(d -> String.valueOf(p[3].js(answers)).contains("Anna: Meer pauzes nemen") ? true : null, "Dirk sees the answer", SLOW);
        String notes = "return [...document.querySelectorAll('.note')].map(n => n.textContent).join('\\n');";
        assertFalse(String.valueOf(anna.js(notes)).contains("Meer pauzes nemen"), "no note on the board holds the answer");
        f.find(By.id("round-end")).click();
    }
}
