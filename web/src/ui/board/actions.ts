// What a person can do on a board: select, create, edit, move, recolour, delete, undo, place vote
// dots. Each edit is one client.change batch and one undo step; observers (and everyone but
// facilitators while the board is locked) get a polite "read only" instead.
import type { Change, Json } from "../../sync/api";
import { keyBetween, keysBetween } from "../../sync/order";
import { DEFAULT_NOTE_COLOR } from "../colors";
import { loc, t } from "../i18n";
import type { Zone } from "../template";
import { centre, clampToCanvas, freeSpot, noteSize, zoneAt, type Rect } from "./geometry";
import { refusesMore } from "./limits";
import { createChanges, maxZ, moveChanges, newItemId, readNote, stackOrder, TEXT_MAX, type NoteData } from "./model";
import { bindTextField, type BoundText } from "../text/index";
import { addDotChange, removeDotChange } from "./voting";
import type { BoardParts } from "./view";

export class BoardActions {
  readonly selection = new Set<string>();
  /** Positions of notes being dragged; remote updates must not snap them back meanwhile. */
  readonly dragging = new Map<string, [number, number]>();
  private cursor: [number, number] | null = null;
  private editSession: string | null = null;
  private editCount = 0;
  private readonly zoneById: Map<string, Zone>;

  constructor(private readonly p: BoardParts) {
    this.zoneById = new Map(p.tpl.zones.map((z) => [z.id, z]));
  }

  zone(id: string | null): Zone | null {
    return id ? (this.zoneById.get(id) ?? null) : null;
  }

  private notes(): NoteData[] {
    return this.p.notes.ids().map((id) => this.p.notes.data(id)!);
  }

  private guard(): boolean {
    if (this.p.readonly) this.p.say(this.p.readOnlyText());
    return !this.p.readonly;
  }

  // --- rendering hooks -------------------------------------------------------------------------

  afterUpsert(n: NoteData): void {
    const drag = this.dragging.get(n.id);
    if (drag) this.p.notes.position(n.id, drag[0], drag[1]);
    this.p.editor.follow(n, this.p.notes.element(n.id)?.style.background ?? "");
  }

  forget(id: string): void {
    if (this.p.editor.editing === id) this.p.editor.close();
    if (this.selection.delete(id)) this.selectionChanged();
  }

  recount(): void {
    const counts = new Map<string, number>();
    for (const n of this.notes()) if (n.zone) counts.set(n.zone, (counts.get(n.zone) ?? 0) + 1);
    this.p.zones.setCounts(counts);
  }

  // --- selection and presence ------------------------------------------------------------------

  select(ids: Iterable<string>, mode: "replace" | "toggle" | "add" = "replace"): void {
    if (mode === "replace") this.selection.clear();
    for (const id of ids) {
      if (mode === "toggle" && this.selection.has(id)) this.selection.delete(id);
      else this.selection.add(id);
    }
    this.selectionChanged();
  }

  clearSelection(): void {
    if (this.selection.size === 0) return;
    this.selection.clear();
    this.selectionChanged();
  }

  /** The notes an action on `id` applies to: the whole selection when `id` is part of it. */
  targets(id: string): string[] {
    return this.selection.has(id) ? [...this.selection] : [id];
  }

  private selectionChanged(): void {
    this.p.notes.setSelected(this.selection);
    this.p.toolbar.setHasSelection(this.selection.size > 0);
    this.p.client.setPresence(this.cursor, [...this.selection]);
  }

  setCursor(point: [number, number] | null): void {
    this.cursor = point && [Math.round(point[0]), Math.round(point[1])];
    this.p.client.setPresence(this.cursor, [...this.selection]);
  }

  // --- create ----------------------------------------------------------------------------------

  /** Double-click at a board point: a note centred there, in the zone under it. */
  createAt(x: number, y: number): string | null {
    const zone = zoneAt(this.p.tpl.zones, x, y);
    const kind = this.kindFor(zone);
    const size = noteSize(this.p.tpl, zone, kind);
    // A single-note cell gets its note snapped into place; elsewhere it lands where clicked.
    if (zone && zone.limits?.max === 1 && zone.row) return this.create(zone, this.spotIn(zone, size.w, size.h), kind);
    const rect = clampToCanvas(this.p.tpl, { x: x - size.w / 2, y: y - size.h / 2, ...size });
    return this.create(zone, rect, kind);
  }

