// Undo/redo per user, presence (PR-1..PR-3) and peers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeNet } from "./fake-server";
import { note, setUp, startAll } from "./helpers";

let net: FakeNet;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, make, tick } = setUp());
});
afterEach(() => {
  vi.useRealTimers();
});

describe("undo and redo", () => {
  it("undoes and redoes a note's text, as new changes everyone sees", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    a.client.change(note("n1", "first"), { undoable: true });
    a.client.change([{ item: "n1", field: "text", value: "second" }], { undoable: true });
    await tick();
    expect(a.client.canUndo()).toBe(true);
    expect(a.client.canRedo()).toBe(false);

    const stampBefore = a.client.items.get("n1", "text")?.s;
    expect(a.client.undo()).toBe(true);
    expect(a.client.items.value("n1", "text")).toBe("first");
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("first");
    expect(net.server.items.get("n1", "text")?.s).not.toEqual(stampBefore);
    expect(a.client.canRedo()).toBe(true);

    expect(a.client.redo()).toBe(true);
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("second");
    expect(a.client.canRedo()).toBe(false);

    a.client.undo();
    a.client.change([{ item: "n1", field: "text", value: "third" }], { undoable: true });
    expect(a.client.canRedo()).toBe(false);
    expect(a.client.redo()).toBe(false);
  });

  it("squashes changes with one merge key into one undo step (an editing session)", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    a.client.change(note("n1", "start"), { undoable: true });
    for (const text of ["s", "st", "sta"]) {
      a.client.change([{ item: "n1", field: "text", value: text }], { undoable: true, mergeKey: "text:n1:1" });
    }
    a.client.change([{ item: "n1", field: "text", value: "other session" }], { undoable: true, mergeKey: "text:n1:2" });
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("other session");
    a.client.undo();
    expect(a.client.items.value("n1", "text")).toBe("sta");
    a.client.undo();
    expect(a.client.items.value("n1", "text")).toBe("start");
    a.client.redo();
    expect(a.client.items.value("n1", "text")).toBe("sta");
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("sta");
    a.client.undo();
    a.client.undo();
    expect(a.client.items.value("n1", "deleted")).toBe(true);
  });

  it("undoes a note's creation with deleted: true and redoes it (IT-5)", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    a.client.change(note("n1", "new"), { undoable: true });
    await tick();
    a.client.undo();
    await tick();
    expect(b.client.items.value("n1", "deleted")).toBe(true);
    expect(b.client.items.value("n1", "text")).toBe("new");
    expect(a.client.canUndo()).toBe(false);
    a.client.redo();
    await tick();
    expect(b.client.items.value("n1", "deleted")).toBe(false);
    expect(a.client.items.equals(b.client.items)).toBe(true);
  });

  it("never puts remote edits or non-undoable changes on the stack", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    a.client.change(note("n1", "mine"), { undoable: true });
    await tick();
    b.client.change([{ item: "n1", field: "x", value: 500 }], { undoable: true });
    a.client.change([{ item: "n1", field: "y", value: 7 }]);
    await tick();
    expect(a.client.undo()).toBe(true);
    expect(a.client.canUndo()).toBe(false);
    await tick();
    expect(b.client.items.value("n1", "deleted")).toBe(true);
    expect(b.client.items.value("n1", "x")).toBe(500);
  });

  it("restores a field that had no value with its neutral value", async () => {
    const a = make();
    await startAll(tick, a);
    a.client.change([{ item: "n1", field: "kind", value: "note" }]);
    a.client.change(
      [
        { item: "n1", field: "text", value: "t" },
        { item: "n1", field: "zone", value: "noord" },
        { item: "n1", field: "color", value: "#ff0" },
      ],
      { undoable: true },
    );
    a.client.undo();
    expect(a.client.items.value("n1", "text")).toBe("");
    expect(a.client.items.value("n1", "zone")).toBe(null);
    expect(a.client.items.value("n1", "color")).toBe("#ff0"); // color cannot be null (IT-1)
  });
});

describe("presence and peers", () => {
  it("throttles presence to one frame per 100 ms, the latest winning", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    const presenceFrames = () => net.server.conn(a.client.replica)?.received.filter((f) => f.t === "presence") ?? [];
    a.client.setPresence([1, 1], []);
    await tick();
    expect(presenceFrames()).toHaveLength(1);
    a.client.setPresence([2, 2], []);
    a.client.setPresence([3, 3], ["n1"]);
    await tick(50);
    a.client.setPresence([4, 4], ["n1", "n2"]);
    await tick(49);
    expect(presenceFrames()).toHaveLength(1);
    await tick(1);
    expect(presenceFrames()).toHaveLength(2);
    expect(presenceFrames()[1]).toEqual({ t: "presence", cursor: [4, 4], selection: ["n1", "n2"] });
    await tick(1_000);
    expect(presenceFrames()).toHaveLength(2);
    expect(b.client.peers.get(a.client.replica)).toEqual({
      replica: a.client.replica,
      name: "user 1",
      role: "participant",
      cursor: [4, 4],
      selection: ["n1", "n2"],
      text: null,
      drag: null,
    });
  });

  it("keeps peers from welcome, presence and left, never itself", async () => {
    const a = make();
    await startAll(tick, a);
    const b = make();
    let peerEvents = 0;
    a.client.on("peers", () => peerEvents++);
    await startAll(tick, b);
    expect([...a.client.peers.keys()]).toEqual([b.client.replica]);
    expect([...b.client.peers.values()]).toEqual([{ replica: a.client.replica, name: "user 1", role: "participant", cursor: null, selection: [], text: null, drag: null }]);
    expect(b.client.peers.has(b.client.replica)).toBe(false);
    expect(peerEvents).toBe(1);
    b.client.stop();
    await tick();
    expect(a.client.peers.size).toBe(0);
    expect(peerEvents).toBe(2);
  });

  it("sends the latest presence again after a reconnect", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    a.client.setPresence([5, 6], ["n9"]);
    await tick(200);
    net.server.drop(a.client.replica);
    await tick(10_000);
    expect(b.client.peers.get(a.client.replica)?.cursor).toEqual([5, 6]);
  });
});
