package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NetCut;
import be.samenbord.testkit.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import be.samenbord.testkit.Screenshots;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two independent browsers on one board, through a real node process (issue 3's "must show").
 * Browser B reaches the node through {@link NetCut}, so it can really go offline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class LiveBoardE2EIT {

    static final Duration LIVE = Duration.ofSeconds(1);

    static NodeProcess node;
    static NetCut cut;
    static Browser a;
    static Browser b;
    static Api api;
    static JsonNode workshop;
    static String board;
    static String note1;
    static String note2;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("samenbord-e2e");
        node = NodeProcess.start(data, Map.of("SAMENBORD_DEMO", "false"));
        cut = new NetCut(Integer.parseInt(node.base().replaceAll(".*:", "")));
        api = new Api(node.base());
        workshop = api.createWorkshop("Zorgraad Leuven", "windroos");
        board = workshop.path("boards").get(0).path("id").asText();
        a = Browser.start();
        b = Browser.start();
        E2E.join(a, link("participant"), null, "Anna");
        E2E.join(b, link("participant"), cut.base(), "Bert");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(a, b, cut, node);
    }

    static String link(String role) {
        return workshop.path("links").path(role).asText();
    }

    static String token(String role) {
        return workshop.path("tokens").path(role).asText();
    }

    /** Waits at most 1 s for the other browser to show something, and fails with how long it took. */
    static void seenWithinASecond(Browser who, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> shown, String what) {
        long t0 = System.nanoTime();
        who.waitFor(d -> shown.apply(d) ? Boolean.TRUE : null, what, Duration.ofSeconds(5));
        Duration took = E2E.elapsed(t0);
        assertTrue(took.compareTo(LIVE) <= 0, what + " took " + took.toMillis() + " ms");
    }

    @Test
    @Order(1)
    @DisplayName("A creates, edits and moves a note; B sees each change within 1 s; B's cursor shows on A")
    void liveEditing() {
        note1 = E2E.createNoteIn(a, "south");
        seenWithinASecond(b, d -> !d.findElements(By.cssSelector(".note[data-item='" + note1 + "']")).isEmpty(), "B sees the new note");
        E2E.type(a, "Trots op ons team");
        seenWithinASecond(b, d -> "Trots op ons team".equals(E2E.noteText(b, note1)), "B sees the text");
        E2E.dragNoteTo(a, note1, "north");
        seenWithinASecond(b, d -> "north".equals(E2E.note(b, note1).getDomAttribute("data-zone")), "B sees the move");
        assertEquals("north", E2E.items(api, board, token("observer")).path(note1).path("zone").path("v").asText());

        int[] p = E2E.zonePoint(b, "east");
        new Actions(b.driver).moveToLocation(p[0], p[1]).moveByOffset(5, 5).perform();
        WebElement cursor = a.find(By.cssSelector(".cursor"));
        assertTrue(cursor.getText().contains("Bert"), cursor.getText());
        assertTrue(a.find(By.id("peers")).getText().contains("Bert"));
    }

    @Test
    @Order(2)
    @DisplayName("B goes offline, edits two notes, comes back: A sees both edits, nothing duplicated")
    void offlineEditsArriveOnce() {
        note2 = E2E.createNoteIn(a, "west");
        E2E.type(a, "Loslaten: vergaderdruk");
        b.waitFor(d -> "Loslaten: vergaderdruk".equals(E2E.noteText(b, note2)), "B has note 2");
        long before = E2E.liveItems(api, board, token("observer"));

        cut.setOffline(true);
        E2E.awaitStatus(b, "offline");
        E2E.editNote(b, note1, "Offline bewerkt 1");
        E2E.editNote(b, note2, "Offline bewerkt 2");
        assertEquals("Trots op ons team", E2E.noteText(a, note1), "A cannot see offline edits yet");

        cut.setOffline(false);
        a.waitFor(d -> "Offline bewerkt 1".equals(E2E.noteText(a, note1)) && "Offline bewerkt 2".equals(E2E.noteText(a, note2)),
                "A sees both offline edits", Duration.ofSeconds(20));
        E2E.awaitStatus(b, "connected");
        assertEquals(before, E2E.liveItems(api, board, token("observer")), "no duplicated items on the server");
        assertEquals(before, a.driver.findElements(By.cssSelector(".note")).size(), "no duplicated notes on A");
        assertEquals(before, b.driver.findElements(By.cssSelector(".note")).size(), "no duplicated notes on B");
    }

    @Test
    @Order(3)
    @DisplayName("A reloads in the middle of typing: after the reload the text is there and on B")
    void reloadWhileTyping() {
        new Actions(a.driver).doubleClick(E2E.note(a, note2)).perform();
        WebElement editor = a.find(By.cssSelector("textarea.note-editor"));
        editor.sendKeys(Keys.END, " en meer");
        a.driver.navigate().refresh();
        // The page renders after fetching the workshop: wait for the name form (or the board) first.
        a.waitFor(d -> !d.findElements(By.id("join-board")).isEmpty() || !d.findElements(By.id("connection-status")).isEmpty(),
                "the page after the reload");
        if (!a.driver.findElements(By.id("join-board")).isEmpty()) a.find(By.id("join-board")).click();
        E2E.awaitStatus(a, "connected");
        a.waitFor(d -> "Offline bewerkt 2 en meer".equals(E2E.noteText(a, note2)), "A has the text after reload");
        b.waitFor(d -> "Offline bewerkt 2 en meer".equals(E2E.noteText(b, note2)), "B has the text typed before the reload");
    }

    @Test
    @Order(4)
    @DisplayName("An observer sees everything live and cannot change anything")
    void observerIsReadOnly() {
        E2E.join(b, link("observer"), cut.base(), "Olga");
        assertEquals("true", b.find(By.id("board")).getDomAttribute("data-readonly"));
        long before = E2E.liveItems(api, board, token("observer"));
        String note3 = E2E.createNoteIn(a, "east");
        E2E.type(a, "Nieuw: mentorschap");
        seenWithinASecond(b, d -> "Nieuw: mentorschap".equals(E2E.noteText(b, note3)), "the observer sees the new note");

        int[] p = E2E.zonePoint(b, "south");
        new Actions(b.driver).moveToLocation(p[0], p[1]).doubleClick().perform();
        E2E.zone(b, "south").sendKeys("n");
        E2E.note(b, note1).sendKeys(Keys.DELETE);
        E2E.note(b, note1).sendKeys(Keys.ARROW_RIGHT);
        assertTrue(b.driver.findElements(By.cssSelector("textarea.note-editor")).isEmpty(), "no editor for an observer");
        // The writer's next edit arriving proves the observer's frames (if any) were processed before it.
        E2E.editNote(a, note3, "Nieuw: mentorschap!");
        b.waitFor(d -> "Nieuw: mentorschap!".equals(E2E.noteText(b, note3)), "observer still live");
        assertEquals(before + 1, E2E.liveItems(api, board, token("observer")));
        assertEquals("Offline bewerkt 1", E2E.items(api, board, token("observer")).path(note1).path("text").path("v").asText());
    }
}