  /** Keyboard "n" on a zone: a note at a free spot inside it. */
  createInZone(zoneId: string): string | null {
    const zone = this.zone(zoneId);
    if (!zone) return null;
    const kind = this.kindFor(zone);
    const size = noteSize(this.p.tpl, zone, kind);
    return this.create(zone, this.spotIn(zone, size.w, size.h), kind);
  }

  private spotIn(zone: Zone, w: number, hgt: number): Rect {
    return clampToCanvas(this.p.tpl, freeSpot(zone, w, hgt, this.notes()));
  }

  /** Keywords go in the side panels of a template that has them (zones outside the table). */
  private kindFor(zone: Zone | null): string {
    const kinds = this.p.tpl.itemKinds;
    return kinds.includes("keyword") && zone && !zone.row ? "keyword" : (kinds[0] ?? "note");
  }

  /**
   * A note with this text at a free spot in the view (the room's check-in answers): in the zone
   * at the view's centre, else anywhere in the view. No editor opens and the selection stays.
   */
  addInView(text: string): string | null {
    if (this.p.readonly) return null;
    const canvas = { x: 0, y: 0, w: this.p.tpl.canvas.width, h: this.p.tpl.canvas.height };
    const seen = intersect(this.p.camera.visibleRect(), canvas) ?? canvas;
    const [cx, cy] = centre(seen);
    const zone = zoneAt(this.p.tpl.zones, cx, cy);
    const kind = this.kindFor(zone);
    const size = noteSize(this.p.tpl, zone, kind);
    const area: Zone = zone ?? { id: "", label: { nl: "", en: "" }, shape: { type: "rect", ...seen } };
    return this.create(zone, this.spotIn(area, size.w, size.h), kind, { text: [...text].slice(0, TEXT_MAX).join(""), edit: false });
  }

  private create(zone: Zone | null, rect: Rect, kind: string, o: { text?: string; edit?: boolean } = {}): string | null {
    if (!this.guard()) return null;
    const [cx, cy] = centre(rect);
    const target = zoneAt(this.p.tpl.zones, cx, cy) ?? zone;
    if (target && refusesMore(target.limits, Boolean(target.row), this.p.zones.count(target.id))) {
      this.p.say(t("cellFull"));
      return null;
    }
    const extra: Record<string, Json> = {};
    for (const [name, f] of Object.entries(this.p.tpl.itemFields)) if (f.default !== undefined) extra[name] = f.default;
    const id = newItemId();
    const z = keyBetween(maxZ(this.notes()), null);
    const changes = createChanges(id, {
      kind,
      ...rect,
      color: DEFAULT_NOTE_COLOR,
      zone: target?.id ?? null,
      author: this.p.name,
      z,
      extra,
    });
    if (o.text) for (const c of changes) if (c.field === "text") c.value = o.text;
    this.p.client.change(changes, { undoable: true });
    this.p.say(target ? t("noteCreated", { zone: loc(target.label) }) : t("noteCreatedFree"));
    if (o.edit === false) return id;
    this.select([id]);
    this.edit(id);
    return id;
  }

  // --- edit ------------------------------------------------------------------------------------

  edit(id: string): void {
    if (!this.guard()) return;
    const n = readNote(this.p.client.items, id);
    if (!n) return;
    this.editSession = `text:${id}:${++this.editCount}`;
    this.p.editor.open(n);
  }

  /**
   * The editor's textarea bound to the note's merged text: keystrokes go out at once as character
   * ops; one editing session is one undo step (squashed by its merge key); undo keys in the field
   * undo one's own edits without closing it.
   */
  bindEditor(id: string, area: HTMLTextAreaElement): BoundText {
    const client = this.p.client;
    return bindTextField(area, {
      client,
      item: id,
      field: "text",
      mergeKey: () => this.editSession ?? undefined,
      afterEdit: () => this.p.toolbar.setUndoRedo(client.canUndo(), client.canRedo()),
      undo: (kind) => {
        if (!this.guard()) return;
        if (kind === "undo") client.undo();
        else client.redo();
      },
    });
  }

  editorClosed(id: string, refocus: boolean): void {
    this.editSession = null;
    this.p.toolbar.setUndoRedo(this.p.client.canUndo(), this.p.client.canRedo());
    if (refocus) this.p.notes.element(id)?.focus({ preventScroll: true });
  }

  setColor(color: string): void {
    if (this.selection.size === 0 || !this.guard()) return;
    this.p.client.change([...this.selection].map((item) => ({ item, field: "color", value: color })), { undoable: true });
  }

  setField(ids: string[], field: string, value: Json): void {
    if (!this.guard()) return;
    this.p.client.change(ids.map((item) => ({ item, field, value })), { undoable: true });
  }

