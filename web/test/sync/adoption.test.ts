// Orphan adoption: batches a closed tab left in the shared store are resent under its replica by
// the next client that finds that replica's Web Lock free; live tabs (lock held) are left alone.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { replicaLockName } from "../../src/sync/ids";
import { MemoryPendingStore } from "../../src/sync/pending";
import type { FakeLocks } from "./fake-locks";
import { FakeNet } from "./fake-server";
import { note, setUp, startAll, type TestClient } from "./helpers";

let net: FakeNet;
let locks: FakeLocks;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, locks, make, tick } = setUp());
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the network and the clock until every client's adoption is over; returns their counts. */
async function adoptionsOf(...clients: TestClient[]): Promise<number[]> {
  const results: (number | undefined)[] = clients.map(() => undefined);
  clients.forEach((c, k) => void c.client.adoptions.then((n) => (results[k] = n)));
  for (let round = 0; round < 200 && results.some((r) => r === undefined); round++) await tick(100);
  expect(results.every((r) => r !== undefined)).toBe(true);
  await tick();
  return results as number[];
}

/** A tab that writes a note while offline and is then closed: its batch stays in `storage`. */
async function closedTab(replica: string, storage: MemoryPendingStore, text: string): Promise<void> {
  const up = net.up;
  net.up = false;
  const tab = make({ replica, storage });
  await tab.client.start();
  tab.client.change(note("n1", text));
  await tick();
  tab.client.stop();
  await tick();
  net.up = up;
}

/** Every replica a client has ever listed as a peer, with the name it showed. */
function peersSeen(t: TestClient): Map<string, string> {
  const seen = new Map<string, string>();
  t.client.on("peers", () => {
    for (const p of t.client.peers.values()) seen.set(p.replica, p.name);
  });
  return seen;
}

const framesOf = (replica: string) => net.server.opsFrames.filter((f) => f.replica === replica).map((f) => f.batch);

