package be.samenbord.search;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What of a board becomes searchable (rules SE-2, SE-6, SE-7), read from items as the owner holds them. */
class BoardDocsTest {

    private final BoardDocs docs = new BoardDocs(IndexRules.standard(List.of("title", "need")));
    private long ms = 1_700_000_000_000L;

    private Op op(String item, String field, String json, String replica) {
        return new Op(item, field, json, new Stamp(++ms, 0, replica));
    }

    private ItemDoc only(BoardUpdate u, String item) {
        return u.items().stream().filter(d -> d.item().equals(item)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("SE-2: notes, themes, fiche fields, steps and balance entries; never other kinds (indicator values), geometry, dots or ids")
    void onlyTextPeopleType() {
        Items items = new Items();
        items.applyAll(List.of(
                op("n1", "kind", "\"note\"", "r1"), op("n1", "text", "\"Meer rust\"", "r1"), op("n1", "x", "10", "r1"),
                op("n1", "author", "\"Ine\"", "r1"), op("n1", "vote:r2", "2", "r2"), op("n1", "secret", "\"niet zoekbaar\"", "r1"),
                op("t1", "kind", "\"theme\"", "r1"), op("t1", "title", "\"Rust\"", "r1"), op("t1", "text", "\"Pauzes en stilte\"", "r1"),
                op("i1", "kind", "\"indicator\"", "r1"), op("i1", "text", "\"slaap 6,1 u\"", "r1"), op("i1", "value", "6.1", "r1"),
                op("f", "kind", "\"fiche\"", "r1"), op("f", "title", "\"Stiltelokaal\"", "r1"), op("f", "need", "\"Rust\"", "r1"),
                op("f", "status", "\"draft\"", "r1"), op("s1", "kind", "\"step\"", "r1"), op("s1", "text", "\"Offerte vragen\"", "r1"),
                op("gone", "kind", "\"note\"", "r1"), op("gone", "text", "\"weg\"", "r1"), op("gone", "deleted", "true", "r1")));
        BoardUpdate u = docs.whole("b", "three-b", 5, items);
        assertEquals(List.of("f", "n1", "s1", "t1"), u.items().stream().map(ItemDoc::item).toList(), "indicator i1 and deleted note out");
        assertEquals(Map.of("text", "Meer rust"), only(u, "n1").texts(), "author, dots and unknown fields are no searchable text");
        assertEquals(List.of("r2"), only(u, "n1").voters());
        assertEquals(List.of("title", "text"), List.copyOf(only(u, "t1").texts().keySet()));
        assertEquals(Map.of("title", "Stiltelokaal", "need", "Rust"), only(u, "f").texts(), "status and other fields stay out");
    }

    @Test
    @DisplayName("SE-5: a batch that only moves notes changes nothing searchable; one that touches _control reads the whole board")
    void whatABatchTouches() {
        Items items = new Items();
        items.applyAll(List.of(op("n1", "kind", "\"note\"", "r1"), op("n1", "text", "\"Rust\"", "r1"),
                op("n2", "kind", "\"note\"", "r1"), op("n2", "text", "\"Ruimte\"", "r1")));
        BoardUpdate moved = docs.afterBatch("b", "three-b", new AcceptedBatch(3, "r1", "m", List.of(op("n1", "x", "5", "r1"), op("n1", "z", "\"a\"", "r1"))), items);
        assertEquals(List.of(), moved.items());
        assertEquals(3, moved.seq());
        BoardUpdate control = docs.afterBatch("b", "three-b",
                new AcceptedBatch(4, "samenbord-node", "c", List.of(op("_control", "private", "true", "samenbord-node"))), items);
        assertTrue(control.whole());
        assertEquals(2, control.items().size());
    }

    @Test
    @DisplayName("SE-6, FA-6: during private writing a new note belongs to its writer's person (seat id), an older one to everyone")
    void privateOwner() {
        String seated = "0123456789abcdef01234567_tab1";
        Items items = new Items();
        items.applyAll(List.of(op("old", "kind", "\"note\"", "r1"), op("old", "text", "\"Vooraf\"", "r1"),
                op("_control", "private", "true", "samenbord-node"),
                op("mine", "kind", "\"note\"", seated), op("mine", "text", "\"Privé\"", seated)));
        BoardUpdate u = docs.whole("b", "three-b", 9, items);
        assertNull(only(u, "old").owner());
        assertEquals("0123456789abcdef01234567", only(u, "mine").owner());
    }

    @Test
    @DisplayName("SE-6: on an anonymous board (_control.anonymous) no author is kept, so no author filter can find its notes")
    void anonymousBoards() {
        Items items = new Items();
        items.applyAll(List.of(op("n1", "kind", "\"note\"", "r1"), op("n1", "text", "\"Werkdruk\"", "r1"), op("n1", "author", "\"Ine\"", "r1")));
        assertEquals("Ine", only(docs.whole("b", "three-b", 1, items), "n1").author());
        items.apply(op("_control", BoardDocs.ANONYMOUS, "true", "samenbord-node"));
        assertNull(only(docs.whole("b", "three-b", 2, items), "n1").author());
        try (SearchFixture f = new SearchFixture().board("b1", "w1", "nl")) {
            f.write("b1", "r1", "n1", "kind", "note", "text", "Werkdruk in de zomer", "author", "Ine");
            f.index();
            assertEquals(1, f.search(request("w1", "werkdruk", "Ine")).total());
            f.write("b1", "samenbord-node", "_control", BoardDocs.ANONYMOUS, true);
            f.index();
            assertEquals(0, f.search(request("w1", "werkdruk", "Ine")).total());
            assertEquals(0, f.search(request("w1", "ine", null)).total(), "an author's name is never searchable text");
        }
    }

    @Test
    @DisplayName("SE-2, TX-6: a text merged character by character is indexed as its plain text")
    void mergedText() {
        Items items = new Items();
        items.applyAll(List.of(op("n1", "kind", "\"note\"", "r1"),
                op("n1", "text", "{\"ins\":\"Samen lunchen\",\"id\":[\"r1\",0],\"p\":null,\"side\":\"r\"}", "r1"),
                op("n1", "text", "{\"ins\":\" op vrijdag\",\"id\":[\"r2\",0],\"p\":[\"r1\",12],\"side\":\"r\"}", "r2")));
        assertEquals(Map.of("text", "Samen lunchen op vrijdag"), only(docs.whole("b", "three-b", 2, items), "n1").texts());
    }

    @Test
    @DisplayName("SE-2, FA-16: on the room board only the instruction, the round's prompt and the round answers (for everyone: no owner, no name)")
    void room() {
        String node = "samenbord-node";
        Items items = new Items();
        items.applyAll(List.of(op("instruction", "kind", "\"control\"", node),
                op("instruction", "text", "\"Schrijf drie sterktes op\"", node),
                op("round", "prompt", "\"Hoe kom je binnen?\"", node),
                op("round-r1", "kind", "\"roundRecord\"", node), op("round-r1", "prompt", "\"Hoe kom je binnen?\"", node),
                op("answer-r1-p1", "kind", "\"roundAnswer\"", node), op("answer-r1-p1", "round", "\"r1\"", node),
                op("answer-r1-p1", "name", "\"Anna\"", node), op("answer-r1-p1", "text", "\"Uitgerust na het weekend\"", node),
                op("answer-r1-p2", "kind", "\"roundAnswer\"", node), op("answer-r1-p2", "text", "\" \"", node),
                op("group-1", "name", "\"Groep Noord\"", node)));
        BoardUpdate u = docs.whole("room1", "room", 3, items);
        assertEquals(List.of("answer-r1-p1", "instruction", "round"), u.items().stream().map(ItemDoc::item).sorted().toList(),
                "a blank answer, the round record and the groups stay out");
        ItemDoc answer = only(u, "answer-r1-p1");
        assertEquals(Map.of("text", "Uitgerust na het weekend"), answer.texts(), "the answer's name is no searchable text");
        assertNull(answer.owner());
        assertFalse(u.items().stream().anyMatch(d -> d.texts().containsValue("Groep Noord")));
        // The same kind on a work board is nothing people type there (FA-16: answers stay in the room).
        assertEquals(List.of(), docs.whole("b", "three-b", 3, items).items().stream().filter(d -> d.item().startsWith("answer-")).toList());
    }

    private static SearchRequest request(String workshop, String q, String author) {
        return new SearchRequest(workshop, q, 10, null, List.of(), null, null, author, false, false);
    }
}
