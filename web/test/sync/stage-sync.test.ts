// Issue 15's sync findings: the Undo button stayed grey after a delete (the stack was read before it
// took the entry), the status said "connected" for 12 s after the network went (the socket is only
// dropped by TCP), "saving n edits" needs the count, and live dragging rides on presence (PR-5).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeNet } from "./fake-server";
import { BACKOFF_CAP_MS } from "../../src/sync/backoff";
import { note, setUp, startAll } from "./helpers";

let net: FakeNet;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, make, tick } = setUp());
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { window?: unknown }).window;
});

describe("issue 15: the undo button reflects the real stack", () => {
  it("emits history after a delete, when canUndo() is already true", async () => {
    const a = make();
    await startAll(tick, a);
    a.client.change(note("n1", "weg ermee"));
    const seen: boolean[] = [];
    a.client.on("history", () => seen.push(a.client.canUndo()));
    // What the board did: repaint the buttons on "items"; that ran before the stack took the entry.
    const onItems: boolean[] = [];
    const off = a.client.on("items", () => onItems.push(a.client.canUndo()));
    a.client.change([{ item: "n1", field: "deleted", value: true }], { undoable: true });
    off();
    expect(onItems).toEqual([false]);
    expect(seen).toEqual([true]);
    a.client.undo();
    a.client.redo();
    expect(seen).toEqual([true, false, true]); // after the undo nothing is left to undo; the redo brings it back
  });
});

describe("issue 15: honest connection status", () => {
  it("goes offline at once when the browser loses the network, while the socket still looks open", async () => {
    const win = new EventTarget();
    (globalThis as { window?: unknown }).window = win;
    const a = make();
    await startAll(tick, a);
    expect(a.client.status).toBe("connected");
    net.up = false; // what the browser's network does; the open fake socket stays open, as a real one does
    win.dispatchEvent(new Event("offline"));
    expect(a.client.status).toBe("offline");
    a.client.change(note("n1", "offline geschreven"), { undoable: true });
    expect(a.client.pendingCount).toBe(1);
    net.up = true;
    win.dispatchEvent(new Event("online"));
    await tick(50);
    expect(a.client.status).toBe("connected");
    expect(net.server.items.value("n1", "text")).toBe("offline geschreven");
  });

  it("without a network still retries, slowly: a node on this machine is reachable while navigator.onLine is false", async () => {
    const win = new EventTarget();
    (globalThis as { window?: unknown }).window = win;
    vi.stubGlobal("navigator", { onLine: false });
    try {
      const a = make();
      await startAll(tick, a);
      win.dispatchEvent(new Event("offline"));
      expect(a.client.status).toBe("offline");
      // No "online" event comes (the laptop's Wi-Fi stays off), but the node on 127.0.0.1 answers.
      await tick(BACKOFF_CAP_MS + 100);
      expect(a.client.status).toBe("connected");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("tells a new pending count even when the status stays 'saving'", async () => {
    const a = make();
    await startAll(tick, a);
    net.server.holdAcks = true;
    a.client.change(note("n1", "een"));
    a.client.change(note("n2", "twee"));
    expect(a.statuses.slice(-2)).toEqual(["saving", "saving"]);
    expect(a.client.pendingCount).toBe(2);
  });
});

describe("PR-5: live dragging is presence", () => {
  it("sends where dragged notes are with the presence, rounded, and stops with null", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    a.client.setDrag([["n1", 10.4, 20.6]]);
    await tick(200);
    const peer = b.client.peers.get(a.client.replica);
    expect(peer?.drag).toEqual([["n1", 10, 21]]);
    a.client.setDrag(null);
    await tick(200);
    expect(b.client.peers.get(a.client.replica)?.drag).toBeNull();
  });
});
