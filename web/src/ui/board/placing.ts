// Making and moving notes: create (double-click, the add-note button and its drag-out pad, a key on
// a zone), duplicate, copy and paste, drag and nudge, "tidy this zone", and spreading notes that a
// reveal left on top of each other. Every new or moved note lands inside its zone, on a free spot
// (placement.ts); each action is one batch and one undo step.
import type { Change, Json } from "../../sync/api";
import { keyBetween, keysBetween } from "../../sync/order";
import { DEFAULT_NOTE_COLOR } from "../colors";
import { loc, t } from "../i18n";
import type { Zone } from "../template";
import type { BoardActions } from "./actions";
import { centre, clampToCanvas, noteSize, overlaps, zoneAt, type Rect } from "./geometry";
import { refusesMore } from "./limits";
import { createChanges, maxZ, moveChanges, newItemId, stackOrder, TEXT_MAX, type NoteData } from "./model";
import { freeSpotIn, keepInside, spreadMoves, tidyMoves } from "./placement";

/** Notes copied with Ctrl/Cmd+C, kept for the page (a paste on another board works too). */
let clipboard: NoteData[] = [];

const PASTE_OFFSET = 24;

export class Placing {
  constructor(private readonly a: BoardActions) {}

  private get p() {
    return this.a.p;
  }

  /** Keywords go in the side panels of a template that has them (zones outside the table). */
  private kindFor(zone: Zone | null): string {
    const kinds = this.p.tpl.itemKinds;
    return kinds.includes("keyword") && zone && !zone.row ? "keyword" : (kinds[0] ?? "note");
  }

  private canvasRect(): Rect {
    return { x: 0, y: 0, w: this.p.tpl.canvas.width, h: this.p.tpl.canvas.height };
  }

  /** The part of the board on screen (the whole canvas when the view shows none of it). */
  private seen(): Rect {
    return intersect(this.p.camera.visibleRect(), this.canvasRect()) ?? this.canvasRect();
  }

  /** A free spot for a note of `kind` in `zone` near a point, or around the point outside zones. */
  private spot(zone: Zone | null, kind: string, near?: [number, number], skip: ReadonlySet<string> = new Set()): Rect {
    const size = noteSize(this.p.tpl, zone, kind);
    const taken = this.a.notes().filter((n) => !skip.has(n.id));
    if (zone) return clampToCanvas(this.p.tpl, freeSpotIn(zone, size.w, size.h, taken, near));
    const [x, y] = near ?? centre(this.seen());
    return clampToCanvas(this.p.tpl, { x: x - size.w / 2, y: y - size.h / 2, ...size });
  }

  // --- create ----------------------------------------------------------------------------------

  /** Double-click, double-tap or a drop of the add-note pad at a board point. */
  createAt(x: number, y: number): string | null {
    const zone = zoneAt(this.p.tpl.zones, x, y);
    return this.create(zone, this.spot(zone, this.kindFor(zone), [x, y]), this.kindFor(zone));
  }

  /** Keyboard "n" on a zone: a note at the zone's first free spot in reading order (no point was named). */
  createInZone(zoneId: string): string | null {
    const zone = this.a.zone(zoneId);
    if (!zone) return null;
    return this.create(zone, this.spot(zone, this.kindFor(zone)), this.kindFor(zone));
  }

  /**
   * The add-note button: in the zone at the view's centre (or the nearest one in view with room),
   * at the free spot nearest that centre; the editor opens on it.
   */
  addNote(): string | null {
    const [cx, cy] = centre(this.seen());
    return this.create(...this.zoneNear(cx, cy));
  }

  private zoneNear(cx: number, cy: number): [Zone | null, Rect, string] {
    const under = zoneAt(this.p.tpl.zones, cx, cy);
    const candidates = under ? [under] : [...this.p.tpl.zones].sort((a, b) => distTo(a, cx, cy) - distTo(b, cx, cy));
    const open = candidates.find((z) => !refusesMore(z.limits, Boolean(z.row), this.p.zones.count(z.id))) ?? candidates[0] ?? null;
    const kind = this.kindFor(open);
    return [open, this.spot(open, kind, [cx, cy]), kind];
  }

  /**
   * A note with this text at a free spot in the view (the room's check-in answers): in the zone
   * at the view's centre, else anywhere in the view. No editor opens and the selection stays.
   */
  addInView(text: string): string | null {
    if (this.p.readonly) return null;
    const [cx, cy] = centre(this.seen());
    const [zone, rect, kind] = this.zoneNear(cx, cy);
    return this.create(zone, rect, kind, { text: [...text].slice(0, TEXT_MAX).join(""), edit: false });
  }

