// Pending batches kept across reloads: IndexedDB (fake-indexeddb) and memory.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { PendingBatch, PendingStore } from "../../src/sync/api";
import { IndexedDbPendingStore, MemoryPendingStore } from "../../src/sync/pending";

const batch = (id: string, text: string): PendingBatch => ({
  batch: id,
  ops: [{ i: "n1", f: "text", v: text, s: [1000, 0, "replicaA1"] }],
});

let dbCount = 0;
const stores: [string, () => PendingStore][] = [
  ["IndexedDbPendingStore", () => new IndexedDbPendingStore(`samenbord-test-${dbCount++}`)],
  ["MemoryPendingStore", () => new MemoryPendingStore()],
];

describe.each(stores)("%s", (_name, create) => {
  it("loads batches in the order they were put, and removes them", async () => {
    const store = create();
    // ids chosen so that their sort order differs from the insertion order
    await store.put("b1", "replicaA1", batch("z9", "first"));
    await store.put("b1", "replicaA1", batch("a1", "second"));
    await store.put("b1", "replicaA1", batch("m5", "third"));
    expect((await store.load("b1", "replicaA1")).map((b) => b.batch)).toEqual(["z9", "a1", "m5"]);
    await store.remove("b1", "replicaA1", "a1");
    expect(await store.load("b1", "replicaA1")).toEqual([batch("z9", "first"), batch("m5", "third")]);
    await store.remove("b1", "replicaA1", "unknown");
    expect(await store.load("b1", "replicaA1")).toHaveLength(2);
  });

  it("keeps boards and replicas apart", async () => {
    const store = create();
    await store.put("b1", "replicaA1", batch("x", "a"));
    await store.put("b2", "replicaA1", batch("x", "b"));
    await store.put("b1", "replicaB2", batch("x", "c"));
    expect(await store.load("b1", "replicaA1")).toEqual([batch("x", "a")]);
    expect(await store.load("b2", "replicaA1")).toEqual([batch("x", "b")]);
    expect(await store.load("b1", "replicaB2")).toEqual([batch("x", "c")]);
    expect(await store.load("b3", "replicaA1")).toEqual([]);
    await store.remove("b1", "replicaA1", "x");
    expect(await store.load("b2", "replicaA1")).toHaveLength(1);
  });

  it("lists the replicas that have batches kept for a board", async () => {
    const store = create();
    expect(await store.replicas("b1")).toEqual([]);
    await store.put("b1", "replicaA1", batch("x", "a"));
    await store.put("b1", "replicaA1", batch("y", "a"));
    await store.put("b1", "replicaB2", batch("x", "b"));
    await store.put("b2", "replicaC3", batch("x", "c"));
    await store.put("b10", "replicaD4", batch("x", "d")); // board ids that share a prefix stay apart
    await store.put("b", "replicaE5", batch("x", "e"));
    expect((await store.replicas("b1")).sort()).toEqual(["replicaA1", "replicaB2"]);
    expect(await store.replicas("b2")).toEqual(["replicaC3"]);
    expect(await store.replicas("b10")).toEqual(["replicaD4"]);
    expect(await store.replicas("b")).toEqual(["replicaE5"]);
    expect(await store.replicas("b3")).toEqual([]);
    await store.remove("b1", "replicaB2", "x");
    await store.remove("b1", "replicaA1", "x");
    expect(await store.replicas("b1")).toEqual(["replicaA1"]);
    await store.remove("b1", "replicaA1", "y");
    expect(await store.replicas("b1")).toEqual([]);
  });

  it("keeps the first position when a batch is put again, and order across new instances", async () => {
    const store = create();
    const puts = [store.put("b1", "r", batch("one", "1")), store.put("b1", "r", batch("two", "2"))];
    await Promise.all(puts); // not awaited one by one: call order still decides
    await store.put("b1", "r", batch("one", "1 again"));
    expect(await store.load("b1", "r")).toEqual([batch("one", "1 again"), batch("two", "2")]);
  });
});

describe("IndexedDbPendingStore", () => {
  it("survives a reload (a new instance on the same database)", async () => {
    const first = new IndexedDbPendingStore("samenbord-reload");
    await first.put("b1", "r", batch("k1", "a"));
    await first.put("b1", "r", batch("k2", "b"));
    first.close();
    const second = new IndexedDbPendingStore("samenbord-reload");
    await second.put("b1", "r", batch("k3", "c"));
    expect((await second.load("b1", "r")).map((b) => b.batch)).toEqual(["k1", "k2", "k3"]);
  });

  it("shows another instance (another tab) which replicas have batches kept", async () => {
    const closedTab = new IndexedDbPendingStore("samenbord-tabs");
    await closedTab.put("b1", "replicaGone1", batch("k1", "a"));
    await closedTab.put("b1", "replicaGone1", batch("k2", "b"));
    closedTab.close();
    const newTab = new IndexedDbPendingStore("samenbord-tabs");
    await newTab.put("b1", "replicaNew01", batch("k1", "c"));
    expect((await newTab.replicas("b1")).sort()).toEqual(["replicaGone1", "replicaNew01"]);
    await newTab.remove("b1", "replicaGone1", "k1");
    await newTab.remove("b1", "replicaGone1", "k2");
    expect(await newTab.replicas("b1")).toEqual(["replicaNew01"]);
    newTab.close();
  });
});
