// Merged text through the sync client and a fake node that speaks TX-3..TX-7 (issue 14, "nothing
// typed is lost"): two people typing in one note at once, an offline run of 500 characters, undo of
// one's own typing, a v1 client's plain write, a node that does not merge text, and TX-8's order of
// batches after a refusal to be retried.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Op } from "../../src/sync/api";
import type { SyncClient } from "../../src/sync/client";
import type { TextField } from "../../src/sync/text/field";
import { readTextOp, stateJson } from "../../src/sync/text/json";
import { note, setUp, startAll, type TestClient } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
});

/** Types `text` one character at a time at code point `pos`, as the editor sends input events. */
function type(c: SyncClient, item: string, pos: number, text: string, mergeKey?: string): void {
  let at = pos;
  for (const ch of text) {
    const cps = [...(c.text(item, "text")?.text() ?? "")];
    cps.splice(at, 0, ch);
    at++;
    c.editText(item, "text", cps.join(""), { caret: at, ...(mergeKey ? { mergeKey } : {}) });
  }
}

function textOps(tc: TestClient): Op[] {
  return tc.client.pendingBatches.flatMap((b) => b.ops).filter((op) => readTextOp(op.v) !== null);
}

async function twoOnANote(text = "Idee: ") {
  const env = setUp();
  env.net.server.textCaps = true;
  const a = env.make();
  const b = env.make();
  await startAll(env.tick, a, b);
  a.client.change(note("n1", ""));
  await env.tick();
  type(a.client, "n1", 0, text);
  await env.tick();
  return { ...env, a, b };
}

