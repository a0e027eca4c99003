// The client against a fake in-process server (fake-server.ts): convergence, offline edits,
// reloads, rejected and rate-limited batches, since, observers, clock offset.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryPendingStore } from "../../src/sync/pending";
import type { FakeNet } from "./fake-server";
import { note, setUp, startAll, type TestClient } from "./helpers";

let net: FakeNet;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, make, tick } = setUp());
});
afterEach(() => {
  vi.useRealTimers();
});

function batchesOf(t: TestClient): string[] {
  return net.server.opsFrames.filter((f) => f.replica === t.client.replica).map((f) => f.batch);
}

describe("board client", () => {
  it("two clients converge (OP-5, OP-6)", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    expect(a.client.status).toBe("connected");
    expect(a.client.role).toBe("participant");
    expect(a.statuses).toEqual(["connected"]);

    a.client.change(note("n1", "hi"));
    expect(a.client.items.value("n1", "text")).toBe("hi");
    expect(a.client.status).toBe("saving");
    await tick();
    expect(a.client.status).toBe("connected");
    expect(b.client.items.value("n1", "text")).toBe("hi");
    expect(b.changed.at(-1)).toEqual(new Set(["n1"]));

    b.client.change([{ item: "n1", field: "text", value: "hello" }]);
    a.client.change([{ item: "n1", field: "x", value: 99 }]);
    await tick();
    expect(a.client.items.value("n1", "text")).toBe("hello");
    expect(b.client.items.value("n1", "x")).toBe(99);
    expect(a.client.items.equals(b.client.items)).toBe(true);
    expect(a.client.items.equals(net.server.items)).toBe(true);
    expect(a.statuses).toEqual(["connected", "saving", "connected", "saving", "connected"]);
  });

  it("keeps offline edits and resends them after reconnecting, once each", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    net.up = false;
    net.server.drop(a.client.replica);
    await tick();
    expect(a.client.status).toBe("offline");

    a.client.change(note("n1", "offline 1"));
    a.client.change([{ item: "n1", field: "text", value: "offline 2" }]);
    await tick(2_000);
    expect(a.client.items.value("n1", "text")).toBe("offline 2");
    expect(b.client.items.has("n1")).toBe(false);
    expect(a.storage.size()).toBe(1); // changes made offline join the batch that could not go out
    expect(a.client.status).toBe("offline");

    net.up = true;
    await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(b.client.items.value("n1", "text")).toBe("offline 2");
    expect(batchesOf(a)).toHaveLength(1); // nothing was sent while offline, the batch once after
    expect(net.server.log.map((l) => l.batch)).toEqual(batchesOf(a));
    expect(a.client.pendingBatches).toEqual([]);
    expect(a.storage.size()).toBe(0);
  });

  it("joins hundreds of offline changes into few batches, so the resend stays under the rate limit (LI-4)", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    net.up = false;
    net.server.drop(a.client.replica);
    await tick();
    for (let i = 0; i < 600; i++) a.client.change([{ item: `k${i % 7}`, field: "x", value: i }]);
    expect(a.client.pendingBatches.length).toBeLessThanOrEqual(2); // at most 500 ops a batch (OP-3)
    net.up = true;
    await tick(10_000);
    expect(a.client.pendingBatches).toEqual([]);
    for (let k = 0; k < 7; k++) expect(b.client.items.value(`k${k}`, "x")).toBe(a.client.items.value(`k${k}`, "x"));
  });

  it("resends a batch whose ack was lost; the server applies it once (OP-4)", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    net.server.holdAcks = true;
    a.client.change(note("n1", "once"));
    await tick();
    expect(a.client.status).toBe("saving");
    net.server.drop(a.client.replica);
    net.server.holdAcks = false;
    await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(batchesOf(a)).toHaveLength(2); // sent twice ...
    expect(net.server.log).toHaveLength(1); // ... applied once
    const fanned = b.client.items.get("n1", "text");
    expect(fanned?.v).toBe("once");
    expect(a.storage.size()).toBe(0);
  });

  it("shows pending edits at once after a reload and resends them", async () => {
    const storage = new MemoryPendingStore();
    net.up = false;
    const first = make({ replica: "replicaSame1", storage });
    await first.client.start();
    first.client.change(note("n1", "before reload"));
    await tick();
    first.client.stop();
    expect(storage.size()).toBe(1);

    const second = make({ replica: "replicaSame1", storage });
    await second.client.start();
    expect(second.client.items.value("n1", "text")).toBe("before reload");
    expect(second.changed).toEqual([new Set(["n1"])]);
    expect(net.server.items.has("n1")).toBe(false);

    net.up = true;
    await tick(10_000);
    expect(second.client.status).toBe("connected");
    expect(net.server.items.value("n1", "text")).toBe("before reload");
    expect(storage.size()).toBe(0);
    second.client.change([{ item: "n1", field: "text", value: "after reload" }]);
    await tick();
    expect(net.server.items.value("n1", "text")).toBe("after reload");
  });

  it("drops a rejected batch (invalid_op) from the view and storage", async () => {
    const a = make();
    await startAll(tick, a);
    a.client.change(note("n1", "kept"));
    await tick();
    net.server.rejectNext = "invalid_op";
    a.client.change([{ item: "n1", field: "text", value: "rejected" }, { item: "n2", field: "kind", value: "note" }]);
    expect(a.client.items.value("n1", "text")).toBe("rejected");
    await tick();
    expect(a.client.items.value("n1", "text")).toBe("kept");
    expect(a.client.items.has("n2")).toBe(false);
    expect(a.changed.at(-1)).toEqual(new Set(["n1", "n2"]));
    expect(a.errors).toEqual([["invalid_op", "rejected by the test"]]);
    expect(a.storage.size()).toBe(0);
    expect(a.client.status).toBe("connected");
  });

  it("resends rate-limited batches after a backoff (LI-4)", async () => {
    const a = make();
    await startAll(tick, a);
    net.server.rateLimitNext = 2;
    a.client.change(note("n1", "slow"));
    await tick();
    expect(a.client.status).toBe("saving");
    expect(net.server.items.has("n1")).toBe(false);
    await tick(400);
    await tick(1_000);
    expect(a.client.status).toBe("connected");
    expect(net.server.items.value("n1", "text")).toBe("slow");
    expect(batchesOf(a)).toHaveLength(3);
    expect(a.errors).toEqual([]);
  });

  it("sends since = the highest seq seen after a reconnect (SQ-2, HE-4)", async () => {
    const a = make();
    const b = make();
    await startAll(tick, a, b);
    expect(net.server.conn(a.client.replica)?.received[0]).not.toHaveProperty("since");
    b.client.change(note("n1", "one"));
    b.client.change(note("n2", "two"));
    await tick();
    a.client.change([{ item: "n1", field: "x", value: 5 }]);
    await tick();
    expect(a.client.lastSeq).toBe(3);

    net.server.drop(a.client.replica);
    await tick();
    b.client.change([{ item: "n2", field: "text", value: "while away" }]);
    await tick(10_000);
    const hello = net.server.conn(a.client.replica)?.received[0];
    expect(hello).toMatchObject({ t: "hello", since: 3 });
    expect(a.client.items.value("n2", "text")).toBe("while away");
    expect(a.client.items.equals(net.server.items)).toBe(true);
    expect(a.client.lastSeq).toBe(4);
  });

  it("gives observers a read-only client", async () => {
    const w = make();
    const o = make({ token: "tok-o" });
    await startAll(tick, w, o);
    expect(o.client.role).toBe("observer");
    w.client.change(note("n1", "watch me"));
    await tick();
    expect(o.client.items.value("n1", "text")).toBe("watch me");
    o.client.change([{ item: "n1", field: "text", value: "nope" }], { undoable: true });
    await tick();
    expect(o.client.items.value("n1", "text")).toBe("watch me");
    expect(batchesOf(o)).toEqual([]);
    expect(o.client.undo()).toBe(false);
    expect(o.client.canUndo()).toBe(false);
  });

  it("stamps with the server's time when the local clock is far off (ST-4)", async () => {
    const ahead = make({ now: () => Date.now() + 10 * 60_000 });
    const behind = make({ now: () => Date.now() - 10 * 60_000 });
    await startAll(tick, ahead, behind);
    ahead.client.change(note("n1", "from the future"));
    await tick();
    expect(ahead.errors).toEqual([]);
    expect(net.server.items.get("n1", "text")?.s[0]).toBeLessThanOrEqual(Date.now() + 60_000);
    behind.client.change([{ item: "n1", field: "text", value: "later edit wins" }]);
    await tick();
    expect(net.server.items.value("n1", "text")).toBe("later edit wins");
  });

  it("stops on a refused hello instead of retrying (AU-3)", async () => {
    const a = make({ token: "wrong" });
    await startAll(tick, a);
    await tick(60_000);
    expect(a.errors).toEqual([["unauthorized", "unknown token"]]);
    expect(a.client.status).toBe("offline");
    expect(net.sockets).toHaveLength(1);
  });

  it("splits very large changes into batches the server accepts (OP-3)", async () => {
    const a = make();
    await startAll(tick, a);
    const changes = Array.from({ length: 1_200 }, (_, k) => ({ item: `n${k}`, field: "x", value: k }));
    a.client.change(changes);
    await tick();
    expect(batchesOf(a)).toHaveLength(3);
    expect(net.server.items.size).toBe(1_200);
    expect(a.client.status).toBe("connected");
  });
});
