package be.samenbord.store;

import be.samenbord.workshop.Tokens;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A workshop's language (SE-3) survives every way a workshop is merged or extended (CU-9): found
 * when main's board additions (workshop_boards, Workshop.union) met search's languages, where each
 * merge made an English workshop Dutch again, so its new notes were analysed in the wrong language.
 */
class WorkshopLanguageTest {

    @TempDir
    Path dir;

    private static Workshop english(String... boards) {
        Workshop w = StoreFixtures.workshop("ws-en", "Retro", boards);
        return new Workshop(w.id(), w.title(), w.createdAt(), w.tokenHashes(), w.boards(), "en");
    }

    @Test
    @DisplayName("SE-3, CU-9 (merge finding): a union of two views of an English workshop is English")
    void unionKeepsTheLanguage() {
        assertEquals("en", Workshop.union(english("a"), english("a", "b")).lang());
        WorkshopDirectory d = new WorkshopDirectory(new Tokens(new SecureRandom()));
        d.add(english("a"));
        d.add(english("a", "b"));
        assertEquals("en", d.workshop("ws-en").orElseThrow().lang(), "an announcement merged into the directory");
    }

    @Test
    @DisplayName("SE-3, CU-9 (merge finding): boards added to an English workshop in the embedded store leave it English, also after a restart")
    void addedBoardsKeepTheLanguage() throws Exception {
        try (JournalStore s = new JournalStore(dir)) {
            s.recover();
            Workshop w = english("a");
            s.createWorkshop(w).get(10, TimeUnit.SECONDS);
            Workshop added = s.addBoards(w, List.of(new Workshop.BoardRef("b", "windroos"))).get(10, TimeUnit.SECONDS);
            assertEquals("en", added.lang());
            s.flushed().get(10, TimeUnit.SECONDS);
        }
        try (JournalStore s = new JournalStore(dir)) {
            Workshop back = s.recover().workshops().stream().filter(x -> x.id().equals("ws-en")).findFirst().orElseThrow();
            assertEquals(List.of("a", "b"), back.boards().stream().map(Workshop.BoardRef::id).toList());
            assertEquals("en", back.lang());
        }
    }
}
