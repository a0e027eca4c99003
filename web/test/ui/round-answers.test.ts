// Round answers (issue 16 finding 2, contract C1): read from the room board's `round-<id>` and
// `answer-<round>-<person>` items, sent as the room action roundAnswer and never as a board write;
// the facilitator's round options.
import { describe, expect, it } from "vitest";
import type { Json, Op } from "../../src/sync/api";
import { Items } from "../../src/sync/items";
import { answerProblem, currentRoundId, readRounds, roundStartArgs, sendAnswer } from "../../src/ui/room/round-answers";

function room(data: Record<string, Record<string, Json>>): Items {
  const ops: Op[] = [];
  for (const [i, fields] of Object.entries(data)) for (const [f, v] of Object.entries(fields)) ops.push({ i, f, v, s: [1, 0, "samenbord-node"] });
  return Items.fromOps(ops);
}

const items = room({
  round: { active: true, id: "r2", kind: "check-out", prompt: "Wat neem je mee?", order: [], index: 0 },
  "round-r1": { kind: "roundRecord", round: "check-in", prompt: "Hoe kom je binnen?", startedAt: 100, endedAt: 200 },
  "round-r2": { kind: "roundRecord", round: "check-out", prompt: "Wat neem je mee?", startedAt: 300, endedAt: null },
  "answer-r1-aaaa": { kind: "roundAnswer", round: "r1", name: "Anna", text: "Moe maar blij", at: 150 },
  "answer-r1-bbbb": { kind: "roundAnswer", round: "r1", name: "Bert", text: "Nieuwsgierig", at: 120 },
  "answer-r2-aaaa": { kind: "roundAnswer", round: "r2", name: "Anna", text: "Meer pauzes", at: 310 },
  "answer-r2-cccc": { kind: "roundAnswer", round: "r2", name: "Cas", text: "Weg", at: 320, deleted: true },
  "answer-r9-xx": { kind: "roundAnswer", round: "r2", name: "Vals", text: "id past niet", at: 1 },
  "round-r3": { kind: "note", text: "geen record" },
});

describe("round answers", () => {
  it("lists every round newest first, each with its answers in the order given", () => {
    expect(currentRoundId(items)).toBe("r2");
    const rounds = readRounds(items);
    expect(rounds.map((r) => [r.id, r.kind, r.prompt])).toEqual([
      ["r2", "check-out", "Wat neem je mee?"],
      ["r1", "check-in", "Hoe kom je binnen?"],
    ]);
    expect(rounds[0].answers.map((a) => `${a.name}: ${a.text}`)).toEqual(["Anna: Meer pauzes"]);
    expect(rounds[1].answers.map((a) => `${a.name}: ${a.text}`)).toEqual(["Bert: Nieuwsgierig", "Anna: Moe maar blij"]);
    expect(rounds[1].endedAt).toBe(200);
  });

  it("reads a room without rounds (or from before C1) as none", () => {
    const old = room({ round: { active: true, kind: "check-in", prompt: "x" } });
    expect(currentRoundId(old)).toBeNull();
    expect(readRounds(old)).toEqual([]);
  });

  it("sends an answer as roundAnswer on the room and writes nothing else", async () => {
    const calls: [string, Record<string, unknown> | undefined][] = [];
    const control = async (action: string, args?: Record<string, unknown>) => (calls.push([action, args]), 7);
    expect(await sendAnswer("  Meer pauzes nemen ", control)).toBeNull();
    expect(calls).toEqual([["roundAnswer", { text: "Meer pauzes nemen" }]]);
    expect(await sendAnswer("   ", control)).toBe("empty");
    expect(await sendAnswer("x".repeat(501), control)).toBe("long");
    expect(calls).toHaveLength(1); // refused locally: nothing sent at all
    expect(answerProblem("é".repeat(500))).toBeNull();
  });

  it("passes a refusal of the node on (shown at the form)", async () => {
    await expect(sendAnswer("hallo", () => Promise.reject(new Error("no round is running")))).rejects.toThrow("no round");
  });
});

describe("round start form", () => {
  const form = { kind: "check-in", prompt: " Hoe gaat het? ", turnSeconds: "45", autoAdvance: true, facilitators: false };

  it("sends the turn length, auto-advance and whether facilitators speak", () => {
    expect(roundStartArgs(form)).toEqual({ args: { kind: "check-in", prompt: "Hoe gaat het?", turnSeconds: 45, autoAdvance: true, facilitators: false } });
    expect(roundStartArgs({ ...form, turnSeconds: "" })).toEqual({ args: expect.objectContaining({ turnSeconds: 30 }) });
    expect(roundStartArgs({ ...form, kind: "check-out", facilitators: true })).toEqual({ args: expect.objectContaining({ kind: "check-out", facilitators: true }) });
  });

  it("refuses a missing prompt or a turn outside 5..600 s", () => {
    expect(roundStartArgs({ ...form, prompt: "  " })).toEqual({ error: "prompt" });
    for (const bad of ["4", "601", "2.5", "abc"]) expect(roundStartArgs({ ...form, turnSeconds: bad })).toEqual({ error: "turn" });
    expect(roundStartArgs({ ...form, turnSeconds: "600" })).toHaveProperty("args");
  });
});
