package be.samenbord.summary;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.SmartResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The summary model from boards built item by item (SU-2..SU-5): the room's C1 records, votes on
 * notes and on themes (C2), and what stays hidden. Pure: no node.
 */
class SummaryReaderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SummaryReader READER = new SummaryReader(JSON);

    /** Writes registers with increasing stamps, as one replica would. */
    static final class Writer {
        final Items items = new Items();
        long ms = 1_000;

        Writer put(String replica, String item, String field, Object value) {
            String json;
            try {
                json = JSON.writeValueAsString(value);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            items.apply(new Op(item, field, json, new Stamp(ms++, 0, replica)));
            return this;
        }

        Writer node(String item, String field, Object value) {
            return put("samenbord-node", item, field, value);
        }

        Writer note(String replica, String id, String text) {
            return put(replica, id, "kind", "note").put(replica, id, "text", text).put(replica, id, "z", id);
        }
    }

    private static SessionSummary.BoardResult board(Writer w) {
        return READER.board(new SummaryReader.Board("b1", "windroos", "Windroos", w.items));
    }

    @Test
    @DisplayName("SU-2: instructions in order of k, rounds by start with their answers by time, a blank answer left out")
    void roomRecords() {
        Writer room = new Writer()
                .node("instruction", "text", "current only, no record")
                .node("instruction-10", "kind", "instructionRecord").node("instruction-10", "text", "Tiende").node("instruction-10", "at", 10)
                .node("instruction-2", "kind", "instructionRecord").node("instruction-2", "text", "Tweede").node("instruction-2", "at", 2)
                .node("round-r2", "kind", "roundRecord").node("round-r2", "round", "check-out").node("round-r2", "prompt", "Wat neem je mee?")
                .node("round-r2", "startedAt", 500).node("round-r2", "endedAt", null)
                .node("round-r1", "kind", "roundRecord").node("round-r1", "round", "check-in").node("round-r1", "prompt", "Hoe kom je binnen?")
                .node("round-r1", "startedAt", 100).node("round-r1", "endedAt", 200)
                .node("answer-r1-p2", "kind", "roundAnswer").node("answer-r1-p2", "round", "r1").node("answer-r1-p2", "name", "Bram")
                .node("answer-r1-p2", "text", "Moe maar blij").node("answer-r1-p2", "at", 150)
                .node("answer-r1-p1", "kind", "roundAnswer").node("answer-r1-p1", "round", "r1").node("answer-r1-p1", "name", "Anna")
                .node("answer-r1-p1", "text", "Nieuwsgierig").node("answer-r1-p1", "at", 120)
                .node("answer-r1-p3", "kind", "roundAnswer").node("answer-r1-p3", "round", "r1").node("answer-r1-p3", "name", "Cas")
                .node("answer-r1-p3", "text", "  ").node("answer-r1-p3", "at", 130);
        SessionSummary s = READER.build("w1", "Training", "nl", room.items, List.of(), List.of(), null);
        assertEquals(List.of("Tweede", "Tiende"), s.instructions().stream().map(SessionSummary.Instruction::text).toList());
        assertEquals(List.of("r1", "r2"), s.rounds().stream().map(SessionSummary.Round::id).toList());
        SessionSummary.Round r1 = s.rounds().get(0);
        assertEquals("check-in", r1.kind());
        assertEquals("Hoe kom je binnen?", r1.prompt());
        assertEquals(200L, r1.endedAt());
        assertEquals(List.of("Anna: Nieuwsgierig", "Bram: Moe maar blij"), r1.answers().stream().map(a -> a.name() + ": " + a.text()).toList());
        assertNull(s.rounds().get(1).endedAt(), "a round still running has no end");
        assertTrue(s.rounds().get(1).answers().isEmpty());
    }

    @Test
    @DisplayName("SU-4: after a closed vote, notes ranked by dots summed over every vote:<replica>; deleted and undotted notes out")
    void closedVoteOnNotes() {
        Writer w = new Writer()
                .note("pA", "n1", "Minder vergaderen").note("pB", "n2", "Meer buiten").note("pA", "n3", "Weg ermee")
                .note("pC", "n4", "Zonder stippen")
                .put("pA", "n1", "vote:pA", 2).put("pB", "n1", "vote:pB", 1)
                .put("pB", "n2", "vote:pB", 2).put("pA", "n3", "vote:pA", 5).put("pA", "n3", "deleted", true)
                .node("_control", "vote", "closed");
        SessionSummary.BoardResult r = board(w);
        assertEquals("closed", r.vote());
        assertEquals(3, r.notes(), "the deleted note is not counted");
        assertEquals(List.of("Minder vergaderen=3", "Meer buiten=2"), r.top().stream().map(x -> x.text() + "=" + x.dots()).toList());
    }

    @Test
    @DisplayName("SU-3, SU-4 (FA-7): an open vote shows no dots and no ranking; nor does a board that never voted")
    void openVoteHidesDots() {
        Writer w = new Writer().note("pA", "n1", "Minder vergaderen").put("pA", "n1", "vote:pA", 3)
                .node("_control", "vote", "open");
        SessionSummary.BoardResult open = board(w);
        assertEquals("open", open.vote());
        assertTrue(open.top().isEmpty(), "an open vote's dots never rank anything: " + open.top());
        Writer never = new Writer().note("pA", "n1", "Minder vergaderen").put("pA", "n1", "vote:pA", 3);
        assertTrue(board(never).top().isEmpty(), "votes on a board without a closed vote do not count");
    }

    @Test
    @DisplayName("SU-3 (FA-6): a note written during private writing is not in the summary until reveal")
    void privateNoteHidden() {
        Writer w = new Writer().note("pA", "n1", "Voor iedereen");
        w.node("_control", "private", true);
        w.note("pB", "n2", "Geheim van Bram");
        SessionSummary.BoardResult during = board(w);
        assertEquals(1, during.notes());
        String all = READER.build("w", "t", "nl", null, List.of(new SummaryReader.Board("b1", "x", "X", w.items)), List.of(), null).toString();
        assertFalse(all.contains("Geheim"), all);
        w.node("_control", "private", false);
        assertEquals(2, board(w).notes(), "after reveal the note counts");
    }

    @Test
    @DisplayName("SU-4 (C2): themes with their notes; a vote on themes ranks themes by their dots")
    void themes() {
        Writer w = new Writer()
                .put("pF", "t1", "kind", "theme").put("pF", "t1", "title", "Tijd")
                .put("pF", "t2", "kind", "theme").put("pF", "t2", "title", "Ruimte")
                .note("pA", "n1", "Minder vergaderen").put("pF", "n1", "theme", "t1")
                .note("pB", "n2", "Focusuren").put("pF", "n2", "theme", "t1")
                .note("pC", "n3", "Meer buiten").put("pF", "n3", "theme", "t2")
                .note("pC", "n4", "Los").put("pF", "n4", "theme", "")
                .put("pA", "t2", "vote:pA", 1).put("pB", "t1", "vote:pB", 3)
                .node("_control", "vote", "closed").node("_control", "voteOn", "themes");
        SessionSummary.BoardResult r = board(w);
        assertEquals(List.of("theme:Tijd=3", "theme:Ruimte=1"), r.top().stream().map(x -> x.kind() + ":" + x.text() + "=" + x.dots()).toList());
        assertEquals(List.of("Minder vergaderen", "Focusuren"), r.top().get(0).notes());
        assertEquals(List.of("Tijd", "Ruimte"), r.themes().stream().map(SessionSummary.Ranked::text).toList());
        assertEquals(4, r.notes());
    }

    @Test
    @DisplayName("SU-5: an action names its driver, its earliest dated step (not the first in order) and its status label")
    void actions() {
        FicheDoc f = new FicheDoc("fiche-1", "ready", Map.of("title", "Focusuren", "driver", "Anna"),
                List.of(new FicheDoc.Step("", "Zonder datum"), new FicheDoc.Step("2026-03-01", "Later"),
                        new FicheDoc.Step("2026-01-15", "Eerst"), new FicheDoc.Step("morgen", "Geen datum")),
                List.of(), "board:b/row:1", new SmartResult(Map.of()));
        var spec = be.samenbord.fiche.FicheSpecLoader.load(JSON);
        SessionSummary s = READER.build("w", "t", "nl", null, List.of(), List.of(f), spec);
        SessionSummary.Action a = s.actions().get(0);
        assertEquals("Anna", a.driver());
        assertEquals("2026-01-15", a.firstDate());
        assertEquals("Eerst", a.firstStep());
        assertEquals("Klaar voor bespreking", a.statusLabel());
        String md = SummaryMarkdown.render(s);
        assertTrue(md.contains("| Focusuren | Anna | 2026-01-15 Eerst | Klaar voor bespreking |"), md);
    }

    @Test
    @DisplayName("SU-6 (FI-7): typed text cannot open Markdown constructs in the summary")
    void markdownInert() {
        Writer w = new Writer().note("pA", "n1", "# kop <img src=x> [link](javascript:x)").put("pA", "n1", "vote:pA", 1)
                .node("_control", "vote", "closed");
        SessionSummary s = READER.build("w", "t", "en", null, List.of(new SummaryReader.Board("b1", "x", "X", w.items)), List.of(), null);
        String md = SummaryMarkdown.render(s);
        assertTrue(md.contains("1. \\# kop \\<img src=x> \\[link\\](javascript:x) (1 dot)"), md);
    }
}
