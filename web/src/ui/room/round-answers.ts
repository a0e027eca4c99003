// Round answers and records as the node keeps them on the room board (contract C1): every round
// leaves `round-<id>` (kind roundRecord) and each person's answer `answer-<roundId>-<person>`
// (kind roundAnswer), visible to all. Answers go to the node as the room action `roundAnswer`,
// never onto a work board (issue 16, finding 2). Pure: test/ui/round-answers.test.ts.
import type { ItemsView, Json } from "../../sync/api";

export interface RoundAnswer {
  /** The person part of the item id (ID-3). */
  person: string;
  name: string;
  text: string;
  at: number;
}

export interface RoundRecord {
  /** `r<k>`, k = 1, 2, ... per workshop. */
  id: string;
  kind: "check-in" | "check-out";
  prompt: string;
  startedAt: number | null;
  endedAt: number | null;
  answers: RoundAnswer[];
}

/** An answer's length in characters (C1: 1..500). */
export const MAX_ANSWER = 500;
/** The turn length a facilitator may choose (C1: 5..600 s), and the node's default. */
export const MIN_TURN = 5;
export const MAX_TURN = 600;
export const DEFAULT_TURN = 30;

const str = (v: Json | undefined): string | null => (typeof v === "string" ? v : null);
const num = (v: Json | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const ROUND_ORDER = (id: string): number => Number(id.slice(1)) || 0;

/** The id of the room's current round (`round.id`), or null before C1's node or without a round. */
export function currentRoundId(items: ItemsView): string | null {
  return str(items.value("round", "id"));
}

/** Every round of the workshop with its answers, newest first; answers by time, then name. */
export function readRounds(items: ItemsView): RoundRecord[] {
  const rounds = new Map<string, RoundRecord>();
  const answers: { round: string; answer: RoundAnswer }[] = [];
  for (const id of items.itemIds()) {
    if (items.value(id, "deleted") === true) continue;
    const kind = items.value(id, "kind");
    if (kind === "roundRecord" && id.startsWith("round-")) {
      const rid = id.slice("round-".length);
      rounds.set(rid, {
        id: rid,
        kind: items.value(id, "round") === "check-out" ? "check-out" : "check-in",
        prompt: str(items.value(id, "prompt")) ?? "",
        startedAt: num(items.value(id, "startedAt")),
        endedAt: num(items.value(id, "endedAt")),
        answers: [],
      });
    } else if (kind === "roundAnswer") {
      const round = str(items.value(id, "round"));
      const text = str(items.value(id, "text"));
      if (!round || text === null || !id.startsWith(`answer-${round}-`)) continue;
      answers.push({
        round,
        answer: { person: id.slice(`answer-${round}-`.length), name: str(items.value(id, "name")) ?? "", text, at: num(items.value(id, "at")) ?? 0 },
      });
    }
  }
  for (const { round, answer } of answers) {
    // An answer whose record has not arrived yet still shows, under a round without a prompt.
    let r = rounds.get(round);
    if (!r) rounds.set(round, (r = { id: round, kind: "check-in", prompt: "", startedAt: null, endedAt: null, answers: [] }));
    r.answers.push(answer);
  }
  for (const r of rounds.values()) r.answers.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
  return [...rounds.values()].sort((a, b) => ROUND_ORDER(b.id) - ROUND_ORDER(a.id) || b.id.localeCompare(a.id));
}

/** Why an answer cannot be sent ("empty" | "long"), or null when it can. */
export function answerProblem(text: string): "empty" | "long" | null {
  const trimmed = text.trim();
  if (trimmed === "") return "empty";
  if ([...trimmed].length > MAX_ANSWER) return "long";
  return null;
}

/**
 * Sends one's answer as the room action `roundAnswer {text}` (C1) and nothing else: no board is
 * written. Resolves to the problem, or null once the node stored it.
 */
export async function sendAnswer(
  text: string,
  control: (action: string, args?: Record<string, unknown>) => Promise<number>,
): Promise<"empty" | "long" | null> {
  const problem = answerProblem(text);
  if (problem) return problem;
  await control("roundAnswer", { text: text.trim() });
  return null;
}

export interface RoundStartForm {
  kind: string;
  prompt: string;
  /** The turn-length field as typed (seconds). */
  turnSeconds: string;
  autoAdvance: boolean;
  facilitators: boolean;
}

/** The `roundStart` arguments of the facilitator's form (C1), or what is wrong with it. */
export function roundStartArgs(f: RoundStartForm): { args: Record<string, unknown> } | { error: "prompt" | "turn" } {
  const prompt = f.prompt.trim();
  if (!prompt) return { error: "prompt" };
  const raw = f.turnSeconds.trim();
  const seconds = raw === "" ? DEFAULT_TURN : Number(raw);
  if (!Number.isInteger(seconds) || seconds < MIN_TURN || seconds > MAX_TURN) return { error: "turn" };
  return {
    args: {
      kind: f.kind === "check-out" ? "check-out" : "check-in",
      prompt,
      turnSeconds: seconds,
      autoAdvance: f.autoAdvance,
      facilitators: f.facilitators,
    },
  };
}
