package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NetCut;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Screenshots;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WindowType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An edit typed offline in a tab that is then closed is not lost: the next tab on that board
 * (another replica) finds the closed tab's unacknowledged batches in IndexedDB and sends them.
 */
@ExtendWith(Screenshots.class)
class ClosedTabE2EIT {

    @TempDir
    Path dataDir;

    /** Batches of {@code board} kept in the page's IndexedDB store "samenbord"/"pending" (web/src/sync/pending.ts). */
    static long storedBatches(Browser b, String board) {
        Object n = b.driver.executeAsyncScript("""
                const [board, done] = arguments;
                const open = indexedDB.open("samenbord");
                open.onerror = () => done(-1);
                open.onsuccess = () => {
                  const db = open.result;
                  if (!db.objectStoreNames.contains("pending")) { db.close(); done(0); return; }
                  const all = db.transaction("pending").objectStore("pending").getAll();
                  all.onsuccess = () => { db.close(); done(all.result.filter(r => r.board === board).length); };
                  all.onerror = () => { db.close(); done(-1); };
                };""", board);
        return ((Number) n).longValue();
    }

    @Test
    @DisplayName("DU-1: offline edit, tab closed, link opened in a new tab: the edit arrives once")
    void editFromAClosedTabArrives() {
        try (NodeProcess node = NodeProcess.start(dataDir, Map.of("SAMENBORD_DEMO", "false"));
             NetCut cut = new NetCut(Integer.parseInt(node.base().replaceAll(".*:", "")));
             Browser a = Browser.start(); Browser b = Browser.start()) {
            Api api = new Api(node.base());
            JsonNode w = api.createWorkshop("Gesloten tab", "windroos");
            String board = w.path("boards").get(0).path("id").asText();
            String link = w.path("links").path("participant").asText();
            E2E.join(a, link, null, "Anna");
            String item = E2E.createNoteIn(a, "south");
            E2E.type(a, "Eerste versie");
            E2E.join(b, link, cut.base(), "Bert");
            b.waitFor(d -> "Eerste versie".equals(E2E.noteText(b, item)), "B has the note");

            cut.setOffline(true);
            E2E.awaitStatus(b, "offline");
            E2E.editNote(b, item, "Getypt in een tab die daarna dicht ging");
            // The edit is kept in IndexedDB before the tab goes (a tab closed within the write would
            // lose it; that window is the browser's, not what this test is about).
            b.waitFor(d -> storedBatches(b, board) > 0, "the offline edit is stored in the tab", Duration.ofSeconds(20));
            String oldTab = b.driver.getWindowHandle();
            String newTab = b.driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            b.driver.switchTo().window(oldTab).close();
            b.driver.switchTo().window(newTab);
            cut.setOffline(false);

            E2E.join(b, link, cut.base(), "Bert");
            a.waitFor(d -> "Getypt in een tab die daarna dicht ging".equals(E2E.noteText(a, item)),
                    "A sees the closed tab's edit", Duration.ofSeconds(30));
            JsonNode items = E2E.items(api, board, w.path("tokens").path("observer").asText());
            assertEquals("Getypt in een tab die daarna dicht ging", items.path(item).path("text").path("v").asText());
            assertEquals(1, items.size(), "one note, nothing duplicated");
        }
    }
}
