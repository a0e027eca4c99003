// Replica and batch ids.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` characters of [A-Za-z0-9] drawn with `random` (a source like Math.random). */
export function randomId(random: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    const n = Math.floor(random() * ALPHABET.length);
    out += ALPHABET[Math.min(Math.max(n, 0), ALPHABET.length - 1)];
  }
  return out;
}

export const REPLICA_KEY = "samenbord.replica";
const REPLICA_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** This tab's replica id: kept in sessionStorage (key "samenbord.replica") when there is one. */
export function tabReplica(random: () => number): string {
  let storage: Storage | undefined;
  try {
    storage = typeof sessionStorage !== "undefined" ? sessionStorage : undefined;
  } catch {
    storage = undefined; // storage blocked (privacy settings): a fresh id per page load
  }
  try {
    const kept = storage?.getItem(REPLICA_KEY);
    if (kept && REPLICA_PATTERN.test(kept)) return kept;
  } catch {
    // fall through to a new id
  }
  const id = randomId(random, 16);
  try {
    storage?.setItem(REPLICA_KEY, id);
  } catch {
    // not kept; still usable for this page
  }
  return id;
}

/** The Web Lock a client holds while it runs, so other tabs know its replica is alive. */
export function replicaLockName(replica: string): string {
  return `samenbord-replica-${replica}`;
}

/**
 * Batch ids `<prefix><counter>-<random>` (OP-1: 1-64 of [A-Za-z0-9_.:-]). The prefix is the
 * creation time in base 36, so ids stay unique within a replica across reloads.
 */
export class BatchIds {
  private counter = 0;
  private readonly prefix: string;

  constructor(
    now: () => number,
    private readonly random: () => number,
  ) {
    this.prefix = Math.max(0, Math.floor(now())).toString(36) + ".";
  }

  next(): string {
    return `${this.prefix}${(this.counter++).toString(36)}-${randomId(this.random, 4)}`;
  }
}

/** A display name the server accepts (HE-2: 1-60 characters after trimming). */
export function helloName(name: string): string {
  let out = name.trim();
  while (out.length > 60) out = Array.from(out).slice(0, -1).join("").trimEnd();
  return out.length > 0 ? out : "?";
}
