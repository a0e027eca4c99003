// A round's answers onto the workshop's check-in board (issue 20, seed 003): one card per person,
// side by side in the board's zone, each with the person's name. Card ids are fixed per round and
// person, so putting the same round there again rewrites those cards instead of adding copies.
import type { Change, Json } from "../../sync/api";
import { freeSpot, noteSize, type Rect } from "../board/geometry";
import type { Template } from "../template";
import type { RoundRecord } from "./round-answers";

/** The template of the board a round's answers go to. */
export const CHECK_IN = "check-in";

/** The item id of `person`'s card for round `round` (OP-2: at most 64 of [A-Za-z0-9_.:-]). */
export function cardId(round: string, person: string): string {
  return `checkin-${round}-${person}`.slice(0, 64);
}

/** The changes that put every answer of `round` on a check-in board as a card, in answering order. */
export function answerCards(round: RoundRecord, tpl: Template): Change[] {
  const zone = tpl.zones[0];
  if (!zone) return [];
  const size = noteSize(tpl, zone, "note");
  const taken: Rect[] = [];
  const out: Change[] = [];
  for (const a of round.answers) {
    const at = freeSpot(zone, size.w, size.h, taken);
    taken.push({ x: at.x, y: at.y, w: size.w, h: size.h });
    const fields: Record<string, Json> = {
      kind: "note",
      x: Math.round(at.x),
      y: Math.round(at.y),
      w: Math.round(size.w),
      h: Math.round(size.h),
      text: [...a.text].slice(0, 4000).join(""),
      zone: zone.id,
      author: [...(a.name || "?")].slice(0, 100).join(""),
    };
    const id = cardId(round.id, a.person);
    for (const [field, value] of Object.entries(fields)) out.push({ item: id, field, value });
  }
  return out;
}