  // --- move ------------------------------------------------------------------------------------

  /** Drops notes at new positions, writing their zone too; refuses a move into a full cell. */
  moveTo(moves: { id: string; x: number; y: number }[]): boolean {
    if (moves.length === 0) return false;
    if (!this.guard()) {
      // Locked during a drag: the notes go back to where the board has them.
      for (const m of moves) {
        const n = this.p.notes.data(m.id);
        if (n) this.p.notes.position(m.id, n.x, n.y);
      }
      return false;
    }
    const moving = new Set(moves.map((m) => m.id));
    const placed = moves.map((m) => {
      const n = this.p.notes.data(m.id)!;
      const r = clampToCanvas(this.p.tpl, { x: m.x, y: m.y, w: n.w, h: n.h });
      const [cx, cy] = centre(r);
      return { id: m.id, x: r.x, y: r.y, zone: zoneAt(this.p.tpl.zones, cx, cy)?.id ?? null };
    });
    const incoming = new Map<string, number>();
    for (const m of placed) if (m.zone) incoming.set(m.zone, (incoming.get(m.zone) ?? 0) + 1);
    for (const [zoneId, k] of incoming) {
      const zone = this.zone(zoneId)!;
      const staying = this.notes().filter((n) => n.zone === zoneId && !moving.has(n.id)).length;
      if (zone.row && zone.limits?.max !== undefined && staying + k > zone.limits.max) {
        this.p.say(t("cellFull"));
        for (const m of moves) {
          const n = this.p.notes.data(m.id);
          if (n) this.p.notes.position(m.id, n.x, n.y);
        }
        return false;
      }
    }
    const changes: Change[] = moveChanges(placed);
    // Whatever is moved comes to the front, keeping its own relative order.
    const all = this.notes();
    const top = maxZ(all);
    const order = stackOrder(all).filter((id) => moving.has(id));
    const frontmost = stackOrder(all).slice(-order.length);
    if (order.join() !== frontmost.join()) {
      keysBetween(top, null, order.length).forEach((z, i) => changes.push({ item: order[i]!, field: "z", value: z }));
    }
    this.p.client.change(changes, { undoable: true });
    return true;
  }

  nudge(ids: string[], dx: number, dy: number): void {
    const moves = ids
      .map((id) => this.p.notes.data(id))
      .filter((n): n is NoteData => !!n)
      .map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy }));
    this.moveTo(moves);
  }

  // --- dot voting ------------------------------------------------------------------------------

  /**
   * One of this replica's dots on (+1) or off (-1) a note. Not undoable: Ctrl+Z is for board
   * edits, and an undo after the vote closed would only be refused.
   */
  vote(id: string, delta: 1 | -1): void {
    const vote = this.p.control().vote;
    const n = this.p.notes.data(id);
    if (!vote || vote.state !== "open" || !n || !this.guard()) return;
    const items = this.p.client.items;
    const change = delta > 0 ? addDotChange(items, this.p.client.replica, vote, n) : removeDotChange(items, this.p.client.replica, vote, n);
    if (!change) {
      if (delta > 0) this.p.say(t("noDotsLeft"));
      return;
    }
    this.p.client.change([change]);
  }

  // --- delete, undo ----------------------------------------------------------------------------

  deleteIds(ids: string[]): void {
    if (ids.length === 0 || !this.guard()) return;
    const first = this.p.notes.data(ids[0]!);
    this.p.client.change(ids.map((item) => ({ item, field: "deleted", value: true })), { undoable: true });
    this.p.say(t("notesDeleted", { n: ids.length }));
    // Focus goes to the zone the note was in, so keyboard users keep their place.
    const zoneEl = first?.zone ? this.p.zones.parts.get(first.zone)?.el : null;
    (zoneEl ?? this.p.viewport).focus({ preventScroll: true });
  }

  deleteSelected(): void {
    this.deleteIds([...this.selection]);
  }

  undo(): void {
    if (!this.guard()) return;
    this.p.editor.close();
    this.p.client.undo();
    this.p.toolbar.setUndoRedo(this.p.client.canUndo(), this.p.client.canRedo());
  }

  redo(): void {
    if (!this.guard()) return;
    this.p.editor.close();
    this.p.client.redo();
    this.p.toolbar.setUndoRedo(this.p.client.canUndo(), this.p.client.canRedo());
  }
}

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.w, b.x + b.w) - x;
  const h = Math.min(a.y + a.h, b.y + b.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}
