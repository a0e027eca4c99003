// Where notes go inside their zone (issue 15, "notes that place themselves"): free spots for new
// and revealed notes, a grid for "tidy this zone", and keeping a dropped note inside its zone so
// it never hangs over a zone title or border. Pure, in canvas units (test/ui/placement.test.ts).
import type { RingShape, Zone } from "../template";
import { headerHeight, overlaps, ringContains, ringLabelBox, type Rect } from "./geometry";

const GAP = 12;
const PAD = 14;
const RING_STEP = 20;

export interface Placed extends Rect {
  id: string;
}

export interface Move {
  id: string;
  x: number;
  y: number;
}

/** The part of a rect zone notes may use: inside its border and below its header. */
export function usableRect(zone: Zone): Rect | null {
  const s = zone.shape;
  if (s.type !== "rect") return null;
  const top = s.y + headerHeight(zone);
  return { x: s.x + PAD, y: top, w: Math.max(0, s.w - 2 * PAD), h: Math.max(0, s.y + s.h - PAD - top) };
}

/** Candidate places for a w × h note in the zone, in reading order (rows top to bottom). */
export function slots(zone: Zone, w: number, h: number): Rect[] {
  const out: Rect[] = [];
  const u = usableRect(zone);
  if (u) {
    for (let y = u.y; y + h <= u.y + u.h + 0.5; y += h + GAP) {
      for (let x = u.x; x + w <= u.x + u.w + 0.5; x += w + GAP) out.push({ x, y, w, h });
    }
    return out;
  }
  const s = zone.shape as RingShape;
  const label = ringLabelBox(s);
  for (let y = s.cy - s.outer; y + h <= s.cy + s.outer; y += RING_STEP) {
    for (let x = s.cx - s.outer; x + w <= s.cx + s.outer; x += RING_STEP) {
      const r = { x, y, w, h };
      if (ringContains(s, r) && !overlaps(r, label, GAP / 2)) out.push(r);
    }
  }
  return out;
}

const dist2 = (r: Rect, p: [number, number]) => (r.x + r.w / 2 - p[0]) ** 2 + (r.y + r.h / 2 - p[1]) ** 2;

/**
 * A spot for a w × h note inside the zone that overlaps none of `taken`: the free slot nearest to
 * `near` (a point where the person pointed), else the first in reading order. A full zone gives a
 * spot inside it anyway, cascading so a new note never lands exactly on another.
 */
export function freeSpotIn(zone: Zone, w: number, h: number, taken: readonly Rect[], near?: [number, number]): Rect {
  const free = slots(zone, w, h).filter((r) => !taken.some((t) => overlaps(r, t, GAP / 2 - 1)));
  if (free.length) return near ? free.reduce((a, b) => (dist2(b, near) < dist2(a, near) ? b : a)) : free[0]!;
  const u = usableRect(zone);
  const k = taken.length % 8;
  if (u) return keepInside(zone, { x: u.x + k * 24, y: u.y + k * 24, w, h });
  const s = zone.shape as RingShape;
  return keepInside(zone, { x: s.cx - w / 2 + k * 20, y: s.cy - s.outer + (s.outer - s.inner) / 2 + k * 20 - h / 2, w, h });
}

/** Moves a rect the least needed to lie inside the zone (below a rect zone's header). */
export function keepInside(zone: Zone, r: Rect): Rect {
  const u = usableRect(zone);
  if (u) {
    const x = Math.max(u.x, Math.min(r.x, u.x + u.w - r.w));
    const y = Math.max(u.y, Math.min(r.y, u.y + u.h - r.h));
    // A note larger than the zone keeps its top-left corner in it.
    return { ...r, x: r.w > u.w ? u.x : x, y: r.h > u.h ? u.y : y };
  }
  const s = zone.shape as RingShape;
  if (ringContains(s, r)) return r;
  // Slide along the line from the ring's centre until it fits, outward or inward.
  const cx = r.x + r.w / 2 - s.cx;
  const cy = r.y + r.h / 2 - s.cy;
  const len = Math.hypot(cx, cy) || 1;
  const [ux, uy] = [cx / len, cy / len];
  for (let d = 0; d <= s.outer; d += 4) {
    for (const dist of [len - d, len + d]) {
      if (dist < 0) continue;
      const c = { ...r, x: s.cx + ux * dist - r.w / 2, y: s.cy + uy * dist - r.h / 2 };
      if (ringContains(s, c)) return c;
    }
  }
  return r;
}

/**
 * "Tidy this zone": the zone's notes in a grid, in reading order of where they are now, each cell
 * as large as the largest note. When they do not fit, rows (then columns) close up so every note
 * stays inside the zone.
 */
export function tidyMoves(zone: Zone, notes: readonly Placed[]): Move[] {
  if (notes.length === 0) return [];
  const order = [...notes].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1));
  const w = Math.max(...notes.map((n) => n.w));
  const h = Math.max(...notes.map((n) => n.h));
  const u = usableRect(zone);
  if (!u) {
    const placed: Rect[] = [];
    return order.map((n) => {
      const r = freeSpotIn(zone, n.w, n.h, placed);
      placed.push(r);
      return { id: n.id, x: Math.round(r.x), y: Math.round(r.y) };
    });
  }
  const cols = Math.max(1, Math.min(order.length, Math.floor((u.w + GAP) / (w + GAP))));
  const rows = Math.ceil(order.length / cols);
  const stepX = cols > 1 ? Math.min(w + GAP, (u.w - w) / (cols - 1)) : 0;
  const stepY = rows > 1 ? Math.max(8, Math.min(h + GAP, (u.h - h) / (rows - 1))) : 0;
  return order.map((n, i) => {
    const r = keepInside(zone, { x: u.x + (i % cols) * stepX, y: u.y + Math.floor(i / cols) * stepY, w: n.w, h: n.h });
    return { id: n.id, x: Math.round(r.x), y: Math.round(r.y) };
  });
}

/**
 * After a reveal many notes sit on top of each other (each writer saw an empty zone). Every note
 * that overlaps one placed before it (in a fixed order: by `order`) moves to the free spot of its
 * zone nearest to where it was; the rest stay. Deterministic, so any client computes the same.
 */
export function spreadMoves(zoneOf: (id: string) => Zone | null, notes: readonly Placed[], order: (a: Placed, b: Placed) => number): Move[] {
  const placed: Rect[] = [];
  const out: Move[] = [];
  for (const n of [...notes].sort(order)) {
    const zone = zoneOf(n.id);
    if (zone && placed.some((p) => overlaps(n, p, -1))) {
      const r = freeSpotIn(zone, n.w, n.h, placed, [n.x + n.w / 2, n.y + n.h / 2]);
      placed.push(r);
      out.push({ id: n.id, x: Math.round(r.x), y: Math.round(r.y) });
    } else {
      placed.push(n);
    }
  }
  return out;
}
