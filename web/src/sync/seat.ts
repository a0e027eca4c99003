// Seats (ID-1..ID-3): a person is bound to a secret, not to a name. A seat is a person's secret
// in one workshop; its public seat id names the person, and a seated replica carries that id, so
// every tab of one person counts as one person (votes, private writing, authorship). Pure: the
// randomness is injected, and SHA-256 comes from @noble/hashes because `crypto.subtle` is missing
// on plain-http LAN deployments.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { randomId } from "./ids";

/** ID-1: a seat secret is 22-128 characters of [A-Za-z0-9_-]. */
export const SEAT_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
/** Random bytes in a new seat: 192 bits (ID-1 asks for at least 128), 32 base64url characters. */
export const SEAT_BYTES = 24;
/** ID-1: the seat id is the hex of this many leading bytes of SHA-256(secret). */
export const SEAT_ID_BYTES = 12;
/** ID-2: `<seat id>_<tab part>`, the tab part 4-39 of [A-Za-z0-9]. */
export const SEATED_REPLICA = /^([0-9a-f]{24})_[A-Za-z0-9]{4,39}$/;
/** Length of the tab part this client makes. */
export const TAB_PART_LENGTH = 12;

export function isSeat(secret: unknown): secret is string {
  return typeof secret === "string" && SEAT_PATTERN.test(secret);
}

/** ID-1: lowercase hex of the first 12 bytes of SHA-256 over the UTF-8 bytes of the secret. */
export function seatId(secret: string): string {
  return bytesToHex(sha256(utf8ToBytes(secret)).subarray(0, SEAT_ID_BYTES));
}

/** `n` bytes from crypto.getRandomValues (present on plain http too, unlike crypto.subtle). */
export function cryptoRandomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += B64URL[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** A fresh seat secret (ID-1). */
export function newSeat(randomBytes: (n: number) => Uint8Array = cryptoRandomBytes): string {
  const bytes = randomBytes(SEAT_BYTES);
  if (bytes.length < 16) throw new Error("a seat needs at least 128 random bits");
  return base64url(bytes);
}

/** A new seated replica id for the seat id `seat` (ID-2): `<seat id>_<12 of [A-Za-z0-9]>`. */
export function seatedReplica(seat: string, random: () => number): string {
  return `${seat}_${randomId(random, TAB_PART_LENGTH)}`;
}

/** The seat id a replica carries, or null for a replica that is not seated (a legacy one). */
export function seatOf(replica: string): string | null {
  return SEATED_REPLICA.exec(replica)?.[1] ?? null;
}

/**
 * ID-3: the person of a replica: its seat id when it is seated, else the replica itself. Votes,
 * dot budgets, private notes and authorship belong to persons, so "mine" compares persons.
 */
export function personOf(replica: string): string {
  return seatOf(replica) ?? replica;
}

/** Whether two replicas are the same person (ID-3), e.g. two tabs of one browser. */
export function samePerson(a: string, b: string): boolean {
  return personOf(a) === personOf(b);
}

/**
 * The seat a hello for `replica` carries (ID-2): the secret when the replica is seated with its
 * seat id, nothing for an unseated (legacy) replica. A replica seated with another seat has no
 * seat to send (the server would answer `forbidden`): null.
 */
export function helloSeat(replica: string, seat: string | undefined): string | undefined | null {
  const carried = seatOf(replica);
  if (carried === null) return undefined;
  return seat !== undefined && isSeat(seat) && seatId(seat) === carried ? seat : null;
}
