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
 * What a Dutch workshop finds (rules SE-3, SE-4): notes written for this test in the way the
 * seed trainings talk about work (nothing copied from the seeds), searched as someone types.
 */
class DutchSearchTest {

    static SearchFixture f;

    @BeforeAll
    static void notes() {
        f = new SearchFixture().board("b1", "w1", "nl").board("b2", "w2", "nl");
        f.note("b1", "anna0001", "n-shift", "De medewerkers van de nachtploeg voelen veel werkdruk bij de overdracht.");
        f.note("b1", "anna0001", "n-calm", "Een medewerker vraagt een rustig moment na elke teamvergadering.");
        f.note("b1", "bert0002", "n-summer", "Werkdrukte in juli: collega's nemen elkaars diensten over.");
        f.note("b1", "bert0002", "n-real", "Het is reëel om de middagpauze af te schermen van telefoons.");
        f.note("b1", "bert0002", "n-absence", "Het ziekteverzuim zakt als het teamoverleg vaste afspraken maakt.");
        f.note("b1", "carl0003", "n-bike", "Wie wil er vaker fietsen naar het werk?");
        f.note("b1", "carl0003", "n-rack", "De fietsenstalling staat elke ochtend vol.");
        f.note("b1", "carl0003", "n-typo", "Samen fietsne op vrijdag lijkt me fijn.");
        f.note("b1", "dora0004", "n-praise", "Leidinggevenden tonen sneller waardering voor goed werk.");
        f.note("b2", "eric0005", "n-other", "Ook hier is de werkdruk te hoog voor de medewerkers.");
        f.index();
    }

    @AfterAll
    static void close() {
        f.close();
    }

    @Test
    @DisplayName("SE-3 stemming: 'medewerkers' finds 'medewerker' and the other way round")
    void stemming() {
        assertTrue(f.found("w1", "medewerkers ").containsAll(List.of("n-shift", "n-calm")), f.found("w1", "medewerkers ").toString());
        assertTrue(f.found("w1", "medewerker ").containsAll(List.of("n-shift", "n-calm")));
        assertTrue(f.found("w1", "vergaderingen ").contains("n-calm"), "teamvergadering split and stemmed");
    }

    @Test
    @DisplayName("SE-3 compounds: 'werkdrukte' finds 'werkdruk', 'werkdruk' finds 'werkdrukte', 'verzuim' finds 'ziekteverzuim'")
    void compounds() {
        assertTrue(f.found("w1", "werkdrukte ").containsAll(List.of("n-summer", "n-shift")), f.found("w1", "werkdrukte ").toString());
        assertTrue(f.found("w1", "werkdruk ").containsAll(List.of("n-shift", "n-summer")), f.found("w1", "werkdruk ").toString());
        assertEquals(List.of("n-absence"), f.found("w1", "verzuim "));
        assertEquals(List.of("n-absence"), f.found("w1", "overleg "));
        assertEquals(List.of("n-summer"), f.found("w1", "drukte "), "a part found inside a compound");
    }

    @Test
    @DisplayName("SE-3 diacritics folded: 'reeel' finds 'reëel'; 'collegas' and 'collega' find 'collega's'")
    void diacritics() {
        assertEquals(List.of("n-real"), f.found("w1", "reeel "));
        assertEquals(List.of("n-real"), f.found("w1", "REËEL "));
        assertEquals(List.of("n-summer"), f.found("w1", "collega "));
    }

    @Test
    @DisplayName("SE-4 prefix while typing: the last word matches as a prefix, a finished word does not")
    void prefix() {
        assertTrue(f.found("w1", "medew").containsAll(List.of("n-shift", "n-calm")));
        assertEquals(List.of("n-praise"), f.found("w1", "leidingg"));
        assertEquals(List.of(), f.found("w1", "leidingg "), "a word followed by a space is finished: no prefix");
        assertEquals(List.of("n-shift"), f.found("w1", "nachtp"), "several words, the last one typed so far");
        assertEquals(List.of("n-shift"), f.found("w1", "overdracht nacht"));
    }

    @Test
    @DisplayName("SE-4 typos: one edit from five letters on, two from eight on; shorter words must be exact")
    void fuzzy() {
        assertTrue(f.found("w1", "fietsen ").contains("n-typo"), "fietsne is one transposition from fietsen");
        assertTrue(f.found("w1", "overdarcht ").contains("n-shift"), "two edits in a word of ten letters");
        assertTrue(f.found("w1", "waardring ").contains("n-praise"), "one letter missing");
        assertFalse(f.found("w1", "wrek ").contains("n-praise"), "four letters: no typo tolerance");
        assertEquals(List.of(), f.found("w1", "vrdijag "), "two edits in seven letters is too far");
    }

    @Test
    @DisplayName("SE-4 ranking: a whole word above a prefix, a prefix above a typo")
    void ranking() {
        SearchResult r = f.search("w1", "fietsen");
        List<String> order = r.hits().stream().map(SearchResult.Hit::item).toList();
        assertEquals(List.of("n-bike", "n-rack", "n-typo"), order, r.toString());
        assertTrue(r.hits().get(0).score() > r.hits().get(1).score() && r.hits().get(1).score() > r.hits().get(2).score());
        assertEquals("n-shift", f.found("w1", "werkdruk medewerkers ").get(0), "both words and the stem: the note that has both first");
    }

    @Test
    @DisplayName("SE-1 snippets mark the matched words, also a prefix, a stem and a typo, and escape the rest")
    void snippets() {
        assertEquals("De <mark>medewerkers</mark> van de nachtploeg voelen veel werkdruk bij de overdracht.", snippet("medewerker ", "n-shift"));
        assertEquals("Een <mark>medewerker</mark> vraagt een rustig moment na elke teamvergadering.", snippet("medewerkers ", "n-calm"));
        assertTrue(snippet("medew", "n-shift").contains("<mark>medewerkers</mark>"), snippet("medew", "n-shift"));
        assertTrue(snippet("reeel ", "n-real").contains("<mark>reëel</mark>"), snippet("reeel ", "n-real"));
        assertTrue(snippet("waardring ", "n-praise").contains("<mark>waardering</mark>"), snippet("waardring ", "n-praise"));
        assertTrue(snippet("drukte ", "n-summer").contains("<mark>Werkdrukte</mark>"), snippet("drukte ", "n-summer"));
        assertEquals("Werkdrukte in juli: <mark>collega&#x27;s</mark> nemen elkaars diensten over.", snippet("collega ", "n-summer"));
    }

    @Test
    @DisplayName("SE-4 a token only ever searches its own workshop: the same words in another workshop are not found")
    void ownWorkshopOnly() {
        assertFalse(f.found("w1", "werkdruk ").contains("n-other"));
        assertEquals(List.of("n-other"), f.found("w2", "werkdruk "));
    }

    private static String snippet(String query, String item) {
        return f.search("w1", query).hits().stream().filter(h -> h.item().equals(item)).findFirst()
                .orElseThrow(() -> new AssertionError(item + " not found for " + query)).snippet();
    }
}