  private create(zone: Zone | null, rect: Rect, kind: string, o: { text?: string; edit?: boolean } = {}): string | null {
    if (!this.a.guard()) return null;
    const [cx, cy] = centre(rect);
    const target = zoneAt(this.p.tpl.zones, cx, cy) ?? zone;
    if (target && refusesMore(target.limits, Boolean(target.row), this.p.zones.count(target.id))) {
      this.p.say(t("cellFull"));
      return null;
    }
    const extra: Record<string, Json> = {};
    for (const [name, f] of Object.entries(this.p.tpl.itemFields)) if (f.default !== undefined) extra[name] = f.default;
    const id = newItemId();
    const changes = createChanges(id, {
      kind,
      ...rect,
      color: DEFAULT_NOTE_COLOR,
      zone: target?.id ?? null,
      author: this.p.name,
      z: keyBetween(maxZ(this.a.notes()), null),
      extra,
    });
    if (o.text) for (const c of changes) if (c.field === "text") c.value = o.text;
    this.p.client.change(changes, { undoable: true });
    this.p.ui.created();
    this.p.say(target ? t("noteCreated", { zone: loc(target.label) }) : t("noteCreatedFree"));
    if (o.edit === false) return id;
    this.a.select([id]);
    this.a.edit(id);
    return id;
  }

  // --- copy, paste, duplicate ------------------------------------------------------------------

  copy(): number {
    clipboard = [...this.a.selection].map((id) => this.p.notes.data(id)).filter((n): n is NoteData => !!n);
    if (clipboard.length) this.p.say(t("notesCopied", { n: clipboard.length }));
    return clipboard.length;
  }

  /** What a copy puts on the system clipboard: the notes' texts, one paragraph each. */
  copiedText(): string {
    return clipboard.map((n) => n.text).join("\n\n");
  }

  paste(): string[] {
    return this.cloneNotes(clipboard);
  }

  /** Plain text from another program: one note, in view. */
  pasteText(text: string): void {
    const clean = text.trim();
    if (clean) this.addInView(clean);
  }

  duplicate(): string[] {
    return this.cloneNotes([...this.a.selection].map((id) => this.p.notes.data(id)).filter((n): n is NoteData => !!n));
  }

  /** Copies of notes, offset from the originals and inside their zones (in view on another board); they become the selection. */
  private cloneNotes(notes: readonly NoteData[]): string[] {
    if (notes.length === 0 || !this.a.guard()) return [];
    const changes: Change[] = [];
    const ids: string[] = [];
    const placed: Rect[] = [];
    const counts = new Map<string, number>();
    let z = maxZ(this.a.notes());
    for (const n of notes) {
      const zone = this.a.zone(n.zone) ?? zoneAt(this.p.tpl.zones, ...centre(this.seen()));
      if (zone && refusesMore(zone.limits, Boolean(zone.row), this.p.zones.count(zone.id) + (counts.get(zone.id) ?? 0))) continue;
      const wanted = this.a.zone(n.zone) ? { x: n.x + PASTE_OFFSET, y: n.y + PASTE_OFFSET, w: n.w, h: n.h } : this.spot(zone, n.kind, centre(this.seen()));
      const taken = [...this.a.notes(), ...placed];
      // A copy that would cover another note takes the free spot nearest to where it would have gone
      // (a full zone cascades it, still never exactly on another).
      const free = zone && taken.some((o) => overlaps(wanted, o)) ? freeSpotIn(zone, n.w, n.h, taken, centre(wanted)) : wanted;
      const r = clampToCanvas(this.p.tpl, zone ? keepInside(zone, free) : free);
      placed.push(r);
      if (zone) counts.set(zone.id, (counts.get(zone.id) ?? 0) + 1);
      const id = newItemId();
      z = keyBetween(z, null);
      const extra: Record<string, Json> = {};
      for (const name of Object.keys(this.p.tpl.itemFields)) if (n.fields[name] !== undefined) extra[name] = n.fields[name]!;
      changes.push(...createChanges(id, { kind: n.kind, ...r, color: n.color, zone: zone?.id ?? null, author: this.p.name, z, extra }));
      for (const c of changes) if (c.item === id && c.field === "text") c.value = n.text;
      ids.push(id);
    }
    if (ids.length === 0) {
      this.p.say(t("cellFull"));
      return [];
    }
    this.p.client.change(changes, { undoable: true });
    this.a.select(ids);
    this.p.say(t("notesPasted", { n: ids.length }));
    return ids;
  }

