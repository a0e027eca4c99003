// Where unacknowledged batches survive a reload: IndexedDB in the browser, memory in tests.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { PendingBatch, PendingStore } from "./api";

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Keeps batches in memory; a "reload" in tests is a new client sharing the same instance. */
export class MemoryPendingStore implements PendingStore {
  private readonly lists = new Map<string, PendingBatch[]>();

  private list(board: string, replica: string): PendingBatch[] {
    const key = JSON.stringify([board, replica]);
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    return list;
  }

  async load(board: string, replica: string): Promise<PendingBatch[]> {
    return clone(this.list(board, replica));
  }

  async put(board: string, replica: string, batch: PendingBatch): Promise<void> {
    const list = this.list(board, replica);
    const at = list.findIndex((b) => b.batch === batch.batch);
    if (at >= 0) list[at] = clone(batch);
    else list.push(clone(batch));
  }

  async remove(board: string, replica: string, batchId: string): Promise<void> {
    const list = this.list(board, replica);
    const at = list.findIndex((b) => b.batch === batchId);
    if (at >= 0) list.splice(at, 1);
  }

  async replicas(board: string): Promise<string[]> {
    const out: string[] = [];
    for (const [key, list] of this.lists) {
      const [b, replica] = JSON.parse(key) as [string, string];
      if (b === board && list.length > 0) out.push(replica);
    }
    return out;
  }

  /** Every batch kept, for tests. */
  size(): number {
    let n = 0;
    for (const list of this.lists.values()) n += list.length;
    return n;
  }
}

interface PendingRecord extends PendingBatch {
  board: string;
  replica: string;
  /** Insertion order within (board, replica). */
  seq: number;
}

interface PendingSchema extends DBSchema {
  pending: {
    key: [string, string, string];
    value: PendingRecord;
    indexes: { order: [string, string, number] };
  };
}

export const PENDING_DB = "samenbord";
const STORE = "pending";

/**
 * Database "samenbord", object store "pending" keyed by [board, replica, batch], with an index on
 * [board, replica, seq] so load() returns batches in the order they were first put.
 * Transactions run in the order they are created, so put and remove keep call order.
 */
export class IndexedDbPendingStore implements PendingStore {
  private db: Promise<IDBPDatabase<PendingSchema>> | null = null;

  constructor(private readonly dbName: string = PENDING_DB) {}

  private open(): Promise<IDBPDatabase<PendingSchema>> {
    this.db ??= openDB<PendingSchema>(this.dbName, 1, {
      upgrade(db) {
        const store = db.createObjectStore(STORE, { keyPath: ["board", "replica", "batch"] });
        store.createIndex("order", ["board", "replica", "seq"]);
      },
    });
    return this.db;
  }

  private static range(board: string, replica: string): IDBKeyRange {
    return IDBKeyRange.bound([board, replica, -Infinity], [board, replica, Infinity]);
  }

  async load(board: string, replica: string): Promise<PendingBatch[]> {
    const db = await this.open();
    const records = await db.getAllFromIndex(STORE, "order", IndexedDbPendingStore.range(board, replica));
    return records.map((r) => ({ batch: r.batch, ops: r.ops }));
  }

  async put(board: string, replica: string, batch: PendingBatch): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    const existing = await store.get([board, replica, batch.batch]);
    let seq = existing?.seq;
    if (seq === undefined) {
      const last = await store.index("order").openCursor(IndexedDbPendingStore.range(board, replica), "prev");
      seq = last ? last.value.seq + 1 : 0;
    }
    await store.put({ board, replica, batch: batch.batch, ops: batch.ops, seq });
    await tx.done;
  }

  async remove(board: string, replica: string, batchId: string): Promise<void> {
    const db = await this.open();
    await db.delete(STORE, [board, replica, batchId]);
  }

  async replicas(board: string): Promise<string[]> {
    const db = await this.open();
    // [board] sorts before every [board, replica, batch] and [board, []] after them (arrays sort after strings)
    const keys = await db.getAllKeys(STORE, IDBKeyRange.bound([board], [board, []]));
    return [...new Set(keys.map((k) => k[1]))];
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}

/** IndexedDB when the environment has it, else memory (edits then survive only while the tab lives). */
export function defaultPendingStore(): PendingStore {
  return typeof indexedDB !== "undefined" ? new IndexedDbPendingStore() : new MemoryPendingStore();
}