describe("text that merges (TX-3..TX-8)", () => {
  it("says caps:[text] (and route, RT-1) in its hello and merges once the welcome says so (TX-7)", async () => {
    const { net, a, b } = await twoOnANote();
    const hello = net.server.conn(a.client.replica)!.received[0]!;
    expect(hello.caps).toEqual(["text", "route"]);
    expect(a.client.mergesText).toBe(true);
    expect(b.client.items.value("n1", "text")).toBe("Idee: ");
    expect(net.server.items.isText("n1", "text")).toBe(true);
  });

  it("two people typing into one note at once keep every character, never interleaved", async () => {
    const { net, a, b, tick } = await twoOnANote();
    // Both type at the end at the same time, one input event per character, the network delivering in between.
    const wordA = "buddy voor nieuwkomers";
    const wordB = "overuren beperken";
    for (let k = 0; k < Math.max(wordA.length, wordB.length); k++) {
      if (k < wordA.length) type(a.client, "n1", 6 + k, wordA[k]!);
      if (k < wordB.length) type(b.client, "n1", 6 + k + (b.client.text("n1", "text")!.length - 6 - k), wordB[k]!);
      if (k % 3 === 0) await net.settle();
    }
    await tick();
    const text = a.client.items.value("n1", "text") as string;
    expect(b.client.items.value("n1", "text")).toBe(text);
    expect(net.server.items.value("n1", "text")).toBe(text);
    expect(text.startsWith("Idee: ")).toBe(true);
    expect(text).toContain(wordA);
    expect(text).toContain(wordB);
    expect(text.length).toBe(6 + wordA.length + wordB.length);
  });

  it("an offline participant's 500 characters survive another's edits online", async () => {
    const { net, a, b, tick } = await twoOnANote("Actie 1: buddy.");
    net.up = false;
    net.server.drop(a.client.replica);
    await tick();
    expect(a.client.status).toBe("offline");
    const offline = Array.from({ length: 60 }, (_, k) => ` woord${String(k).padStart(3, "0")}`).join("").slice(0, 500);
    expect(offline).toHaveLength(500);
    type(a.client, "n1", 15, offline);
    // Meanwhile B, online, rewrites the start.
    b.client.editText("n1", "text", "Eerst: buddy.", { caret: 7 });
    type(b.client, "n1", 5, "!");
    await tick();
    expect(net.server.items.value("n1", "text")).toBe("Eerst!: buddy.");
    net.up = true;
    await tick(60_000);
    const text = a.client.items.value("n1", "text");
    expect(text).toBe(`Eerst!: buddy.${offline}`);
    expect(b.client.items.value("n1", "text")).toBe(text);
    expect(net.server.items.value("n1", "text")).toBe(text);
  });

  it("undo takes back one's own typing by id and keeps what others typed meanwhile; redo puts it back", async () => {
    const { a, b, tick } = await twoOnANote("");
    type(a.client, "n1", 0, "Werkdruk", "session-1");
    await tick();
    type(b.client, "n1", 4, "XY"); // inside a's word
    await tick();
    expect(a.client.items.value("n1", "text")).toBe("WerkXYdruk");
    expect(a.client.undo()).toBe(true); // one step for the whole session
    await tick();
    expect(a.client.items.value("n1", "text")).toBe("XY");
    expect(b.client.items.value("n1", "text")).toBe("XY");
    expect(a.client.redo()).toBe(true);
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("WerkXYdruk");
    // Undoing a delete puts the text back where it was.
    a.client.editText("n1", "text", "WerkXY", { caret: 6, mergeKey: "session-2" });
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("WerkXY");
    a.client.undo();
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("WerkXYdruk");
    a.client.redo();
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("WerkXY");
  });

  it("a v1 client's plain write replaces the text whole when later (TX-5) and reads merged text as plain (TX-6)", async () => {
    const { net, a, tick } = await twoOnANote("Idee: buddy");
    const v1 = new net.WebSocket("http://node-a/ws") as unknown as { send(d: string): void; onmessage: ((e: { data: string }) => void) | null };
    const got: Record<string, unknown>[] = [];
    v1.onmessage = (e) => got.push(JSON.parse(e.data) as Record<string, unknown>);
    await net.settle();
    v1.send(JSON.stringify({ t: "hello", v: 1, token: "tok-p", board: "b1", replica: "legacy01", name: "Oud" }));
    await net.settle();
    const welcome = got.find((f) => f.t === "welcome") as { snapshot: Record<string, Record<string, { v: unknown }>>; caps?: unknown };
    expect(welcome.caps).toBeUndefined();
    expect(welcome.snapshot.n1!.text!.v).toBe("Idee: buddy");
    type(a.client, "n1", 11, "!");
    await tick();
    expect(got.filter((f) => f.t === "ops").flatMap((f) => f.ops as Op[]).map((op) => op.v)).toContain("Idee: buddy!");
    const late = Date.now() + 1_000;
    v1.send(JSON.stringify({ t: "ops", batch: "v1-1", ops: [{ i: "n1", f: "text", v: "Nieuw", s: [late, 0, "legacy01"] }] }));
    await tick();
    expect(a.client.items.value("n1", "text")).toBe("Nieuw");
    expect(a.client.items.isText("n1", "text")).toBe(true);
    // An older plain write loses to the field's latest stamp: nothing changes.
    v1.send(JSON.stringify({ t: "ops", batch: "v1-2", ops: [{ i: "n1", f: "text", v: "Oud", s: [1, 0, "legacy01"] }] }));
    await tick();
    expect(a.client.items.value("n1", "text")).toBe("Nieuw");
    // Typing goes on in the replaced text.
    type(a.client, "n1", 5, " plan");
    await tick();
    expect(net.server.items.value("n1", "text")).toBe("Nieuw plan");
  });

  it("a plain write of one's own on a text field reads as the node's TX-5 ops: client, node and others end with one state", async () => {
    const { net, a, b, tick } = await twoOnANote("Idee");
    a.client.change([{ item: "n1", field: "text", value: "Nieuw idee" }]);
    type(b.client, "n1", 4, "!"); // concurrent with it
    await tick();
    const state = (c: SyncClient) => stateJson(c.items.text("n1", "text") as TextField);
    const node = stateJson(net.server.items.text("n1", "text") as TextField);
    expect(state(a.client)).toBe(node);
    expect(state(b.client)).toBe(node);
    expect(node).toContain(`"~`);
  });

  it("a late joiner gets the text as a state in its welcome and types on", async () => {
    const { net, make, tick, a } = await twoOnANote("Samen");
    const c = make();
    await startAll(tick, c);
    expect(net.server.items.toSnapshot().n1!.text!.v).toEqual({ runs: [[a.client.replica, 0, "Samen", null, "r", 0]] });
    expect(c.client.mergesText).toBe(true);
    expect(c.client.items.isText("n1", "text")).toBe(true);
    expect(c.client.items.value("n1", "text")).toBe("Samen");
    type(c.client, "n1", 5, " sterk");
    await tick();
    expect(a.client.items.value("n1", "text")).toBe("Samen sterk");
  });

  it("against a node without the text capability it writes plain strings, as before", async () => {
    const { net, make, tick } = setUp();
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    expect(a.client.mergesText).toBe(false);
    a.client.change(note("n1", ""));
    type(a.client, "n1", 0, "Hallo");
    expect(textOps(a)).toEqual([]);
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("Hallo");
    expect(net.server.items.value("n1", "text")).toBe("Hallo");
    expect(net.server.items.isText("n1", "text")).toBe(false);
  });

  it("TX-8: after a rate-limited batch the later ones are kept (even refused as invalid_op) and resent in order", async () => {
    const { net, a, b, tick } = await twoOnANote("");
    net.server.rateLimitNext = 1;
    const before = net.server.opsFrames.length;
    const sent = () => net.server.opsFrames.slice(before).map((f) => f.batch);
    type(a.client, "n1", 0, "abc"); // three batches, each building on the one before
    await net.settle();
    // The node refused the first for now and the other two for want of it (unknown parent).
    const first = sent();
    expect(first).toHaveLength(3);
    expect(a.errors).toEqual([]); // neither the retry nor the kept refusals alarm anyone
    expect(a.client.pendingBatches.map((p) => p.batch)).toEqual(first);
    await tick(20_000);
    expect(sent()).toEqual([...first, ...first]);
    expect(a.client.pendingBatches).toHaveLength(0);
    expect(net.server.items.value("n1", "text")).toBe("abc");
    expect(b.client.items.value("n1", "text")).toBe("abc");
  });

  it("TX-8: a batch refused as invalid_op with nothing to wait for is dropped", async () => {
    const { net, a, tick } = await twoOnANote("ab");
    net.server.rejectNext = "invalid_op";
    type(a.client, "n1", 2, "c");
    await tick();
    expect(a.client.pendingBatches).toHaveLength(0);
    expect(a.client.items.value("n1", "text")).toBe("ab");
  });
});
