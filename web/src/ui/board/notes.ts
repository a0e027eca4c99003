// Note elements: one focusable `.note[data-item]` per note (role=option in a multi-select
// listbox, so aria-selected is valid), positioned in canvas units and stacked by `z`. Controls
// that sit on a note (the health matrix's layer select) live beside it, not inside: an option's
// children are presentational, so nothing inside it may be interactive.
import { resolveColor, textColorFor } from "../colors";
import { h } from "../dom";
import { loc, t } from "../i18n";
import { colouredEnumField, type ItemField, type Template } from "../template";
import { shorten, stackOrder, truncate, type NoteData } from "./model";

interface NoteEls {
  el: HTMLElement;
  text: HTMLElement;
  author: HTMLElement;
  control: HTMLSelectElement | null;
  data: NoteData;
}

const LABEL_MAX = 300;
const colorCache = new Map<string, string>();

function textColor(bg: string): string {
  let c = colorCache.get(bg);
  if (!c) colorCache.set(bg, (c = textColorFor(resolveColor(bg))));
  return c;
}

export class NoteLayer {
  readonly list: HTMLElement;
  readonly controls: HTMLElement;
  private readonly els = new Map<string, NoteEls>();
  private readonly layerField: [string, ItemField] | null;

  constructor(
    tpl: Template,
    host: HTMLElement,
    private readonly readonly: boolean,
    private readonly onFieldChange: (id: string, field: string, value: string) => void,
  ) {
    this.layerField = colouredEnumField(tpl);
    this.list = h("div", { class: "notes", role: "listbox", "aria-multiselectable": "true" });
    this.controls = h("div", { class: "note-controls" });
    host.append(this.list, this.controls);
    this.relabel();
  }

  has(id: string): boolean {
    return this.els.has(id);
  }

  element(id: string): HTMLElement | undefined {
    return this.els.get(id)?.el;
  }

  data(id: string): NoteData | undefined {
    return this.els.get(id)?.data;
  }

  ids(): string[] {
    return [...this.els.keys()];
  }

  upsert(n: NoteData): void {
    let e = this.els.get(n.id);
    if (!e) {
      const el = h("div", { class: "note", "data-item": n.id, tabindex: 0, role: "option", "aria-selected": "false", "aria-describedby": "note-help" });
      const text = h("div", { class: "note-text" });
      const author = h("div", { class: "note-author" });
      // The aria-label already says it all (shortened); hiding the content keeps screen readers
      // from reading a long text twice and the name consistent with what is shown.
      el.append(h("div", { class: "note-body", "aria-hidden": "true" }, text, author));
      this.list.append(el);
      e = { el, text, author, control: this.makeControl(n.id), data: n };
      this.els.set(n.id, e);
    }
    e.data = n;
    const { el } = e;
    el.dataset.zone = n.zone ?? "";
    el.dataset.kind = n.kind;
    el.classList.toggle("note-keyword", n.kind === "keyword");
    // Shown text and accessible name are the same (shortened) string, so the name always
    // contains what is visible (WCAG 2.5.3); the editor shows the whole text.
    const shown = shorten(n.text, LABEL_MAX);
    if (e.text.textContent !== shown) e.text.textContent = shown;
    e.author.dataset.author = n.author; // drawn by CSS, so it is no part of the name
    el.style.setProperty("--note-color", n.color);
    let bg = n.color;
    if (this.layerField && e.control) {
      const [name, field] = this.layerField;
      const value = String(n.fields[name] ?? field.default ?? field.values![0]);
      el.dataset.layer = value;
      bg = field.valueColors![value] ?? bg;
      if (e.control.value !== value) e.control.value = value;
    }
    el.style.background = bg;
    el.style.color = textColor(bg);
    this.label(e);
    this.position(n.id, n.x, n.y, n.w, n.h);
  }

  /** Moves the element only (while dragging); the model follows on drop. */
  position(id: string, x: number, y: number, w?: number, hgt?: number): void {
    const e = this.els.get(id);
    if (!e) return;
    const st = e.el.style;
    st.left = `${x}px`;
    st.top = `${y}px`;
    if (w !== undefined) st.width = `${w}px`;
    if (hgt !== undefined) st.height = `${hgt}px`;
    if (e.control) {
      e.control.style.left = `${x + (w ?? e.data.w) - 8}px`;
      e.control.style.top = `${y + 6}px`;
    }
  }

  remove(id: string): void {
    const e = this.els.get(id);
    if (!e) return;
    e.el.remove();
    e.control?.remove();
    this.els.delete(id);
  }

  /** CSS z-index from the z order; controls sit just above their note. */
  restack(): void {
    const order = stackOrder([...this.els.values()].map((e) => e.data));
    order.forEach((id, i) => {
      const e = this.els.get(id)!;
      e.el.style.zIndex = String(10 + 2 * i);
      if (e.control) e.control.style.zIndex = String(11 + 2 * i);
    });
  }

  setSelected(selected: ReadonlySet<string>): void {
    for (const [id, e] of this.els) {
      const on = selected.has(id);
      e.el.classList.toggle("selected", on);
      e.el.setAttribute("aria-selected", String(on));
    }
  }

  /** Marks notes other people have selected, so two people notice they work on one note. */
  setRemoteSelection(byNote: ReadonlyMap<string, string[]>): void {
    for (const [id, e] of this.els) {
      const names = byNote.get(id);
      e.el.classList.toggle("remote-selected", !!names);
      if (names) e.el.dataset.selectedBy = names.join(", ");
      else delete e.el.dataset.selectedBy;
    }
  }

  relabel(): void {
    this.list.setAttribute("aria-label", t("notesLabel"));
    for (const e of this.els.values()) {
      this.label(e);
      if (e.control) this.labelControl(e.control, e.data);
    }
  }

  private label(e: NoteEls): void {
    const text = truncate(shorten(e.data.text, LABEL_MAX), LABEL_MAX + 1) || t("emptyNote");
    e.el.setAttribute("aria-label", t(e.data.kind === "keyword" ? "keyword" : "note", { text }));
    if (e.control) this.labelControl(e.control, e.data);
  }

  private makeControl(id: string): HTMLSelectElement | null {
    if (!this.layerField) return null;
    const [name, field] = this.layerField;
    const select = h("select", { class: "note-layer", "data-item": id, "data-field": name, disabled: this.readonly });
    for (const v of field.values!) select.append(h("option", { value: v }));
    select.addEventListener("change", () => this.onFieldChange(id, name, select.value));
    // Clicks on the control must not start a drag or clear the selection.
    select.addEventListener("pointerdown", (ev) => ev.stopPropagation());
    select.addEventListener("dblclick", (ev) => ev.stopPropagation());
    this.controls.append(select);
    return select;
  }

  private labelControl(select: HTMLSelectElement, n: NoteData): void {
    const [, field] = this.layerField!;
    select.setAttribute("aria-label", `${t("layerOf", { label: loc(field.label) })}: ${truncate(n.text, 40) || t("emptyNote")}`);
    for (const opt of select.options) {
      opt.textContent = loc(field.valueLabels?.[opt.value]) || opt.value;
      const c = field.valueColors?.[opt.value];
      if (c) opt.style.background = c;
    }
  }
}
