// Note elements: one focusable `.note[data-item]` per note (role=option in a multi-select
// listbox, so aria-selected is valid), positioned in canvas units and stacked by `z`. Controls
// that sit on a note (the health matrix's layer select) live beside it, not inside: an option's
// children are presentational, so nothing inside it may be interactive. The same holds for the
// dot-vote buttons (FA-7): they sit in the controls layer, the counts inside the note.
import { resolveColor, textColorFor } from "../colors";
import { h } from "../dom";
import { loc, t } from "../i18n";
import { colouredEnumField, type ItemField, type Template } from "../template";
import { shorten, stackOrder, truncate, type NoteData } from "./model";
import { fitSize, measureWords, type Words } from "./note-fit";
import type { NoteVoteView } from "./voting";

interface VoteEls {
  view: NoteVoteView;
  /** `.note-my-dots` (open vote) or `.note-votes` (closed vote), inside the note; the count is its data-count. */
  badge: HTMLElement | null;
  /** The add/remove buttons beside the note (open vote, voters only). */
  box: HTMLElement | null;
  add: HTMLButtonElement | null;
  remove: HTMLButtonElement | null;
}

interface NoteEls {
  el: HTMLElement;
  text: HTMLElement;
  author: HTMLElement;
  control: HTMLSelectElement | null;
  data: NoteData;
  vote: VoteEls;
  /** The text's words measured in `font` (note-fit.ts), kept until the text or font changes. */
  words: { text: string; font: string; words: Words } | null;
}

const LABEL_MAX = 300;
const colorCache = new Map<string, string>();

function textColor(bg: string): string {
  let c = colorCache.get(bg);
  if (!c) colorCache.set(bg, (c = textColorFor(resolveColor(bg))));
  return c;
}

let measureCtx: CanvasRenderingContext2D | null | undefined;

/** A string's width in a 100 px font (a canvas measures without layout); 0.6 em a character without canvas. */
function measure100(font: string, s: string): number {
  if (measureCtx === undefined) measureCtx = document.createElement("canvas").getContext("2d");
  if (!measureCtx) return s.length * 60;
  measureCtx.font = font;
  return measureCtx.measureText(s).width;
}

export class NoteLayer {
  readonly list: HTMLElement;
  readonly controls: HTMLElement;
  private readonly els = new Map<string, NoteEls>();
  private readonly layerField: [string, ItemField] | null;
  private anonymous = false;

  constructor(
    tpl: Template,
    host: HTMLElement,
    private readonly: boolean,
    private readonly onFieldChange: (id: string, field: string, value: string) => void,
    /** A click on a note's vote button: +1 adds one of this replica's dots, -1 takes one off. */
    private readonly onVote: (id: string, delta: 1 | -1) => void = () => {},
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
      e = { el, text, author, control: this.makeControl(n.id), data: n, vote: { view: null, badge: null, box: null, add: null, remove: null }, words: null };
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
    // Drawn by CSS, so it is no part of the name; on an anonymous board (FA-11) never in the page.
    e.author.dataset.author = this.anonymous ? "" : n.author;
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
    if (e.vote.box) {
      e.vote.box.style.left = `${x + 6}px`;
      e.vote.box.style.top = `${y + (hgt ?? e.data.h) - 6}px`;
    }
  }

  remove(id: string): void {
    const e = this.els.get(id);
    if (!e) return;
    e.el.remove();
    e.control?.remove();
    e.vote.box?.remove();
    this.els.delete(id);
  }

