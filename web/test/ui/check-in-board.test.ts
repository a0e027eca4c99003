import { describe, expect, it } from "vitest";
import type { Change, Json } from "../../src/sync/api";
import { answerCards, cardId } from "../../src/ui/room/check-in-board";
import type { RoundRecord } from "../../src/ui/room/round-answers";
import { templates } from "./templates";

const round = (answers: [string, string, string][]): RoundRecord => ({
  id: "r2",
  kind: "check-in",
  prompt: "Hoe kom je binnen?",
  startedAt: 1,
  endedAt: 2,
  answers: answers.map(([person, name, text], i) => ({ person, name, text, at: i })),
});

function cards(changes: Change[]): Record<string, Record<string, Json>> {
  const out: Record<string, Record<string, Json>> = {};
  for (const c of changes) (out[c.item] ??= {})[c.field] = c.value;
  return out;
}

describe("a round's answers on the check-in board (issue 20)", () => {
  it("one card per person, with their name and answer, side by side inside the zone", () => {
    const r = round([["s1", "Anna", "Moe maar blij"], ["s2", "Bart", "Vol energie"], ["s3", "", "Nieuwsgierig"]]);
    const made = cards(answerCards(r, templates.checkIn));
    expect(Object.keys(made)).toEqual(["checkin-r2-s1", "checkin-r2-s2", "checkin-r2-s3"]);
    expect(made["checkin-r2-s1"]).toMatchObject({ kind: "note", zone: "answers", text: "Moe maar blij", author: "Anna" });
    expect(made["checkin-r2-s3"]!.author).toBe("?");
    const zone = templates.checkIn.zones[0]!.shape as { x: number; y: number; w: number; h: number };
    const rects = Object.values(made).map((c) => c as { x: number; y: number; w: number; h: number });
    for (const c of rects) {
      expect(c.x).toBeGreaterThanOrEqual(zone.x);
      expect(c.y).toBeGreaterThan(zone.y);
      expect(c.x + c.w).toBeLessThanOrEqual(zone.x + zone.w);
      expect(c.y + c.h).toBeLessThanOrEqual(zone.y + zone.h);
    }
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i]!, b = rects[j]!;
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }
    }
  });

  it("the same round put again writes the same cards (no copies); ids stay within OP-2's 64 characters", () => {
    const r = round([["s1", "Anna", "Moe maar blij"]]);
    expect(answerCards(r, templates.checkIn)).toEqual(answerCards(r, templates.checkIn));
    expect(cardId("r12", "p".repeat(80))).toHaveLength(64);
    expect(answerCards(round([]), templates.checkIn)).toEqual([]);
  });
});