describe("orphan adoption", () => {
  it("adopts a closed tab whose lock is released only after the new client looked (a slow browser)", async () => {
    const shared = new MemoryPendingStore();
    await closedTab("replicaSlow1", shared, "written before closing");
    // The closed tab's lock is still held when the new client starts, and freed 3 s later.
    let free!: () => void;
    void locks.request(replicaLockName("replicaSlow1"), { mode: "exclusive" }, () => new Promise<void>((r) => (free = r)));
    await tick();
    const fresh = make({ replica: "replicaNew02", storage: shared });
    await fresh.client.start();
    await tick(3_000);
    expect(framesOf("replicaSlow1")).toEqual([]);
    free();
    expect(await adoptionsOf(fresh)).toEqual([1]);
    expect(framesOf("replicaSlow1")).toHaveLength(1);
    expect(await shared.load("b1", "replicaSlow1")).toEqual([]);
  });

  it("resends the batches of a tab closed while offline, and forgets them", async () => {
    const shared = new MemoryPendingStore();
    const other = make(); // someone else on the board, with their own storage
    await startAll(tick, other);
    const otherSaw = peersSeen(other);

    net.up = false;
    const gone = make({ replica: "replicaGone1", storage: shared });
    await gone.client.start();
    await tick();
    expect(gone.client.status).toBe("offline");
    gone.client.change(note("n1", "written offline"));
    gone.client.change([{ item: "n1", field: "x", value: 42 }]);
    await tick(2_000);
    expect(locks.isHeld(replicaLockName("replicaGone1"))).toBe(true);
    gone.client.stop(); // the tab is closed: nothing was sent, the batches stay kept
    await tick();
    expect(locks.isHeld(replicaLockName("replicaGone1"))).toBe(false);
    // the two offline changes joined one batch that never went out
    expect(await shared.load("b1", "replicaGone1")).toHaveLength(1);
    expect(await shared.replicas("b1")).toEqual(["replicaGone1"]);
    expect(net.server.opsFrames).toEqual([]);

    net.up = true;
    const fresh = make({ replica: "replicaNew01", storage: shared, name: "Anna" });
    const freshSaw = peersSeen(fresh);
    await fresh.client.start();
    expect(await adoptionsOf(fresh)).toEqual([1]);
    expect(fresh.client.adoptedBatches).toBe(1);

    // sent under the closed tab's replica (its stamps carry it), each batch once
    const kept = gone.client.pendingBatches.map((b) => b.batch);
    expect(framesOf("replicaGone1")).toEqual(kept);
    expect(net.server.log.map((l) => [l.replica, l.batch])).toEqual(kept.map((b) => ["replicaGone1", b]));
    expect(net.server.items.value("n1", "text")).toBe("written offline");
    expect(net.server.items.value("n1", "x")).toBe(42);
    // everyone sees the edits, the adopting client through the server's fan-out
    expect(other.client.items.value("n1", "text")).toBe("written offline");
    expect(fresh.client.items.value("n1", "x")).toBe(42);
    expect(fresh.client.items.equals(net.server.items)).toBe(true);
    expect(other.client.items.equals(net.server.items)).toBe(true);
    // nothing is left for the closed tab, and its lock is free again
    expect(await shared.load("b1", "replicaGone1")).toEqual([]);
    expect(await shared.replicas("b1")).toEqual([]);
    expect(shared.size()).toBe(0);
    expect(locks.isHeld(replicaLockName("replicaGone1"))).toBe(false);
    // the stand-in connected with the adopting user's name, never showed as a peer to that user,
    // and is gone
    expect(otherSaw.get("replicaGone1")).toBe("Anna");
    expect(freshSaw.has("replicaGone1")).toBe(false);
    expect(freshSaw.has(other.client.replica)).toBe(true);
    expect(net.server.conn("replicaGone1")).toBeUndefined();
    expect(other.client.peers.has("replicaGone1")).toBe(false);
    expect(fresh.client.status).toBe("connected");
    expect(fresh.statuses).toEqual(["connected"]);
  });

  it("leaves alone the batches of a tab that is still open (its lock is held)", async () => {
    const shared = new MemoryPendingStore();
    const away = new FakeNet(); // the live tab's network is down and stays down
    away.up = false;
    const live = make({ replica: "replicaLive1", storage: shared, WebSocketImpl: away.WebSocket });
    await live.client.start();
    live.client.change(note("n1", "still mine"));
    await tick();
    expect(locks.isHeld(replicaLockName("replicaLive1"))).toBe(true);

    const fresh = make({ replica: "replicaNew01", storage: shared });
    await fresh.client.start();
    expect(await adoptionsOf(fresh)).toEqual([0]);
    expect(fresh.client.adoptedBatches).toBe(0);
    expect(locks.requests).toContainEqual({ name: replicaLockName("replicaLive1"), ifAvailable: true, granted: false });
    expect(net.server.opsFrames).toEqual([]);
    expect(net.server.conn("replicaLive1")).toBeUndefined();
    expect(await shared.load("b1", "replicaLive1")).toHaveLength(1);
    expect(live.client.pendingBatches).toHaveLength(1);
    expect(fresh.client.items.has("n1")).toBe(false);

    // once that tab is closed, the next client to start adopts its batch
    live.client.stop();
    await tick();
    const later = make({ replica: "replicaLate1", storage: shared });
    await later.client.start();
    expect(await adoptionsOf(later)).toEqual([1]);
    expect(net.server.items.value("n1", "text")).toBe("still mine");
    expect(fresh.client.items.value("n1", "text")).toBe("still mine");
    expect(shared.size()).toBe(0);
  });

  it("does not duplicate: a batch the server already had, and two clients starting at once", async () => {
    const shared = new MemoryPendingStore();
    const gone = make({ replica: "replicaGone1", storage: shared });
    await startAll(tick, gone);
    net.server.holdAcks = true;
    gone.client.change(note("n1", "applied, ack lost"));
    await tick();
    expect(net.server.log).toHaveLength(1);
    net.up = false;
    net.server.drop("replicaGone1");
    net.server.holdAcks = false;
    net.server.releaseAcks(); // to a closed socket: lost
    await tick();
    gone.client.change([{ item: "n1", field: "text", value: "offline" }]);
    await tick();
    gone.client.stop();
    await tick();
    const [first, second] = gone.client.pendingBatches.map((b) => b.batch) as [string, string];
    expect(await shared.load("b1", "replicaGone1")).toHaveLength(2);

    net.up = true;
    const a = make({ replica: "replicaTabA1", storage: shared });
    const b = make({ replica: "replicaTabB1", storage: shared });
    await Promise.all([a.client.start(), b.client.start()]);
    const counts = await adoptionsOf(a, b);
    expect(counts.sort()).toEqual([0, 2]); // only one of them took the closed tab's lock
    expect(a.client.adoptedBatches + b.client.adoptedBatches).toBe(2);
    // its own, then the adopter; the other client may take it again on a later round and find nothing left
    expect(locks.requests.filter((r) => r.name === replicaLockName("replicaGone1") && r.granted).length).toBeGreaterThanOrEqual(2);

    // the first batch reached the server twice (before the close and from the adopter), the second once ...
    expect(framesOf("replicaGone1")).toEqual([first, first, second]);
    // ... and the server applied each once (OP-4 dedup by replica and batch)
    expect(net.server.log.map((l) => l.batch)).toEqual([first, second]);
    expect(net.server.items.value("n1", "text")).toBe("offline");
    expect(a.client.items.equals(net.server.items)).toBe(true);
    expect(b.client.items.equals(net.server.items)).toBe(true);
    expect(shared.size()).toBe(0);

    // a client starting later finds nothing left to adopt
    const c = make({ replica: "replicaTabC1", storage: shared });
    await c.client.start();
    expect(await adoptionsOf(c)).toEqual([0]);
    expect(net.server.opsFrames).toHaveLength(3);
  });

  it("adopts nothing without a lock manager, or as an observer", async () => {
    const shared = new MemoryPendingStore();
    await closedTab("replicaGone1", shared, "kept");
    const noLocks = make({ replica: "replicaNoLk1", storage: shared, locks: null });
    const observer = make({ replica: "replicaObs01", storage: shared, token: "tok-o" });
    await startAll(tick, noLocks, observer);
    expect(await adoptionsOf(noLocks, observer)).toEqual([0, 0]);
    expect(observer.client.role).toBe("observer");
    expect(locks.requests.some((r) => r.name === replicaLockName("replicaNoLk1"))).toBe(false);
    expect(locks.requests.some((r) => r.name === replicaLockName("replicaGone1") && r.ifAvailable)).toBe(false);
    expect(net.server.opsFrames).toEqual([]);
    expect(shared.size()).toBe(1);
  });

  it("gives up at the deadline and keeps what is still unsaved for a later try", async () => {
    const shared = new MemoryPendingStore();
    await closedTab("replicaGone1", shared, "kept");
    net.server.holdAcks = true; // the server never acknowledges
    const fresh = make({ replica: "replicaNew01", storage: shared });
    await fresh.client.start();
    let result: number | undefined;
    void fresh.client.adoptions.then((n) => (result = n));
    await tick(119_000);
    expect(result).toBeUndefined();
    expect(net.server.conn("replicaGone1")).toBeDefined();
    await tick(2_000);
    expect(result).toBe(0);
    expect(net.server.conn("replicaGone1")).toBeUndefined();
    expect(locks.isHeld(replicaLockName("replicaGone1"))).toBe(false);
    expect(await shared.load("b1", "replicaGone1")).toHaveLength(1);
  });

  it("holds its own lock while it runs and ends its adoption when stopped", async () => {
    const a = make({ replica: "replicaOwn01" });
    expect(locks.isHeld(replicaLockName("replicaOwn01"))).toBe(false);
    await a.client.start();
    await tick();
    expect(locks.isHeld(replicaLockName("replicaOwn01"))).toBe(true);
    a.client.stop();
    await tick();
    expect(locks.isHeld(replicaLockName("replicaOwn01"))).toBe(false);
    expect(await a.client.adoptions).toBe(0);

    const never = make({ replica: "replicaNvr01" });
    never.client.stop();
    expect(await never.client.adoptions).toBe(0);
  });
});