  // --- move ------------------------------------------------------------------------------------

  /** Drops notes at new positions inside the zone under each one's centre; refuses a move into a full cell. */
  moveTo(moves: { id: string; x: number; y: number }[], extra: Change[] = []): boolean {
    if (moves.length === 0) return false;
    const back = () => {
      for (const m of moves) {
        const n = this.p.notes.data(m.id);
        if (n) this.p.notes.position(m.id, n.x, n.y);
      }
    };
    if (!this.a.guard()) return back(), false; // locked during a drag: back to where the board has them
    const moving = new Set(moves.map((m) => m.id));
    const placed = moves.map((m) => {
      const n = this.p.notes.data(m.id)!;
      const r = clampToCanvas(this.p.tpl, { x: m.x, y: m.y, w: n.w, h: n.h });
      const zone = zoneAt(this.p.tpl.zones, ...centre(r));
      const inside = zone ? keepInside(zone, r) : r;
      return { id: m.id, x: inside.x, y: inside.y, zone: zone?.id ?? null };
    });
    const incoming = new Map<string, number>();
    for (const m of placed) if (m.zone) incoming.set(m.zone, (incoming.get(m.zone) ?? 0) + 1);
    for (const [zoneId, k] of incoming) {
      const zone = this.a.zone(zoneId)!;
      const staying = this.a.notes().filter((n) => n.zone === zoneId && !moving.has(n.id)).length;
      if (zone.row && zone.limits?.max !== undefined && staying + k > zone.limits.max) {
        this.p.say(t("cellFull"));
        return back(), false;
      }
    }
    for (const m of placed) this.p.notes.position(m.id, m.x, m.y);
    const changes: Change[] = [...moveChanges(placed), ...extra];
    this.frontmost(moving, changes);
    this.p.client.change(changes, { undoable: true });
    return true;
  }

  /** Whatever is moved comes to the front, keeping its own relative order. */
  private frontmost(moving: ReadonlySet<string>, changes: Change[]): void {
    const all = this.a.notes();
    const order = stackOrder(all).filter((id) => moving.has(id));
    const front = stackOrder(all).slice(-order.length);
    if (order.join() === front.join()) return;
    keysBetween(maxZ(all), null, order.length).forEach((z, i) => changes.push({ item: order[i]!, field: "z", value: z }));
  }

  nudge(ids: string[], dx: number, dy: number): void {
    const moves = ids
      .map((id) => this.p.notes.data(id))
      .filter((n): n is NoteData => !!n)
      .map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy }));
    this.moveTo(moves);
  }

  /** "Tidy this zone": its notes in a grid, one batch, one undo step. */
  tidy(zoneId: string): void {
    const zone = this.a.zone(zoneId);
    if (!zone || !this.a.guard()) return;
    const moves = tidyMoves(zone, this.a.notes().filter((n) => n.zone === zoneId));
    if (moves.length) this.p.client.change(moveChanges(moves.map((m) => ({ ...m, zone: zoneId }))), { undoable: true });
    this.p.say(t("zoneTidied", { zone: loc(zone.label) }));
  }

  /**
   * After a reveal: notes lying on top of others move to a free spot in their zone. Run by the
   * client that asked for the reveal (one writer, so no two clients pick the same spot); the order
   * is by when each note was made, so the first one made keeps its place.
   */
  spreadOverlaps(): number {
    if (this.p.readonly) return 0;
    const items = this.p.client.items;
    const made = (id: string) => items.get(id, "kind")?.s ?? [0, 0, ""];
    const moves = spreadMoves((id) => this.a.zone(this.p.notes.data(id)?.zone ?? null), this.a.notes(), (x, y) => {
      const [a, b] = [made(x.id), made(y.id)];
      return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : x.id < y.id ? -1 : 1);
    });
    if (moves.length === 0) return 0;
    const zoneOf = new Map(this.a.notes().map((n) => [n.id, n.zone]));
    this.p.client.change(moveChanges(moves.map((m) => ({ ...m, zone: zoneOf.get(m.id) ?? null }))));
    return moves.length;
  }
}

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.w, b.x + b.w) - x;
  const h = Math.min(a.y + a.h, b.y + b.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}

function distTo(z: Zone, x: number, y: number): number {
  const s = z.shape;
  if (s.type === "ring") return Math.abs(Math.hypot(x - s.cx, y - s.cy) - (s.inner + s.outer) / 2);
  const dx = Math.max(s.x - x, 0, x - (s.x + s.w));
  const dy = Math.max(s.y - y, 0, y - (s.y + s.h));
  return Math.hypot(dx, dy);
}
