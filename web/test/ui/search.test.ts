// Search results as the dialog reads them (server/PROTOCOL.md SE-1, SE-2): grouping by board,
// snippets never parsed as HTML, what a hit points at, the keys.
import { describe, expect, it } from "vitest";
import { groupByBoard, hitKind, isSearchShortcut, moveActive, searchPath, snippetParts, targetOf, unescapeHtml, type SearchHit } from "../../src/ui/search/model";

const hit = (board: string, item: string, field = "text", snippet = "x", score = 1): SearchHit => ({ board, item, field, snippet, score });

describe("search results", () => {
  it("groups hits by board in the order of each board's best hit, keeping the order inside a board", () => {
    const groups = groupByBoard([hit("b2", "n1"), hit("b1", "n2"), hit("b2", "n3"), hit("b3", "n4"), hit("b1", "n5")]);
    expect(groups.map((g) => g.board)).toEqual(["b2", "b1", "b3"]);
    expect(groups[0]!.hits.map((h) => h.item)).toEqual(["n1", "n3"]);
    expect(groups[1]!.hits.map((h) => h.item)).toEqual(["n2", "n5"]);
  });

  it("reads a snippet into text and marked runs; typed markup stays text (SE-1 escaping)", () => {
    expect(snippetParts("Onze &lt;b&gt;<mark>werkdruk</mark>&lt;&#x2F;b&gt; &amp; <mark>planning</mark>")).toEqual([
      { text: "Onze <b>", marked: false },
      { text: "werkdruk", marked: true },
      { text: "</b> & ", marked: false },
      { text: "planning", marked: true },
    ]);
    expect(snippetParts("<mark>collega&#x27;s</mark>")).toEqual([{ text: "collega's", marked: true }]);
    // Anything but the two exact tags is text, even if a (misbehaving) server sent it unescaped.
    expect(snippetParts("<img src=x onerror=alert(1)>")).toEqual([{ text: "<img src=x onerror=alert(1)>", marked: false }]);
    expect(unescapeHtml("&quot;&#39;&#233;&unknown;")).toBe("\"'é&unknown;");
  });

  it("knows what a hit points at: notes, fiche fields, zones, template texts, the room", () => {
    expect(targetOf(hit("b", "n1"), "windroos")).toEqual({ kind: "note", item: "n1" });
    expect(targetOf(hit("f", "fiche", "need"), "action-fiche")).toEqual({ kind: "fiche-field", item: "fiche", field: "need" });
    expect(targetOf(hit("b", "_zone:south", "prompt"), "windroos")).toEqual({ kind: "zone", zone: "south" });
    expect(targetOf(hit("b", "_template", "title"), "windroos")).toEqual({ kind: "board" });
    expect(targetOf(hit("b", "_axis:team", "label"), "health-matrix")).toEqual({ kind: "board" });
    expect(targetOf(hit("r", "instruction"), "room")).toEqual({ kind: "room", item: "instruction" });
    expect(targetOf(hit("r", "answer-r12-0123456789abcdef01234567"), "room")).toEqual({ kind: "round-answer", round: "r12", person: "0123456789abcdef01234567" });
    expect(targetOf(hit("r", "answer-r2-participant-A1"), "room")).toEqual({ kind: "round-answer", round: "r2", person: "participant-A1" });
    expect(targetOf(hit("b", "answer-r1-p1"), "three-b")).toEqual({ kind: "note", item: "answer-r1-p1" });
    expect(hitKind(hit("r", "answer-r1-p1"), "room")).toEqual({ key: "answer" });
    expect(hitKind(hit("f", "fiche", "need"), "action-fiche")).toEqual({ key: "fiche", field: "need" });
    expect(hitKind(hit("b", "_zone:south", "label"), "windroos")).toEqual({ key: "label" });
    expect(hitKind(hit("b", "t1", "title"), "three-b")).toEqual({ key: "title" });
  });

  it("moves through results with the arrows, wrapping", () => {
    expect(moveActive(-1, 3, "ArrowDown")).toBe(0);
    expect(moveActive(2, 3, "ArrowDown")).toBe(0);
    expect(moveActive(-1, 3, "ArrowUp")).toBe(2);
    expect(moveActive(0, 3, "ArrowUp")).toBe(2);
    expect(moveActive(1, 0, "ArrowDown")).toBe(-1);
  });

  it("opens on Ctrl+K and Cmd+K only", () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>) =>
      isSearchShortcut({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
    expect(key("k", { ctrlKey: true })).toBe(true);
    expect(key("K", { metaKey: true })).toBe(true);
    expect(key("k", {})).toBe(false);
    expect(key("k", { ctrlKey: true, shiftKey: true })).toBe(false);
    expect(key("j", { ctrlKey: true })).toBe(false);
  });

  it("puts only the filters that are set in the query string (SE-4)", () => {
    const none = { board: "", zone: "", color: "", author: "", hasVotes: false };
    expect(searchPath("w", "ritme", 30, none)).toBe("/api/workshops/w/search?q=ritme&limit=30");
    expect(searchPath("w", "ritme", 30, { board: "b1", zone: "drop", color: "#fff3a8", author: "Fien de Wit", hasVotes: true }))
      .toBe("/api/workshops/w/search?q=ritme&limit=30&board=b1&zone=drop&color=%23fff3a8&author=Fien+de+Wit&has-votes=true");
    expect(searchPath("w", "ritme", 30, { ...none, hasVotes: true })).toBe("/api/workshops/w/search?q=ritme&limit=30&has-votes=true");
  });

  it("puts the words in the query string, never the seat (it travels as a header)", () => {
    expect(searchPath("w 1", "werk & druk", 30)).toBe("/api/workshops/w%201/search?q=werk+%26+druk&limit=30");
  });
});
