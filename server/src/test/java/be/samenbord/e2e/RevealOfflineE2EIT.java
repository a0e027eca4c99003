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

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 in real Chromium: notes placed by people writing privately into one empty zone do not
 * overlap after the reveal; the connection status says offline within 3 s of losing the network
 * (the socket itself would stay "open" for many seconds); and a tab that comes back from the
 * browser's offline page lands on the board without a second click.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class RevealOfflineE2EIT {

    static final Duration SLOW = Duration.ofSeconds(30);
    static final String[] NAMES = {"Anna", "Bram", "Chloë"};

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;
    static String board;
    static Browser f;
    static final Browser[] p = new Browser[3];

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Stil schrijven", "windroos");
        board = workshop.path("boards").get(0).path("id").asText();
        f = Browser.start();
        E2E.join(f, workshop.path("links").path("facilitator").asText(), null, "Fien");
        E2E.joinAll(p, workshop.path("links").path("participant").asText(), NAMES);
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(f, p[0], p[1], p[2], node);
    }

    static JsonNode items() {
        return E2E.items(api, board, workshop.path("tokens").path("facilitator").asText());
    }

    @Test
    @Order(1)
    @DisplayName("FA-6, issue 15: three people write privately into one empty zone (each saw it empty); after the reveal no two notes overlap, and all stay in the zone")
    void revealLeavesNoOverlap() {
        E2E.openPanel(f);
        f.find(By.id("board-private-start")).click();
        for (Browser b : p) b.find(By.id("private-banner"));
        assertEquals(List.of(), Axe.violations(p[0]), "the private-writing banner");
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            notes.add(E2E.createNoteIn(p[i], "north"));
            E2E.type(p[i], "Inzicht van " + NAMES[i]);
        }
        // Each of them saw an empty zone, so each note went to its first free spot: the same one.
        f.find(By.id("board-reveal")).click();
        f.waitFor(d -> {
            JsonNode items = items();
            for (String id : notes) if (!items.has(id)) return null;
            return EditingBasicsE2EIT.noOverlaps(items) ? true : null;
        }, "after the reveal the three notes lie side by side", SLOW);
        JsonNode items = items();
        for (String id : notes) assertEquals("north", items.path(id).path("zone").path("v").asText(), id + " stays in its zone");
        for (Browser b : p) {
            b.waitFor(d -> d.findElements(By.cssSelector(".note")).size() == 3 ? true : null, "everyone sees the three", SLOW);
        }
        Screenshots.save(p[0], "reveal-participant-after");
    }

    @Test
    @Order(2)
    @DisplayName("Issue 15: the status says offline within 3 s of losing the network, keeps edits (saving n), and is connected again after")
    void offlineWithinThreeSeconds() {
        Browser b = p[0];
        E2E.awaitStatus(b, "connected");
        long t0 = System.nanoTime();
        b.cdp("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        try {
            E2E.awaitStatusWithin(b, "offline", Duration.ofSeconds(3));
            Duration took = E2E.elapsed(t0);
            System.out.println("stage: offline shown after " + took.toMillis() + " ms");
            assertTrue(took.compareTo(Duration.ofSeconds(3)) <= 0, "offline after " + took.toMillis() + " ms");
            assertTrue(b.find(By.id("connection-status")).getText().startsWith("Offline"), b.find(By.id("connection-status")).getText());
            assertEquals(List.of(), Axe.violations(b), "the offline status");
            String id = E2E.createNoteIn(b, "south");
            E2E.type(b, "Offline geschreven");
            b.waitFor(d -> !"0".equals(d.findElement(By.id("connection-status")).getDomAttribute("data-pending")) ? true : null, "the edit is kept");
            assertTrue(b.find(By.id("connection-status")).getText().contains("bewaard"), b.find(By.id("connection-status")).getText());
            Screenshots.save(b, "reveal-offline-saving");
            assertEquals(List.of(), Axe.violations(b), "the status with an edit kept offline");
            b.cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            E2E.awaitStatusWithin(b, "connected", Duration.ofSeconds(15));
            f.waitFor(d -> "Offline geschreven".equals(E2E.noteText(f, id)) ? true : null, "the kept edit arrives", SLOW);
        } finally {
            b.cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
    }

    @Test
    @Order(3)
    @DisplayName("Issue 15: after the browser's offline page, opening the link again lands on the board without asking the name a second time")
    void backFromTheOfflinePage() {
        Browser b = p[1];
        String link = workshop.path("links").path("participant").asText();
        b.cdp("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        try {
            b.open("about:blank");
            try {
                b.open(link);
            } catch (org.openqa.selenium.WebDriverException offline) {
                // The browser shows its offline page, as it should; any other failure is one.
                assertTrue(String.valueOf(offline.getMessage()).contains("ERR_INTERNET_DISCONNECTED"), offline.toString());
            }
            b.waitFor(d -> d.findElements(By.id("connection-status")).isEmpty() ? true : null, "the browser's offline page");
        } finally {
            b.cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
        b.open(link);
        b.waitFor(d -> !d.findElements(By.id("connection-status")).isEmpty() || !d.findElements(By.id("display-name")).isEmpty() ? true : null,
                "the page again");
        assertTrue(b.driver.findElements(By.id("display-name")).isEmpty(), "no name form: straight back to the board");
        E2E.awaitStatus(b, "connected");
        assertEquals(board, b.find(By.id("board")).getDomAttribute("data-board-id"));
    }
}
