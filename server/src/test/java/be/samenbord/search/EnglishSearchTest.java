package be.samenbord.search;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a workshop in English finds (rule SE-3): its notes are analysed in English (Porter), and a
 * query is still analysed in both languages, so Dutch words keep working where the rule says.
 * Sentences written for this test.
 */
class EnglishSearchTest {

    static SearchFixture f;

    @BeforeAll
    static void notes() {
        f = new SearchFixture().board("e1", "we", "en").board("d1", "wd", "nl");
        f.note("e1", "anna0001", "e-meet", "The weekly meeting always runs over time.");
        f.note("e1", "anna0001", "e-story", "Share one story about a good night shift.");
        f.note("e1", "bert0002", "e-study", "A study on breaks was shared with the team.");
        f.note("e1", "bert0002", "e-nl", "Fewer vergaderingen on Monday, please.");
        f.note("d1", "carl0003", "d-meet", "De vergadering op maandag duurt veel te lang.");
        f.index();
    }

    @AfterAll
    static void close() {
        f.close();
    }

    @Test
    @DisplayName("SE-3 English stemming: 'meetings' finds 'meeting', 'running' finds 'runs', 'stories' finds 'story', 'studies' finds 'study'")
    void stemming() {
        assertEquals(List.of("e-meet"), f.found("we", "meetings "));
        assertEquals(List.of("e-meet"), f.found("we", "running "));
        // Pairs the Dutch stemmer keeps apart: found only because the note was analysed in English.
        assertEquals(List.of("e-story"), f.found("we", "stories "));
        assertEquals(List.of("e-study"), f.found("we", "studies "));
        String snippet = f.search("we", "meetings ").hits().get(0).snippet();
        assertEquals("The weekly <mark>meeting</mark> always runs over time.", snippet, "the snippet marks the English stem's word");
    }

    @Test
    @DisplayName("SE-4 in English: the last word as a prefix while typing, a typo in a word of seven letters")
    void prefixAndTypo() {
        assertEquals(List.of("e-meet"), f.found("we", "weekly meet"));
        assertEquals(List.of("e-story"), f.found("we", "night sto"));
        assertEquals(List.of(), f.found("we", "night sto "), "a finished word is no prefix");
        assertEquals(List.of("e-meet"), f.found("we", "meetnig "), "one transposition");
    }

    @Test
    @DisplayName("SE-3 Dutch queries per the rule: Dutch stemming in a Dutch workshop, a Dutch word as typed in an English one; each workshop finds only its own")
    void dutchQueries() {
        assertEquals(List.of("d-meet"), f.found("wd", "vergaderingen "), "Dutch stemmer: vergaderingen = vergadering");
        assertEquals(List.of("e-nl"), f.found("we", "vergaderingen "), "the word as typed, in an English workshop");
        assertEquals(List.of(), f.found("wd", "meetings "));
        assertFalse(f.found("we", "maandag ").contains("d-meet"));
        assertTrue(f.found("wd", "maandag ").contains("d-meet"));
    }
}
