// The breakout builder's draft: who goes in which group (1..N) before the breakout starts, and the
// arguments of `breakoutStart` (FA-9) made from it. Pure, so unit-tested.

/** replica → group number (1-based); a replica that is not in it is in no group. */
export type Draft = Map<string, number>;

/** Fisher-Yates with an injectable random source. */
export function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Deals the shuffled replicas over `groups` groups in turn, so sizes differ by at most one. */
export function randomSplit(replicas: readonly string[], groups: number, random: () => number): Draft {
  const n = Math.max(1, Math.floor(groups));
  const draft: Draft = new Map();
  shuffle(replicas, random).forEach((r, i) => draft.set(r, (i % n) + 1));
  return draft;
}

/** Drops people who left and groups beyond `groups` (they land in no group). */
export function pruneDraft(draft: Draft, present: ReadonlySet<string>, groups: number): Draft {
  const out: Draft = new Map();
  for (const [r, g] of draft) if (present.has(r) && g >= 1 && g <= groups) out.set(r, g);
  return out;
}

/** The members of group `n`, in the order of `order` (the connected people as listed). */
export function membersOf(draft: Draft, n: number, order: readonly string[]): string[] {
  return order.filter((r) => draft.get(r) === n);
}

export interface BreakoutGroupArg {
  name: string;
  members: string[];
  scribe?: string;
  /** Zones mode: the zone this group works in (FA-14); otherwise the next free one. */
  zone?: string;
}

/**
 * The `groups` argument of breakoutStart: N groups named by `name(n)`, members from the draft, the
 * scribe kept only while still a member of that group.
 */
export function breakoutGroups(
  draft: Draft,
  groups: number,
  order: readonly string[],
  scribes: ReadonlyMap<number, string>,
  name: (n: number) => string,
): BreakoutGroupArg[] {
  const out: BreakoutGroupArg[] = [];
  for (let n = 1; n <= groups; n++) {
    const members = membersOf(draft, n, order);
    const scribe = scribes.get(n);
    const g: BreakoutGroupArg = { name: name(n), members };
    if (scribe && members.includes(scribe)) g.scribe = scribe;
    out.push(g);
  }
  return out;
}

/**
 * A duration typed as minutes:seconds ("5:00", "0:45", "12:30") or as whole minutes ("3"), in
 * seconds within [min, max]; null when empty or not such a time (FA-15).
 */
export function readClock(text: string, min: number, max: number): number | null {
  const s = text.trim();
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  const total = clock ? Number(clock[1]) * 60 + Number(clock[2]) : /^\d{1,3}$/.test(s) ? Number(s) * 60 : NaN;
  return Number.isFinite(total) && total >= min && total <= max ? total : null;
}

/** "m:ss" of whole seconds, as the timer field shows a preset. */
export function clockText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** A group as the room keeps it after a breakout (FA-14): the draft starts from it again. */
export interface KeptGroup {
  name: string;
  zone: string | null;
  members: readonly string[];
  scribe: string | null;
}

/** The draft the kept groups make: each member in their group's number (1-based). */
export function draftFromGroups(groups: readonly KeptGroup[]): Draft {
  const draft: Draft = new Map();
  groups.forEach((g, i) => g.members.forEach((r) => draft.has(r) || draft.set(r, i + 1)));
  return draft;
}

/**
 * Whether `next` starts the kept groups again unchanged (same count, names, members in any order,
 * scribes), so a copies breakout can be started with `reuse: true` on the same boards (FA-14).
 */
export function sameGroups(kept: readonly KeptGroup[], next: readonly BreakoutGroupArg[]): boolean {
  if (kept.length === 0 || kept.length !== next.length) return false;
  return kept.every((k, i) => {
    const n = next[i] as BreakoutGroupArg;
    const members = new Set(n.members);
    return k.name === n.name && (k.scribe ?? undefined) === n.scribe
      && k.members.length === members.size && k.members.every((r) => members.has(r));
  });
}
