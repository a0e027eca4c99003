// Where a page keeps who it is in a workshop (ID-1, ID-2): the seat secret per workshop in
// localStorage (every tab of the browser is the same person), the tab's replica per workshop in
// sessionStorage (a reload keeps its replica, so its kept batches and Web Lock stay its own).
// Every client of a page (board, room session, fiche editor) must send the same seat and replica,
// so the answer is also kept per page: with storage blocked, the page still has one identity.
import { cryptoRandomBytes, isSeat, newSeat, seatedReplica, seatId, seatOf } from "./seat";

export const SEAT_KEY_PREFIX = "samenbord.seat.";
export const REPLICA_KEY_PREFIX = "samenbord.replica.";

/** Who this tab is in one workshop. */
export interface Identity {
  /** The seat secret, sent in every hello (ID-2). */
  seat: string;
  /** Its public seat id: this person (ID-3). */
  seatId: string;
  /** This tab's replica, `<seat id>_<tab part>`. */
  replica: string;
}

export interface IdentitySources {
  /** Returns localStorage; may throw (storage blocked). */
  local(): Storage | undefined;
  /** Returns sessionStorage; may throw (storage blocked). */
  session(): Storage | undefined;
  randomBytes(n: number): Uint8Array;
  random(): number;
}

const browserSources: IdentitySources = {
  local: () => (typeof localStorage !== "undefined" ? localStorage : undefined),
  session: () => (typeof sessionStorage !== "undefined" ? sessionStorage : undefined),
  randomBytes: cryptoRandomBytes,
  random: Math.random,
};

/** Reads a key; null when it is missing or the storage is blocked. */
function read(storage: () => Storage | undefined, key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null; // blocked (privacy settings, sandboxed frame)
  }
}

/** Writes a key; false when the storage is blocked or full (the value then lives for this page only). */
function write(storage: () => Storage | undefined, key: string, value: string): boolean {
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** The identities of one page, one per workshop. */
export class Identities {
  private readonly known = new Map<string, Identity>();

  constructor(private readonly sources: IdentitySources = browserSources) {}

  /**
   * This tab's identity in `workshop`: the kept seat (a fresh one when missing or malformed) and
   * the kept replica when it is seated with that seat (else a new one). Stable for the page.
   */
  of(workshop: string): Identity {
    let id = this.known.get(workshop);
    if (!id) {
      id = this.load(workshop);
      this.known.set(workshop, id);
    }
    return id;
  }

  private load(workshop: string): Identity {
    const s = this.sources;
    const seatKey = SEAT_KEY_PREFIX + workshop;
    let seat = read(s.local, seatKey);
    if (!isSeat(seat)) {
      const fresh = newSeat((n) => s.randomBytes(n));
      // Two tabs may make a seat at the same moment: the one that stays stored wins for both.
      seat = write(s.local, seatKey, fresh) ? read(s.local, seatKey) ?? fresh : fresh;
      if (!isSeat(seat)) seat = fresh;
    }
    const sid = seatId(seat);
    const replicaKey = REPLICA_KEY_PREFIX + workshop;
    let replica = read(s.session, replicaKey);
    if (replica === null || seatOf(replica) !== sid) {
      replica = seatedReplica(sid, () => s.random());
      write(s.session, replicaKey, replica);
    }
    return { seat, seatId: sid, replica };
  }
}

const page = new Identities();

/** This tab's identity in `workshop`, from the browser's storage (see Identities.of). */
export function workshopIdentity(workshop: string): Identity {
  return page.of(workshop);
}
