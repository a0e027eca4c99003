// What a person does to notes that are there: select, edit, recolour, delete, undo, place vote
// dots. Each edit is one client.change batch and one undo step; observers (and everyone but
// facilitators while the board is locked) get a polite "read only" instead. Making and moving
// notes is placing.ts.
import type { Json } from "../../sync/api";
import { t } from "../i18n";
import type { Zone } from "../template";
import { bindTextField, type BoundText } from "../text/index";
import { readNote, type NoteData } from "./model";
import type { BoardParts } from "./parts";
import { addDotChange, removeDotChange } from "./voting";

export class BoardActions {
  readonly selection = new Set<string>();
  /** Positions of notes being dragged; remote updates must not snap them back meanwhile. */
  readonly dragging = new Map<string, [number, number]>();
  private cursor: [number, number] | null = null;
  private editSession: string | null = null;
  private editCount = 0;
  private readonly zoneById: Map<string, Zone>;

  constructor(readonly p: BoardParts) {
    this.zoneById = new Map(p.tpl.zones.map((z) => [z.id, z]));
  }

  zone(id: string | null): Zone | null {
    return id ? (this.zoneById.get(id) ?? null) : null;
  }

  notes(): NoteData[] {
    return this.p.notes.ids().map((id) => this.p.notes.data(id)!);
  }

  /** True when the person may edit; otherwise says why. */
  guard(): boolean {
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

  refreshHistory(): void {
    this.p.ui.setUndoRedo(this.p.client.canUndo(), this.p.client.canRedo());
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

  selectAll(): void {
    this.select(this.p.notes.ids());
    this.p.say(t("selectedAll", { n: this.selection.size }));
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
    this.p.ui.setSelection(this.selection.size);
    this.p.client.setPresence(this.cursor, [...this.selection]);
  }

  setCursor(point: [number, number] | null): void {
    this.cursor = point && [Math.round(point[0]), Math.round(point[1])];
    this.p.client.setPresence(this.cursor, [...this.selection]);
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
      afterEdit: () => this.refreshHistory(),
      undo: (kind) => {
        if (!this.guard()) return;
        if (kind === "undo") client.undo();
        else client.redo();
      },
    });
  }

  editorClosed(id: string, refocus: boolean): void {
    this.editSession = null;
    this.refreshHistory();
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

  /** Delete on any selection: a rubber band's, Ctrl+A's, or clicked notes. */
  deleteSelected(): void {
    this.deleteIds([...this.selection]);
  }

  undo(): void {
    if (!this.guard()) return;
    this.p.editor.close();
    this.p.client.undo();
    this.refreshHistory();
  }

  redo(): void {
    if (!this.guard()) return;
    this.p.editor.close();
    this.p.client.redo();
    this.refreshHistory();
  }
}
