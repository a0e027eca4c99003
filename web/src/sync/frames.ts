// Reading the server's frames defensively (HE-3, OP-5, OP-6, PR-2, PR-3, ER-1): a malformed
// part is dropped rather than trusted, so one bad frame never corrupts the state.
import type { CharId, DragPosition, Json, Op, Peer, Role, Snapshot, Stamp, TextCaret } from "./api";
import { readTextOp } from "./text/json";

function isStamp(s: unknown): s is Stamp {
  return (
    Array.isArray(s) &&
    s.length === 3 &&
    Number.isSafeInteger(s[0]) &&
    Number.isSafeInteger(s[1]) &&
    typeof s[2] === "string"
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

export function readOps(x: unknown): Op[] {
  if (!Array.isArray(x)) return [];
  const out: Op[] = [];
  for (const o of x) {
    if (isRecord(o) && typeof o.i === "string" && typeof o.f === "string" && "v" in o && isStamp(o.s)) {
      out.push({ i: o.i, f: o.f, v: o.v as Json, s: o.s });
    }
  }
  return out;
}

export function readSnapshot(x: unknown): Snapshot | null {
  if (!isRecord(x)) return null;
  const out = Object.create(null) as Snapshot;
  for (const [item, fields] of Object.entries(x)) {
    if (!isRecord(fields)) continue;
    const target = (out[item] = Object.create(null) as Snapshot[string]);
    for (const [field, r] of Object.entries(fields)) {
      if (isRecord(r) && "v" in r && isStamp(r.s)) target[field] = { v: r.v as Json, s: r.s };
    }
  }
  return out;
}

export function readSeq(x: unknown): number | null {
  return Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : null;
}

export function readRole(x: unknown): Role | null {
  return x === "facilitator" || x === "participant" || x === "observer" ? x : null;
}

export function readCursor(x: unknown): [number, number] | null {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === "number" && typeof x[1] === "number"
    ? [x[0], x[1]]
    : null;
}

export function readSelection(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === "string") : [];
}

function readCharId(x: unknown): CharId | null | undefined {
  if (x === null) return null;
  return Array.isArray(x) && x.length === 2 && typeof x[0] === "string" && Number.isSafeInteger(x[1]) && (x[1] as number) >= 0
    ? [x[0], x[1] as number]
    : undefined;
}

/** TX-8: a presence's caret in a text field; null when missing or malformed. */
export function readTextCaret(x: unknown): TextCaret | null {
  if (!isRecord(x) || typeof x.i !== "string" || typeof x.f !== "string") return null;
  const at = readCharId(x.at);
  const to = x.to === undefined ? at : readCharId(x.to);
  if (at === undefined || to === undefined) return null;
  return { i: x.i, f: x.f, at, to };
}

/** PR-5: the notes a peer drags and where they are now; null when not dragging (or malformed). */
export function readDrag(x: unknown): DragPosition[] | null {
  if (!Array.isArray(x)) return null;
  const out: DragPosition[] = [];
  for (const e of x) {
    if (Array.isArray(e) && e.length === 3 && typeof e[0] === "string" && Number.isFinite(e[1]) && Number.isFinite(e[2])) {
      out.push([e[0], e[1] as number, e[2] as number]);
    }
  }
  return out.length ? out : null;
}

/** FA-1: a peer's role; peers without one are participants. */
export function readPeerRole(x: unknown): Role {
  return readRole(x) ?? "participant";
}

/** `welcome.peers` (cursor null until their first presence), without `self`. */
export function readPeers(x: unknown, self: string): Peer[] {
  if (!Array.isArray(x)) return [];
  const out: Peer[] = [];
  for (const p of x) {
    if (isRecord(p) && typeof p.replica === "string" && p.replica !== self) {
      out.push({ replica: p.replica, name: typeof p.name === "string" ? p.name : "", role: readPeerRole(p.role), cursor: null, selection: [], text: null, drag: null });
    }
  }
  return out;
}

export function str(x: unknown): string | null {
  return typeof x === "string" ? x : null;
}

/** TX-7: whether a welcome's node merges text: it says so, or it sent merged text. */
export function mergesText(caps: unknown, snapshot: Snapshot | null, ops: Op[]): boolean {
  if (Array.isArray(caps) && caps.includes("text")) return true;
  if (snapshot && Object.values(snapshot).some((fields) => Object.values(fields).some((r) => readTextOp(r.v) !== null))) return true;
  return ops.some((op) => readTextOp(op.v) !== null);
}
