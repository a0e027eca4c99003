// Pure board geometry in template canvas units: which zone a point is in, where a new note fits,
// where a ring's label goes. No DOM here, so it is unit-tested (test/ui/geometry.test.ts).
import type { RingShape, Shape, Template, Zone } from "../template";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const NOTE_W = 160;
export const NOTE_H = 100;
const GAP = 12;
const PAD = 14;

export function inShape(shape: Shape, x: number, y: number): boolean {
  if (shape.type === "rect") {
    return x >= shape.x && x <= shape.x + shape.w && y >= shape.y && y <= shape.y + shape.h;
  }
  const d = Math.hypot(x - shape.cx, y - shape.cy);
  return d >= shape.inner && d <= shape.outer;
}

/** Rings compare by their outer disc, so the innermost ring containing a point wins. */
function size(shape: Shape): number {
  return shape.type === "rect" ? shape.w * shape.h : Math.PI * shape.outer * shape.outer;
}

/** The smallest zone containing the point (innermost ring, nested rect), or null. */
export function zoneAt(zones: readonly Zone[], x: number, y: number): Zone | null {
  let best: Zone | null = null;
  for (const z of zones) {
    if (inShape(z.shape, x, y) && (!best || size(z.shape) < size(best.shape))) best = z;
  }
  return best;
}

export function centre(r: Rect): [number, number] {
  return [r.x + r.w / 2, r.y + r.h / 2];
}

export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/** Height at the top of a rect zone kept for its label, prompt and meta line. */
export function headerHeight(zone: Zone): number {
  if (zone.shape.type !== "rect") return 0;
  const hasMeta = Object.values(zone.meta ?? {}).some((v) => typeof v === "object");
  const h = 44 + (zone.prompt ? 50 : 0) + (hasMeta ? 30 : 0);
  return Math.min(h, zone.shape.h * 0.5);
}

/** Where a ring's label card sits: in the band straight above the centre, inside the circle. */
export function ringLabelBox(s: RingShape): Rect {
  const band = s.outer - s.inner;
  let top: number;
  let h: number;
  if (s.inner === 0) {
    top = s.cy - s.outer * 0.8;
    h = s.outer * 0.6;
  } else {
    const pad = band * 0.08;
    top = s.cy - s.outer + pad;
    h = band - 2 * pad;
  }
  const dy = s.cy - top;
  const half = Math.sqrt(Math.max(0, s.outer * s.outer - dy * dy));
  const w = Math.min(2 * half * 0.95, 440);
  return { x: s.cx - w / 2, y: top, w, h };
}

/** Default note size; a table cell holding a single note gets a note filling the cell. */
export function noteSize(tpl: Template, zone: Zone | null, kind: string): { w: number; h: number } {
  if (kind === "keyword") return { w: 240, h: 70 };
  if (tpl.layout === "table" && zone && zone.shape.type === "rect" && zone.limits?.max === 1) {
    const s = zone.shape;
    return { w: Math.max(NOTE_W, s.w - 2 * PAD), h: Math.max(60, s.h - headerHeight(zone) - PAD) };
  }
  return { w: NOTE_W, h: NOTE_H };
}

export function ringContains(s: RingShape, r: Rect): boolean {
  const corners: [number, number][] = [
    [r.x, r.y],
    [r.x + r.w, r.y],
    [r.x, r.y + r.h],
    [r.x + r.w, r.y + r.h],
  ];
  if (!corners.every(([x, y]) => Math.hypot(x - s.cx, y - s.cy) <= s.outer)) return false;
  // The nearest point of the rect to the centre must lie outside the inner circle.
  const nx = Math.max(r.x, Math.min(s.cx, r.x + r.w));
  const ny = Math.max(r.y, Math.min(s.cy, r.y + r.h));
  return Math.hypot(nx - s.cx, ny - s.cy) >= s.inner;
}

/**
 * A spot for a new note of the given size inside the zone that overlaps none of `taken`
 * (other notes, label cards). Falls back to a cascade inside the zone when it is full.
 */
export function freeSpot(zone: Zone, w: number, h: number, taken: readonly Rect[]): Rect {
  const s = zone.shape;
  const free = (r: Rect) => !taken.some((t) => overlaps(r, t, GAP / 2));
  if (s.type === "rect") {
    const top = s.y + headerHeight(zone);
    const bottom = s.y + s.h - PAD;
    const left = s.x + PAD;
    const right = s.x + s.w - PAD;
    for (let y = top; y + h <= bottom; y += h + GAP) {
      for (let x = left; x + w <= right; x += w + GAP) {
        const r = { x, y, w, h };
        if (free(r)) return r;
      }
    }
    const k = taken.length % 8;
    const x = Math.max(s.x, Math.min(left + k * 20, s.x + s.w - w));
    const y = Math.max(s.y, Math.min(top + k * 20, s.y + s.h - h));
    return { x, y, w, h };
  }
  const step = 20;
  const label = ringLabelBox(s);
  const occupied = [...taken, label];
  for (let y = s.cy - s.outer; y + h <= s.cy + s.outer; y += step) {
    for (let x = s.cx - s.outer; x + w <= s.cx + s.outer; x += step) {
      const r = { x, y, w, h };
      if (ringContains(s, r) && !occupied.some((t) => overlaps(r, t, GAP / 2))) return r;
    }
  }
  const k = taken.length % 8;
  return { x: s.cx - w / 2 + k * 20, y: s.cy - s.outer + (s.outer - s.inner) / 2 + k * 20 - h / 2, w, h };
}

/** Keeps a note's top-left corner such that the note stays on the canvas. */
export function clampToCanvas(tpl: Template, r: Rect): Rect {
  const x = Math.max(0, Math.min(r.x, tpl.canvas.width - r.w));
  const y = Math.max(0, Math.min(r.y, tpl.canvas.height - r.h));
  return { ...r, x, y };
}

export function normalizeRect(x1: number, y1: number, x2: number, y2: number): Rect {
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
}

/** The bounding box of a zone's shape. */
export function bounds(shape: Shape): Rect {
  if (shape.type === "rect") return { x: shape.x, y: shape.y, w: shape.w, h: shape.h };
  return { x: shape.cx - shape.outer, y: shape.cy - shape.outer, w: 2 * shape.outer, h: 2 * shape.outer };
}

/** Zoom limits and the scale that fits the canvas into a viewport with a margin. */
export const MIN_SCALE = 0.15;
export const MAX_SCALE = 3;

export function clampScale(s: number): number {
  return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
}

export function fitScale(canvasW: number, canvasH: number, viewW: number, viewH: number, margin = 16): number {
  return clampScale(Math.min((viewW - 2 * margin) / canvasW, (viewH - 2 * margin) / canvasH));
}

/** The new translation that keeps board point under screen point (px, py) fixed while zooming. */
export function zoomAround(
  tx: number,
  ty: number,
  scale: number,
  next: number,
  px: number,
  py: number,
): { tx: number; ty: number } {
  const bx = (px - tx) / scale;
  const by = (py - ty) / scale;
  return { tx: px - bx * next, ty: py - by * next };
}
