// The change map's arrows on the board (IT-6): one SVG under the notes, a line with a head per drawn
// arrow (`[data-arrow][data-from][data-to]`), and the same arrows as a list for screen readers.
// Drawing and removing go through the note's menu (context.ts): "Arrow to…" lists the cards of the
// next column, "Remove an arrow…" this card's arrows. The rule of what is drawn is arrows.ts.
import { h, s } from "../dom";
import { t } from "../i18n";
import { arrowChanges, arrowLine, arrowOrder, arrowTargets, drawnArrows, type Arrow } from "./arrows";
import { truncate, type NoteData } from "./model";
import type { BoardParts } from "./parts";

type ArrowParts = Pick<BoardParts, "tpl" | "client" | "say">;

const HEAD = "arrow-head";

export class ArrowLayer {
  private readonly order: readonly string[];
  private readonly svg: SVGSVGElement | null = null;
  private readonly list: HTMLElement | null = null;
  private drawn: Arrow[] = [];

  constructor(private readonly p: ArrowParts, layer: HTMLElement) {
    this.order = arrowOrder(p.tpl);
    if (this.order.length < 2) return;
    const { width, height } = p.tpl.canvas;
    this.svg = s("svg", { class: "arrows", width, height, viewBox: `0 0 ${width} ${height}`, "aria-hidden": "true" });
    const marker = s("marker", { id: HEAD, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.append(s("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow-tip" }));
    const defs = s("defs");
    defs.append(marker);
    this.svg.append(defs);
    this.list = h("ul", { class: "visually-hidden arrow-list" });
    layer.append(this.svg, this.list);
  }

  get enabled(): boolean {
    return this.svg !== null;
  }

  /** Redraws every arrow from the items and the notes as the board holds them. */
  render(note: (id: string) => NoteData | undefined): void {
    if (!this.svg || !this.list) return;
    this.drawn = drawnArrows(this.p.client.items, this.order);
    const lines: SVGElement[] = [];
    const entries: HTMLElement[] = [];
    for (const a of this.drawn) {
      const from = note(a.from);
      const to = note(a.to);
      if (!from || !to) continue;
      const [x1, y1, x2, y2] = arrowLine(from, to);
      const mid = (x1 + x2) / 2;
      lines.push(
        s("path", {
          class: "arrow",
          d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`,
          "marker-end": `url(#${HEAD})`,
          "data-arrow": a.id,
          "data-from": a.from,
          "data-to": a.to,
        }),
      );
      entries.push(h("li", {}, t("arrowFromTo", { from: truncate(from.text, 60), to: truncate(to.text, 60) })));
    }
    this.svg.replaceChildren(this.svg.firstChild!, ...lines);
    this.list.setAttribute("aria-label", t("arrowsLabel"));
    this.list.replaceChildren(...entries);
  }

  /** The cards an arrow from `from` may point to, for the menu. */
  targets(from: NoteData, notes: Iterable<NoteData>): NoteData[] {
    return arrowTargets(from, notes, this.drawn, this.order);
  }

  /** This card's drawn arrows, for the menu. */
  outgoing(from: string): Arrow[] {
    return this.drawn.filter((a) => a.from === from);
  }

  draw(from: string, to: NoteData): void {
    this.p.client.change(arrowChanges(from, to.id), { undoable: true });
    this.p.say(t("arrowDrawn", { text: truncate(to.text, 40) }));
  }

  remove(a: Arrow, to: NoteData | undefined): void {
    this.p.client.change([{ item: a.id, field: "deleted", value: true }], { undoable: true });
    this.p.say(t("arrowRemoved", { text: truncate(to?.text ?? "", 40) }));
  }
}
