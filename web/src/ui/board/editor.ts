// The note editor: a textarea over the note, bound to the note's merged text (ui/text: every
// input goes out at once as character ops, others' typing appears without moving the caret, their
// carets show with their names, Ctrl/Cmd+Z undoes one's own typing). It lives in screen space, not
// in the zoomed board, so it is legible at any zoom (at least 16 px), and it stays inside the
// visual viewport: on a phone it docks at the top of what is visible above the on-screen keyboard.
// Escape, Ctrl+Enter or leaving the field closes it (Escape gives focus back).
import { h } from "../dom";
import { t } from "../i18n";
import { TEXT_MAX, type NoteData } from "./model";

export interface EditorBox {
  left: number;
  top: number;
  width: number;
  height: number;
  fontSize: number;
}

export interface EditorHost {
  /** The screen-space layer over the viewport the textarea goes in (positioned). */
  layer: HTMLElement;
  noteEl(id: string): HTMLElement | undefined;
  /** Where the editor of a note goes now, in the layer's pixels. */
  place(n: NoteData): EditorBox;
  /** Binds the textarea to the note's text; destroyed when the editor closes. */
  bindText(id: string, area: HTMLTextAreaElement): { destroy(): void };
  /** `refocus`: give focus back to the note (Escape, or focus went nowhere). */
  onClose(id: string, refocus: boolean): void;
}

/**
 * Where an editor goes (pure, tested): over the note (`screen`: its rect in the layer's pixels),
 * grown to a legible size, inside the visible part of the layer (`visible`, above a phone's
 * keyboard); `docked` (a phone) puts it across the top of what is visible.
 */
export function editorBox(screen: { x: number; y: number; w: number; h: number }, scale: number,
  visible: { top: number; bottom: number; width: number }, docked: boolean): EditorBox {
  const fontSize = Math.max(16, Math.round(17 * scale));
  const room = Math.max(60, visible.bottom - visible.top - 16);
  if (docked) {
    return { left: 8, top: visible.top + 8, width: Math.max(120, visible.width - 16), height: Math.min(room, 220), fontSize };
  }
  const width = Math.min(Math.max(screen.w, 280), visible.width - 16);
  const height = Math.min(Math.max(screen.h, 160), room);
  const left = Math.max(8, Math.min(screen.x, visible.width - width - 8));
  const top = Math.max(visible.top + 8, Math.min(screen.y, visible.bottom - height - 8));
  return { left, top, width, height, fontSize };
}

export class NoteEditor {
  private area: HTMLTextAreaElement | null = null;
  private bound: { destroy(): void } | null = null;
  private note: NoteData | null = null;
  editing: string | null = null;

  constructor(private readonly host: EditorHost) {}

  open(n: NoteData): void {
    if (this.editing === n.id) return this.area?.focus();
    this.close();
    const area = h("textarea", { class: "note-editor", maxlength: TEXT_MAX, "aria-label": t("editorLabel"), "data-item": n.id });
    area.value = n.text;
    const noteEl = this.host.noteEl(n.id);
    Object.assign(area.style, { zIndex: "10", background: noteEl?.style.background ?? "", color: noteEl?.style.color ?? "" });
    area.addEventListener("keydown", (ev) => {
      ev.stopPropagation(); // board shortcuts (Delete, arrows, n) must not fire while typing
      if (ev.key === "Escape" || (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey))) {
        ev.preventDefault();
        this.close(true);
      }
    });
    area.addEventListener("blur", (ev) => {
      if (this.area === area) this.close(ev.relatedTarget === null);
    });
    for (const type of ["pointerdown", "dblclick", "wheel", "contextmenu"]) area.addEventListener(type, (ev) => ev.stopPropagation());
    this.area = area;
    this.note = n;
    this.editing = n.id;
    this.host.layer.append(area);
    this.reposition();
    this.bound = this.host.bindText(n.id, area);
    noteEl?.classList.add("editing");
    area.focus({ preventScroll: true });
    area.setSelectionRange(area.value.length, area.value.length);
  }

  /** Places the editor again (the view moved, the keyboard opened, the note moved). */
  reposition(): void {
    if (!this.area || !this.note) return;
    const b = this.host.place(this.note);
    Object.assign(this.area.style, { left: `${b.left}px`, top: `${b.top}px`, width: `${b.width}px`, height: `${b.height}px`, fontSize: `${b.fontSize}px` });
  }

  close(refocus = false): void {
    const area = this.area;
    const id = this.editing;
    if (!area || !id) return;
    this.area = null;
    this.editing = null;
    this.note = null;
    this.bound?.destroy();
    this.bound = null;
    area.remove();
    this.host.noteEl(id)?.classList.remove("editing");
    this.host.onClose(id, refocus);
  }

  /** Follows a note moved or recoloured by someone else while it is being edited. */
  follow(n: NoteData, bg: string): void {
    if (!this.area || this.editing !== n.id) return;
    this.note = n;
    this.area.style.background = bg;
    this.reposition();
  }
}
