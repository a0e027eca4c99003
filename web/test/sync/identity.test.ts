// Where a tab keeps its seat and replica (ID-1, ID-2): localStorage `samenbord.seat.<workshop>`,
// sessionStorage `samenbord.replica.<workshop>`, and a per-page identity when storage is blocked.
import { describe, expect, it } from "vitest";
import { Identities, REPLICA_KEY_PREFIX, SEAT_KEY_PREFIX, type IdentitySources } from "../../src/sync/identity";
import { isSeat, seatId, seatOf } from "../../src/sync/seat";
import { seeded } from "./fake-server";

/** A Storage over a Map, like the browser's. */
class MapStorage implements Storage {
  readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

const blocked = (): Storage => {
  throw new DOMException("The operation is insecure.", "SecurityError");
};

/** A Storage whose writes fail (quota, or a browser that lets read but not write). */
class ReadOnlyStorage extends MapStorage {
  override setItem(): void {
    throw new DOMException("quota", "QuotaExceededError");
  }
}

let seed = 1;
function sources(local: () => Storage | undefined, session: () => Storage | undefined): IdentitySources {
  const random = seeded(seed++);
  return {
    local,
    session,
    random,
    randomBytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256)),
  };
}

describe("identity storage (ID-1, ID-2)", () => {
  it("makes a seat and a seated replica, keeps them per workshop, and a reload finds them", () => {
    const local = new MapStorage();
    const session = new MapStorage();
    const page = new Identities(sources(() => local, () => session));
    const w1 = page.of("w1");
    expect(isSeat(w1.seat)).toBe(true);
    expect(w1.seatId).toBe(seatId(w1.seat));
    expect(seatOf(w1.replica)).toBe(w1.seatId);
    expect(local.getItem(`${SEAT_KEY_PREFIX}w1`)).toBe(w1.seat);
    expect(session.getItem(`${REPLICA_KEY_PREFIX}w1`)).toBe(w1.replica);
    expect(page.of("w1")).toBe(w1);

    const w2 = page.of("w2");
    expect(w2.seat).not.toBe(w1.seat);
    expect(w2.replica).not.toBe(w1.replica);

    const reloaded = new Identities(sources(() => local, () => session)).of("w1");
    expect(reloaded).toEqual(w1);
  });

  it("a new tab of the same browser is the same person with a replica of its own", () => {
    const local = new MapStorage();
    const tab1 = new Identities(sources(() => local, () => new MapStorage())).of("w1");
    const tab2 = new Identities(sources(() => local, () => new MapStorage())).of("w1");
    expect(tab2.seat).toBe(tab1.seat);
    expect(tab2.replica).not.toBe(tab1.replica);
    expect(seatOf(tab2.replica)).toBe(tab1.seatId);
  });

  it("replaces a malformed seat, and a replica kept for another seat or unseated", () => {
    const local = new MapStorage();
    const session = new MapStorage();
    local.setItem(`${SEAT_KEY_PREFIX}w1`, "too-short");
    session.setItem(`${REPLICA_KEY_PREFIX}w1`, "legacyReplica16x");
    const first = new Identities(sources(() => local, () => session)).of("w1");
    expect(first.seat).not.toBe("too-short");
    expect(isSeat(local.getItem(`${SEAT_KEY_PREFIX}w1`))).toBe(true);
    expect(first.replica).not.toBe("legacyReplica16x");
    expect(seatOf(first.replica)).toBe(first.seatId);

    // The seat was replaced (storage cleared): the tab's old replica names another seat.
    local.clear();
    const second = new Identities(sources(() => local, () => session)).of("w1");
    expect(second.seat).not.toBe(first.seat);
    expect(seatOf(second.replica)).toBe(second.seatId);
    expect(session.getItem(`${REPLICA_KEY_PREFIX}w1`)).toBe(second.replica);
  });

  it("with storage blocked, one seat and one replica for the whole page", () => {
    const page = new Identities(sources(blocked, blocked));
    const a = page.of("w1");
    const b = page.of("w1");
    expect(b).toBe(a);
    expect(isSeat(a.seat)).toBe(true);
    expect(seatOf(a.replica)).toBe(a.seatId);
    // Another page (a reload) with storage blocked is a new person.
    expect(new Identities(sources(blocked, blocked)).of("w1").seat).not.toBe(a.seat);
  });

  it("with no storage at all (not a browser), or writes refused, still one identity per page", () => {
    const none = new Identities(sources(() => undefined, () => undefined));
    expect(none.of("w1")).toBe(none.of("w1"));
    const readOnly = new ReadOnlyStorage();
    const page = new Identities(sources(() => readOnly, () => new ReadOnlyStorage()));
    const a = page.of("w1");
    expect(isSeat(a.seat)).toBe(true);
    expect(readOnly.length).toBe(0);
    expect(page.of("w1")).toBe(a);
  });

  it("with only sessionStorage blocked, the seat is still the browser's", () => {
    const local = new MapStorage();
    const kept = new Identities(sources(() => local, () => new MapStorage())).of("w1");
    const page = new Identities(sources(() => local, blocked)).of("w1");
    expect(page.seat).toBe(kept.seat);
    expect(seatOf(page.replica)).toBe(kept.seatId);
  });
});
