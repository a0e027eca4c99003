package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NetCut;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Screenshots;
import be.samenbord.testkit.WsClient;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue "Nothing typed is lost" in real Chromium (rules TX-1..TX-8): two, then three browsers
 * typing in one note at once, three in one fiche field at once, and one browser offline for 60 s
 * typing 500 characters into a note the others edit meanwhile. Every character of every person is
 * in the final text, once, on every browser and in {@code GET /api/boards/{id}}. Browser C reaches
 * the node through a {@link NetCut}, so it can really go offline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class TextMergeE2EIT {

    static final Duration SLOW = Duration.ofSeconds(30);

    static NodeProcess node;
    static NetCut cut;
    static Api api;
    static JsonNode workshop;
    static String board;
    static String fiche;
    static Browser a;
    static Browser b;
    static Browser c;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        cut = new NetCut(Integer.parseInt(node.base().replaceAll(".*:", "")));
        api = new Api(node.base());
        workshop = api.createWorkshop("Samen typen", "windroos", "priority-actions");
        board = workshop.path("boards").get(0).path("id").asText();
        fiche = convertOneRow(workshop.path("boards").get(1).path("id").asText());
        a = Browser.start();
        b = Browser.start();
        c = Browser.start();
        for (Browser who : List.of(a, b, c)) recordFrames(who);
        E2E.join(a, link(), null, "Ann");
        E2E.join(b, link(), null, "Bart");
        E2E.join(c, link(), cut.base(), "Cas");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(a, b, c, cut, node);
    }

    /** Every WebSocket frame the page sends ("> ") and receives ("< "), for the failure message. */
    static void recordFrames(Browser who) {
        who.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__frames = []; const Native = window.WebSocket;"
                        + "window.WebSocket = class extends Native { constructor(...a) { super(...a);"
                        + " this.addEventListener('message', e => window.__frames.push('< ' + String(e.data))); }"
                        + " send(d) { window.__frames.push('> ' + String(d)); return super.send(d); } };"));
    }

    static List<String> frames(Browser who) {
        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) who.js("return window.__frames || [];");
        return all.stream().map(String::valueOf).toList();
    }

    /** What went wrong between a browser and the node: its refused batches and errors. */
    static String errorsOf(Browser who) {
        return String.join("\n", frames(who).stream().filter(f -> f.contains("\"t\":\"error\"")).limit(20).toList());
    }

    static String link() {
        return workshop.path("links").path("participant").asText();
    }

    static String token(String role) {
        return workshop.path("tokens").path(role).asText();
    }

    /** A fiche to type in: one row of the 5 priority actions, converted over REST. */
    static String convertOneRow(String actions) {
        JsonNode zones = api.get("/api/templates/priority-actions", null).body().path("zones");
        JsonNode shape = null;
        for (JsonNode z : zones) if (z.path("id").asText().equals("action-1.title")) shape = z.path("shape");
        OpsBuilder ops = new OpsBuilder("e2e-text-filler");
        try (WsClient ws = WsClient.connect(node.base())) {
            ws.join(token("participant"), actions, "e2e-text-filler", "Vuller");
            ws.send(OpsBuilder.batch("fill-1", ops.op("t1", "kind", "note"), ops.op("t1", "text", "Buddy voor nieuwkomers"),
                    ops.op("t1", "zone", "action-1.title"), ops.op("t1", "x", shape.path("x").asInt() + 12),
                    ops.op("t1", "y", shape.path("y").asInt() + 70), ops.op("t1", "w", 120), ops.op("t1", "h", 60)));
            ws.next("ack");
        }
        Api.Reply r = api.postWithBearer("/api/workshops/" + workshop.path("id").asText() + "/fiches/convert",
                "{\"board\":\"" + actions + "\"}", token("participant"));
        assertEquals(200, r.status(), r.text());
        return r.body().path("fiches").get(0).path("id").asText();
    }

    static WebElement openEditor(Browser who, String note) {
        new Actions(who.driver).doubleClick(E2E.note(who, note)).perform();
        return who.find(By.cssSelector("textarea.note-editor[data-item='" + note + "']"));
    }

    static void closeEditor(Browser who, WebElement editor) {
        editor.sendKeys(Keys.ESCAPE);
        who.waitFor(d -> d.findElements(By.cssSelector("textarea.note-editor")).isEmpty(), "editor closed");
    }

    static String restText(String boardId, String item, String field) {
        return E2E.items(api, boardId, token("observer")).path(item).path(field).path("v").asText();
    }

    /** Every token once, in any order between people, in {@code text}. */
    static void assertAllOnce(String text, List<String> tokens) {
        for (String t : tokens) {
            int first = text.indexOf(t);
            assertTrue(first >= 0, "missing '" + t + "' in: " + text);
            assertEquals(-1, text.indexOf(t, first + 1), "'" + t + "' twice in: " + text);
        }
    }

    /** Words a person types: unique tokens, so the final text shows each was kept exactly once. */
    static List<String> words(String who, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(who + String.format("%02d", i));
        return out;
    }

    /** Everyone types their words at once, word by word, taking turns as fast as the driver can. */
    static void typeTogether(List<WebElement> editors, List<List<String>> words) {
        for (int i = 0; i < words.get(0).size(); i++) {
            for (int k = 0; k < editors.size(); k++) editors.get(k).sendKeys(" " + words.get(k).get(i));
        }
    }

    @Test
    @Order(1)
    @DisplayName("Two, then three browsers typing in one note at once: every character of everyone, once, everywhere")
    void typingTogetherInOneNote() {
        String note = E2E.createNoteIn(a, "north");
        E2E.type(a, "Idee:");
        b.waitFor(d -> "Idee:".equals(E2E.noteText(b, note)), "B has the note");
        c.waitFor(d -> "Idee:".equals(E2E.noteText(c, note)), "C has the note");

        List<WebElement> two = List.of(openEditor(a, note), openEditor(b, note));
        List<List<String>> twoWords = List.of(words("ann", 8), words("bart", 8));
        typeTogether(two, twoWords);
        List<String> all = new ArrayList<>(twoWords.get(0));
        all.addAll(twoWords.get(1));
        awaitEverywhere(note, all);

        WebElement third = openEditor(c, note);
        List<WebElement> three = List.of(two.get(0), two.get(1), third);
        List<List<String>> threeWords = List.of(words("anna", 6), words("bert", 6), words("cas", 6));
        typeTogether(three, threeWords);
        threeWords.forEach(all::addAll);
        awaitEverywhere(note, all);
        closeEditor(a, two.get(0));
        closeEditor(b, two.get(1));
        closeEditor(c, third);
        String rest = restText(board, note, "text");
        assertTrue(rest.startsWith("Idee:"), rest);
        assertAllOnce(rest, all);
        for (Browser who : List.of(a, b, c)) assertEquals(rest, E2E.noteText(who, note), "every browser shows the server's text");
    }

    /** Waits until the server and every open editor hold every token once. */
    static void awaitEverywhere(String note, List<String> tokens) {
        Poll.within(SLOW, () -> tokens.stream().allMatch(restText(board, note, "text")::contains));
        String rest = restText(board, note, "text");
        assertAllOnce(rest, tokens);
        for (Browser who : List.of(a, b, c)) {
            who.waitFor(d -> {
                List<WebElement> editor = d.findElements(By.cssSelector("textarea.note-editor[data-item='" + note + "']"));
                String shown = editor.isEmpty() ? E2E.noteText(who, note) : editor.get(0).getDomProperty("value");
                return rest.equals(shown) ? Boolean.TRUE : null;
            }, "the browser shows the server's text", SLOW);
        }
    }

    @Test
    @Order(2)
    @DisplayName("Three browsers typing in one fiche field (6. Competenties) at once: all words kept, on every browser and the server")
    void typingTogetherInOneFicheField() {
        List<WebElement> fields = new ArrayList<>();
        for (Browser who : List.of(a, b, c)) {
            E2E.join(who, link() + "&board=" + fiche, who == c ? cut.base() : null, who == a ? "Ann" : who == b ? "Bart" : "Cas");
            who.waitFor(d -> fiche.equals(d.findElement(By.id("fiche-editor")).getDomAttribute("data-fiche-id")), "the fiche is open");
            fields.add(who.find(By.cssSelector("textarea[data-field='competences']")));
        }
        List<List<String>> words = List.of(words("coach", 7), words("plan", 7), words("team", 7));
        typeTogether(fields, words);
        List<String> all = new ArrayList<>();
        words.forEach(all::addAll);
        a.waitFor(d -> {
            String rest = restText(fiche, "fiche", "competences");
            return all.stream().allMatch(rest::contains) ? Boolean.TRUE : null;
        }, "every word in GET /api/boards/" + fiche, SLOW);
        String rest = restText(fiche, "fiche", "competences");
        assertAllOnce(rest, all);
        for (Browser who : List.of(a, b, c)) {
            who.waitFor(d -> rest.equals(d.findElement(By.cssSelector("textarea[data-field='competences']")).getDomProperty("value"))
                    ? Boolean.TRUE : null, "the browser's field shows the server's text", SLOW);
        }
    }

    @Test
    @Order(3)
    @DisplayName("One browser offline for 60 s types 500 characters into a note the others edit meanwhile: all text survives, once")
    void offlineTypingSurvives() {
        for (Browser who : List.of(a, b, c)) E2E.join(who, link(), who == c ? cut.base() : null, who == a ? "Ann" : who == b ? "Bart" : "Cas");
        String note = E2E.createNoteIn(a, "south");
        E2E.type(a, "Afspraken:");
        c.waitFor(d -> "Afspraken:".equals(E2E.noteText(c, note)), "C has the note");
        WebElement cEditor = openEditor(c, note);
        WebElement aEditor = openEditor(a, note);
        WebElement bEditor = openEditor(b, note);
        cut.setOffline(true);
        E2E.awaitStatus(c, "offline");
        long offlineAt = System.nanoTime();

        // C types 500 characters in 10 pieces of 50 while A and B go on editing the same note online.
        List<String> cPieces = new ArrayList<>();
        for (int i = 0; i < 10; i++) cPieces.add(String.format(" cas%02d-", i) + "x".repeat(43));
        List<String> others = new ArrayList<>();
        Duration offline = Duration.ofSeconds(Long.getLong("text.offlineSeconds", 60));
        int round = 0;
        int typed = 0;
        while (round < cPieces.size() || E2E.elapsed(offlineAt).compareTo(offline) < 0) {
            // A note holds at most 4,000 characters (LI-13). How many words A and B get in during the
            // 60 s depends on the machine's speed (a quiet one passed the cap and C's text was refused),
            // so they stop at 2,500 characters and C stays offline for the rest of the time.
            if (round >= cPieces.size() && typed >= 2_500) {
                Poll.until("C offline for the whole time", offline.plusSeconds(10), () -> E2E.elapsed(offlineAt).compareTo(offline) >= 0);
                break;
            }
            if (round < cPieces.size()) cEditor.sendKeys(cPieces.get(round));
            String word = String.format(" %s%03d", round % 2 == 0 ? "ann" : "bart", round);
            (round % 2 == 0 ? aEditor : bEditor).sendKeys(word);
            others.add(word.trim());
            typed += word.length();
            round++;
            // Typing at a person's pace: wait until the server has the word (also what bounds the loop in time).
            a.waitFor(d -> restText(board, note, "text").contains(word.trim()) ? Boolean.TRUE : null, "the server has " + word.trim());
            if (round > 2000) throw new AssertionError("bounded: 60 s of editing took more than 2,000 rounds");
        }
        assertTrue(cPieces.stream().mapToInt(String::length).sum() >= 500);
        String online = restText(board, note, "text");
        assertTrue(cPieces.stream().noneMatch(p -> online.contains(p.trim())), "C's offline text is not on the server yet");

        cut.setOffline(false);
        List<String> all = new ArrayList<>(others);
        cPieces.forEach(p -> all.add(p.trim()));
        Poll.within(SLOW, () -> all.stream().allMatch(restText(board, note, "text")::contains));
        String server = restText(board, note, "text");
        assertTrue(all.stream().allMatch(server::contains), "C's offline text arrives; C's errors:\n" + errorsOf(c)
                + "\nmissing: " + all.stream().filter(t -> !server.contains(t)).toList() + "\nserver: " + server);
        closeEditor(c, cEditor);
        closeEditor(a, aEditor);
        closeEditor(b, bEditor);
        String rest = restText(board, note, "text");
        assertAllOnce(rest, all);
        // A note shows at most 300 characters; its editor holds the whole text.
        List<Browser> browsers = List.of(a, b, c);
        for (int k = 0; k < browsers.size(); k++) {
            Browser who = browsers.get(k);
            WebElement editor = openEditor(who, note);
            Poll.within(SLOW, () -> rest.equals(editor.getDomProperty("value")));
            assertEquals(rest, editor.getDomProperty("value"), "browser " + "ABC".charAt(k) + " has all the text; its errors:\n" + errorsOf(who));
            closeEditor(who, editor);
        }
    }
}
