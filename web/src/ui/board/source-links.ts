// A carried note's link back to its source (FA-27) and the highlight of the item a link opened.
// The workshop page rewrites the fragment when it opens the board, so the request waits here, in
// the module, for that board's layer; only what this viewer is sent can be found (FA-29).
import { h } from "../dom";
import { t } from "../i18n";
import type { NoteData } from "./model";
import type { BoardParts } from "./parts";
import { readSource, sourceHash, type Frame, type Source, type ThemeData } from "./themes";

let wanted: Source | null = null;

export interface FrameTarget {
  el: HTMLElement;
  focus: HTMLElement;
  rect: Frame;
}

export class SourceLinks {
  private readonly el = h("div", { class: "source-links" });
  private readonly links = new Map<string, HTMLButtonElement>();

  constructor(
    private readonly p: BoardParts,
    private readonly hooks: { token: string; board: string },
    private readonly rerender: () => void,
  ) {
    p.notes.controls.append(this.el);
  }

  relabel(): void {
    for (const b of this.links.values()) {
      b.setAttribute("aria-label", t("sourceLink"));
      b.title = t("sourceLink");
    }
  }

  render(notes: ReadonlyMap<string, NoteData>): void {
    const items = this.p.client.items;
    const seen = new Set<string>();
    for (const [id, n] of notes) {
      const src = readSource(items, id);
      if (!src) continue;
      seen.add(id);
      let b = this.links.get(id);
      if (!b) {
        b = h("button", { type: "button", class: "source-link", "data-source-of": id }, "↩");
        b.setAttribute("aria-label", t("sourceLink"));
        b.title = t("sourceLink");
        b.addEventListener("click", () => this.follow(id));
        this.el.append(b);
        this.links.set(id, b);
      }
      b.dataset.board = src.board;
      b.dataset.item = src.item;
      Object.assign(b.style, { left: `${n.x + n.w - 14}px`, top: `${n.y - 14}px` });
    }
    for (const [id, b] of this.links) {
      if (!seen.has(id)) {
        b.remove();
        this.links.delete(id);
      }
    }
  }

  private follow(id: string): void {
    const s = readSource(this.p.client.items, id);
    if (!s) return;
    wanted = s;
    if (s.board === this.hooks.board) this.rerender();
    else location.hash = sourceHash(this.hooks.token, s);
  }

  /** Shows and marks the item a source link asked for, once this board has it. */
  highlight(themes: ReadonlyMap<string, ThemeData>, notes: ReadonlyMap<string, NoteData>, frame: (id: string) => FrameTarget | null): void {
    if (!wanted || wanted.board !== this.hooks.board) return;
    const item = wanted.item;
    const note = notes.get(item);
    const f = note || !themes.has(item) ? null : frame(item);
    const el = note ? this.p.notes.element(item) : f?.el;
    if (!el) return;
    wanted = null;
    for (const old of this.p.layer.querySelectorAll(".source-highlight")) old.classList.remove("source-highlight");
    el.classList.add("source-highlight");
    const r = note ?? f!.rect;
    this.p.camera.setView(r.x + r.w / 2, r.y + r.h / 2, Math.max(this.p.camera.scale, 0.8));
    (note ? el : f!.focus).focus({ preventScroll: true });
    this.p.say(t("sourceHighlighted"));
  }
}