  /** CSS z-index from the z order; controls sit just above their note. */
  restack(): void {
    const order = stackOrder([...this.els.values()].map((e) => e.data));
    order.forEach((id, i) => {
      const e = this.els.get(id)!;
      e.el.style.zIndex = String(10 + 2 * i);
      if (e.control) e.control.style.zIndex = String(11 + 2 * i);
      if (e.vote.box) e.vote.box.style.zIndex = String(11 + 2 * i);
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

  /** Observers, and everyone but facilitators while the board is locked, cannot change notes. */
  setReadonly(readonly: boolean): void {
    this.readonly = readonly;
    for (const e of this.els.values()) if (e.control) e.control.disabled = readonly;
  }

  /** FA-11: no author shown on any note (the node sends none to others; one's own stays local). */
  setAnonymous(on: boolean): void {
    if (on === this.anonymous) return;
    this.anonymous = on;
    for (const e of this.els.values()) e.author.dataset.author = on ? "" : e.data.author;
  }

  /**
   * Sizes each note's text for the board's `scale` (note-fit.ts: whole words, shrink to fit before
   * "…"), then marks notes whose text still does not fit (`note-more`: a fade and an ellipsis say
   * it continues); measured after layout, so called once per frame at most (view.ts). Reads all,
   * then writes all, then reads again: two layouts, not one per note.
   */
  markOverflow(scale: number, ids: Iterable<string> = this.els.keys()): void {
    const list = [...ids].map((id) => this.els.get(id)).filter((e): e is NoteEls => !!e);
    // The CSS size (board.css `.note-text`): 17 canvas px, at least 12 screen px.
    const cssSize = Math.max(17, 12 / scale);
    const sizes = list.map((e) => {
      const text = e.text.textContent ?? "";
      return text ? fitSize(this.wordsOf(e, text), e.text.clientWidth, e.text.clientHeight, cssSize, scale) : cssSize;
    });
    list.forEach((e, i) => {
      const size = sizes[i] >= cssSize ? "" : `${sizes[i].toFixed(2)}px`;
      if (e.el.style.getPropertyValue("--note-size") !== size) e.el.style.setProperty("--note-size", size);
    });
    for (const e of list) {
      const more = e.text.scrollHeight > e.text.clientHeight + 2;
      if (e.el.classList.contains("note-more") !== more) e.el.classList.toggle("note-more", more);
    }
  }

  private wordsOf(e: NoteEls, text: string): Words {
    const style = getComputedStyle(e.text);
    const font = `${style.fontWeight} 100px ${style.fontFamily}`;
    if (e.words?.text !== text || e.words.font !== font) e.words = { text, font, words: measureWords(text, (s) => measure100(font, s)) };
    return e.words.words;
  }

  /** Notes written during private writing that only this replica sees (FA-6). */
  setPrivate(id: string, on: boolean): void {
    const e = this.els.get(id);
    if (!e || e.el.classList.contains("note-private") === on) return;
    e.el.classList.toggle("note-private", on);
    this.label(e);
  }

  /** Shows a note's part of the dot vote: own dots and buttons while open, the total once closed. */
  setVote(id: string, view: NoteVoteView): void {
    const e = this.els.get(id);
    if (!e) return;
    const v = e.vote;
    const before = v.view;
    v.view = view;
    const badgeClass = view?.mode === "open" ? "note-my-dots" : view?.mode === "closed" ? "note-votes" : null;
    if (v.badge && (!badgeClass || !v.badge.classList.contains(badgeClass))) {
      v.badge.remove();
      v.badge = null;
    }
    if (badgeClass && !v.badge) {
      v.badge = h("span", { class: `note-dots ${badgeClass}`, "aria-hidden": "true" });
      e.el.append(v.badge);
    }
    if (view?.mode === "closed") e.el.dataset.votes = String(view.total);
    else delete e.el.dataset.votes;
    if (v.badge && view) {
      // Drawn by CSS from data-count: the note's name (aria-label) carries the count, and text in
      // the element would have to appear in that name word for word (axe label-content-name-mismatch).
      const count = String(view.mode === "open" ? view.mine : view.total);
      if (v.badge.dataset.count !== count) v.badge.dataset.count = count;
    }

    if (view?.mode === "open") {
      if (!v.box) this.makeVoteBox(e);
      v.add!.disabled = !view.canAdd;
      v.remove!.disabled = !view.canRemove;
    } else if (v.box) {
      v.box.remove();
      v.box = v.add = v.remove = null;
    }
    if (JSON.stringify(before) !== JSON.stringify(view)) this.label(e);
  }

  private makeVoteBox(e: NoteEls): void {
    const id = e.data.id;
    const button = (attr: string, delta: 1 | -1, sign: string) => {
      const b = h("button", { type: "button", class: `vote-button vote-${delta > 0 ? "add" : "remove"}`, [attr]: id }, sign);
      b.addEventListener("click", () => this.onVote(id, delta));
      return b;
    };
    e.vote.remove = button("data-vote-remove", -1, "−");
    e.vote.add = button("data-vote-add", 1, "+");
    e.vote.box = h("div", { class: "note-vote", "data-item": id, role: "group" }, e.vote.remove, e.vote.add);
    // Just above its note, as restack() would place it (the box may come after the last restack).
    e.vote.box.style.zIndex = String(Number(e.el.style.zIndex || 10) + 1);
    this.controls.append(e.vote.box);
    this.position(id, e.data.x, e.data.y, e.data.w, e.data.h);
    this.labelVoteBox(e);
  }

  private labelVoteBox(e: NoteEls): void {
    const v = e.vote;
    if (!v.box || !v.add || !v.remove) return;
    const text = truncate(e.data.text, 40) || t("emptyNote");
    const mine = v.view?.mode === "open" ? v.view.mine : 0;
    v.box.setAttribute("aria-label", t("voteOnNote", { text, n: mine }));
    v.add.setAttribute("aria-label", t("voteAdd", { text }));
    v.remove.setAttribute("aria-label", t("voteRemove", { text }));
    v.add.title = t("voteAdd", { text });
    v.remove.title = t("voteRemove", { text });
  }

  private label(e: NoteEls): void {
    const text = truncate(shorten(e.data.text, LABEL_MAX), LABEL_MAX + 1) || t("emptyNote");
    let label = t(e.data.kind === "keyword" ? "keyword" : "note", { text });
    if (e.el.classList.contains("note-private")) label += `. ${t("notePrivate")}`;
    const vote = e.vote.view;
    if (vote?.mode === "open") label += `. ${t("noteMyDots", { n: vote.mine })}`;
    else if (vote?.mode === "closed") label += `. ${t("noteVotes", { n: vote.total })}`;
    e.el.setAttribute("aria-label", label);
    if (e.control) this.labelControl(e.control, e.data);
    this.labelVoteBox(e);
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
