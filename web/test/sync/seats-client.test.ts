// The sync client with a seat (ID-1..ID-3): what its hello carries, which seat a stand-in sends
// for a closed tab's batches, and that the person's own other tabs are not other people.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryPendingStore } from "../../src/sync/pending";
import { seatedReplica, seatId, seatOf } from "../../src/sync/seat";
import vectors from "../../../server/vectors/seats.json";
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

const SEAT = vectors.seats[3]!.secret;
const SEAT_ID = vectors.seats[3]!.seatId;
const OTHER_SEAT = vectors.seats[0]!.secret;

/** Every hello sent for `replica`. */
function hellos(replica: string): Record<string, unknown>[] {
  return net.sockets.flatMap((s) => s.sent).filter((f) => f.t === "hello" && f.replica === replica);
}

/** Moves the network and the clock until the client's adoption is over. */
async function adoptionOf(c: { client: { adoptions: Promise<number> } }): Promise<number> {
  let result: number | undefined;
  void c.client.adoptions.then((n) => (result = n));
  for (let round = 0; round < 200 && result === undefined; round++) await tick(100);
  expect(result).toBeDefined();
  return result!;
}

/** A tab that wrote a note offline and was closed: its batch stays kept under `replica`. */
async function closedTab(replica: string, storage: MemoryPendingStore, seat?: string): Promise<void> {
  net.up = false;
  const tab = make({ replica, storage, ...(seat ? { seat } : {}) });
  await tab.client.start();
  tab.client.change(note(`n-${replica}`, `left by ${replica}`));
  await tick();
  tab.client.stop();
  await tick();
  net.up = true;
}

describe("hello with a seat (ID-2)", () => {
  it("sends the seat, with a seated replica made from it", async () => {
    const a = make({ seat: SEAT, replica: undefined });
    await startAll(tick, a);
    expect(seatOf(a.client.replica)).toBe(SEAT_ID);
    expect(a.client.person).toBe(SEAT_ID);
    const [hello] = hellos(a.client.replica);
    expect(hello).toEqual({ t: "hello", v: 1, token: "tok-p", board: "b1", replica: a.client.replica, name: "user 1", seat: SEAT, caps: ["text", "route"] });
    expect(a.client.status).toBe("connected");

    // The reconnect's hello carries it too, with since.
    net.server.drop(a.client.replica);
    await tick(250);
    expect(hellos(a.client.replica)[1]).toMatchObject({ seat: SEAT, since: 0 });
  });

  it("an unseated client sends no seat and is its own person (legacy)", async () => {
    const a = make();
    await startAll(tick, a);
    expect(hellos(a.client.replica)[0]).not.toHaveProperty("seat");
    expect(a.client.person).toBe(a.client.replica);
  });

  it("a seated replica without its seat is refused (the fake server checks ID-2 like the node)", async () => {
    const a = make({ replica: seatedReplica(SEAT_ID, () => 0.5), seat: OTHER_SEAT });
    await startAll(tick, a);
    expect(hellos(a.client.replica)[0]).not.toHaveProperty("seat");
    expect(a.client.refused).toBe(true);
    expect(a.errors.map(([code]) => code)).toEqual(["forbidden"]);
  });
});

describe("stand-ins for closed tabs (adoption with seats)", () => {
  it("resends a tab seated with the same seat under that replica, with the seat", async () => {
    const shared = new MemoryPendingStore();
    const gone = seatedReplica(SEAT_ID, () => 0.25);
    await closedTab(gone, shared, SEAT);
    const fresh = make({ seat: SEAT, replica: undefined, storage: shared });
    await fresh.client.start();
    expect(await adoptionOf(fresh)).toBe(1);
    expect(hellos(gone)).toHaveLength(1);
    expect(hellos(gone)[0]!.seat).toBe(SEAT);
    expect(net.server.items.value(`n-${gone}`, "text")).toBe(`left by ${gone}`);
    expect(await shared.replicas("b1")).toEqual([]);
  });

  it("resends a legacy (unseated) tab's batches without a seat", async () => {
    const shared = new MemoryPendingStore();
    await closedTab("legacyTab16chars", shared);
    const fresh = make({ seat: SEAT, replica: undefined, storage: shared });
    await fresh.client.start();
    expect(await adoptionOf(fresh)).toBe(1);
    expect(hellos("legacyTab16chars")).toHaveLength(1);
    expect(hellos("legacyTab16chars")[0]).not.toHaveProperty("seat");
    expect(net.server.items.value("n-legacyTab16chars", "text")).toBe("left by legacyTab16chars");
  });

  it("leaves alone a tab seated with another seat: no hello the node would refuse", async () => {
    const shared = new MemoryPendingStore();
    const foreign = seatedReplica(seatId(OTHER_SEAT), () => 0.75);
    await closedTab(foreign, shared, OTHER_SEAT);
    const fresh = make({ seat: SEAT, replica: undefined, storage: shared });
    await fresh.client.start();
    expect(await adoptionOf(fresh)).toBe(0);
    expect(hellos(foreign)).toEqual([]);
    expect(await shared.load("b1", foreign)).toHaveLength(1);
    expect(fresh.errors).toEqual([]);
  });
});

describe("the person's other tabs (ID-3)", () => {
  it("are not shown as other people (no cursor, no peer); another person is", async () => {
    const tab1 = make({ seat: SEAT, replica: undefined, locks: null });
    const tab2 = make({ seat: SEAT, replica: undefined, locks: null });
    const someone = make({ seat: OTHER_SEAT, replica: undefined, locks: null });
    await startAll(tick, tab1, tab2, someone);
    tab2.client.setPresence([10, 20], []);
    someone.client.setPresence([30, 40], []);
    await tick(200);
    expect([...tab1.client.peers.keys()]).toEqual([someone.client.replica]);
    expect(tab1.client.peers.get(someone.client.replica)?.cursor).toEqual([30, 40]);
    expect([...someone.client.peers.keys()].sort()).toEqual([tab1.client.replica, tab2.client.replica].sort());
  });
});
