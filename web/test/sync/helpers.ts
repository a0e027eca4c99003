// Shared set-up for the client tests: fake timers, a fake network and clients on it.
import { vi } from "vitest";
import type { BoardClientOptions, ConnectionStatus } from "../../src/sync/api";
import { createBoardClient, type SyncClient } from "../../src/sync/client";
import { MemoryPendingStore } from "../../src/sync/pending";
import { FakeNet, seeded } from "./fake-server";
import { FakeLocks } from "./fake-locks";

export const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

export interface TestClient {
  client: SyncClient;
  storage: MemoryPendingStore;
  statuses: ConnectionStatus[];
  errors: [string, string][];
  changed: Set<string>[];
}

export function setUp(): {
  net: FakeNet;
  locks: FakeLocks;
  make: (o?: Partial<BoardClientOptions>) => TestClient;
  tick: (ms?: number) => Promise<void>;
} {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  vi.setSystemTime(T0);
  const net = new FakeNet();
  /** One lock manager for all clients of a test, like navigator.locks for the tabs of an origin. */
  const locks = new FakeLocks();
  let n = 0;
  const make = (o: Partial<BoardClientOptions> = {}): TestClient => {
    n++;
    const storage = (o.storage as MemoryPendingStore | undefined) ?? new MemoryPendingStore();
    const client = createBoardClient({
      baseUrls: ["http://node-a"],
      token: "tok-p",
      board: "b1",
      name: `user ${n}`,
      replica: `replica${n}xyz`,
      random: seeded(n),
      WebSocketImpl: net.WebSocket,
      locks,
      ...o,
      storage,
    }) as SyncClient;
    const t: TestClient = { client, storage, statuses: [], errors: [], changed: [] };
    client.on("status", (s) => t.statuses.push(s));
    client.on("error", (code, message) => t.errors.push([code, message]));
    client.on("items", (ids) => t.changed.push(new Set(ids)));
    return t;
  };
  const tick = async (ms = 0): Promise<void> => {
    await net.settle();
    if (ms > 0) await vi.advanceTimersByTimeAsync(ms);
    await net.settle();
  };
  return { net, locks, make, tick };
}

/** Starts clients and lets them reach their welcome. */
export async function startAll(tick: (ms?: number) => Promise<void>, ...clients: TestClient[]): Promise<void> {
  for (const c of clients) await c.client.start();
  await tick();
}

export function note(item: string, text: string) {
  return [
    { item, field: "kind", value: "note" },
    { item, field: "text", value: text },
    { item, field: "x", value: 10 },
    { item, field: "y", value: 20 },
  ];
}
