// In-place text editor: a textarea laid over the note, bound to the note's merged text (ui/text:
// every input goes out at once as character ops, others' typing appears without moving the caret,
// their carets show with their names, Ctrl/Cmd+Z undoes one's own typing). Escape, Ctrl+Enter or
// leaving the field closes it (Escape gives focus back).
import { h } from "../dom";
import { t } from "../i18n";
import { TEXT_MAX, type NoteData } from "./model";

export interface EditorHost {
  layer: HTMLElement;
  noteEl(id: string): HTMLElement | undefined;
  /** Binds the textarea to the note's text; destroyed when the editor closes. */
  bindText(id: string, area: HTMLTextAreaElement): { destroy(): void };
  /** `refocus`: give focus back to the note (Escape, or focus went nowhere). */
  onClose(id: string, refocus: boolean): void;
}

export class NoteEditor {
  private area: HTMLTextAreaElement | null = null;
  private bound: { destroy(): void } | null = null;
  editing: string | null = null;

  constructor(private readonly host: EditorHost) {}

  open(n: NoteData): void {
    if (this.editing === n.id) return this.area?.focus();
    this.close();
    const area = h("textarea", { class: "note-editor", maxlength: TEXT_MAX, "aria-label": t("editorLabel"), "data-item": n.id });
    area.value = n.text;
    const noteEl = this.host.noteEl(n.id);
    Object.assign(area.style, {
      left: `${n.x}px`,
      top: `${n.y}px`,
      width: `${n.w}px`,
      height: `${n.h}px`,
      zIndex: "100000",
      background: noteEl?.style.background ?? "",
      color: noteEl?.style.color ?? "",
    });
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
    for (const type of ["pointerdown", "dblclick", "wheel"]) area.addEventListener(type, (ev) => ev.stopPropagation());
    this.area = area;
    this.editing = n.id;
    this.host.layer.append(area);
    this.bound = this.host.bindText(n.id, area);
    noteEl?.classList.add("editing");
    area.focus({ preventScroll: true });
    area.setSelectionRange(area.value.length, area.value.length);
  }

  close(refocus = false): void {
    const area = this.area;
    const id = this.editing;
    if (!area || !id) return;
    this.area = null;
    this.editing = null;
    this.bound?.destroy();
    this.bound = null;
    area.remove();
    this.host.noteEl(id)?.classList.remove("editing");
    this.host.onClose(id, refocus);
  }

  /** Follows a note moved or recoloured by someone else while it is being edited. */
  follow(n: NoteData, bg: string): void {
    if (!this.area || this.editing !== n.id) return;
    Object.assign(this.area.style, { left: `${n.x}px`, top: `${n.y}px`, width: `${n.w}px`, height: `${n.h}px`, background: bg });
  }
}
