// The Positive Health spider web (IT-8): in the template's zone an SVG web with this person's own
// marks (`polygon.own-web`) and, once k people took part, the team's medians (`polygon.team-web`);
// under it a select per dimension (`select[data-own-value=<dim>]`) with the team's median beside it
// (`[data-team-median=<dim>]`) and `#team-web-status`. Own marks come from the items (the node sends
// a person only their own); the medians from GET /api/boards/{id}/team-values, polled.
import type { TeamValues } from "../api";
import { h, s } from "../dom";
import { loc, t } from "../i18n";
import type { RectShape } from "../template";
import { ownSelect, TeamPoll } from "./own-controls";
import { myValue, webPoint, webPolygon, type OwnSpec } from "./own-values";
import type { BoardParts } from "./parts";

type SpiderParts = Pick<BoardParts, "tpl" | "client" | "say">;

const CONTROLS_H = 390;

export class SpiderLayer {
  private readonly spec: OwnSpec | null;
  private readonly selects = new Map<string, HTMLSelectElement>();
  private readonly medians = new Map<string, HTMLElement>();
  private own: SVGPolygonElement | null = null;
  private team: SVGPolygonElement | null = null;
  private status: HTMLElement | null = null;
  private readonly title = h("p", { id: "own-values-title", class: "own-values-title" });
  private readonly legendOwn = h("span", { class: "legend-own" });
  private readonly legendTeam = h("span", { class: "legend-team" });
  private geometry = { cx: 0, cy: 0, r: 0 };
  private poll: TeamPoll | null = null;

  constructor(private readonly p: SpiderParts, layer: HTMLElement, private readonly o: { token: string; board: string; readonly: () => boolean }) {
    this.spec = p.tpl.ownValues && p.tpl.ownValues.show !== "scale" ? p.tpl.ownValues : null;
    const zone = this.spec && p.tpl.zones.find((z) => z.id === this.spec!.zone);
    if (!this.spec || !zone || zone.shape.type !== "rect") return;
    this.build(layer, zone.shape);
    this.poll = new TeamPoll(o, (tv) => this.showTeam(tv), () => this.unavailable());
  }

  private build(layer: HTMLElement, z: RectShape): void {
    const spec = this.spec!;
    const { width, height } = this.p.tpl.canvas;
    const cx = z.x + z.w / 2;
    // Clear of the zone's label and prompt above and of the marks below, with room for the axis labels.
    const r = Math.min(z.w, z.h - CONTROLS_H) / 2 - 110;
    const cy = z.y + 150 + r;
    this.geometry = { cx, cy, r };
    const svg = s("svg", { class: "spider", width, height, viewBox: `0 0 ${width} ${height}`, "aria-hidden": "true" });
    const n = spec.dimensions.length;
    for (let ring = 2; ring <= 10; ring += 2) {
      svg.append(s("polygon", { class: "spider-ring", points: webPolygon(cx, cy, r, Array(n).fill((ring / 10) * spec.max), spec.max) }));
    }
    spec.dimensions.forEach((d, i) => {
      const [x, y] = webPoint(cx, cy, r, i, n, spec.max, spec.max);
      svg.append(s("line", { class: "spider-axis", x1: cx, y1: cy, x2: x, y2: y }));
      const [lx, ly] = webPoint(cx, cy, r + 46, i, n, spec.max, spec.max);
      const label = s("text", { class: "spider-label", x: lx, y: ly, "text-anchor": "middle", "dominant-baseline": "middle", "data-dimension": d.id });
      svg.append(label);
    });
    this.team = s("polygon", { class: "team-web", points: "" });
    this.own = s("polygon", { class: "own-web", points: webPolygon(cx, cy, r, Array(n).fill(0), spec.max) });
    svg.append(this.team, this.own);

    const rows = spec.dimensions.map((d) => {
      const select = ownSelect(this.p, spec, d.id, () => this.poll?.soon());
      this.selects.set(d.id, select);
      const median = h("span", { class: "team-median", "data-team-median": d.id });
      this.medians.set(d.id, median);
      return h("div", { class: "own-row" }, h("label", { for: select.id, "data-own-label": d.id }), select, median);
    });
    this.status = h("p", { id: "team-web-status", class: "team-web-status", role: "status" });
    const legend = h("p", { class: "spider-legend", "aria-hidden": "true" }, this.legendOwn, this.legendTeam);
    const controls = h("div", { class: "own-values", role: "group", "aria-labelledby": "own-values-title" }, this.title, ...rows, this.status, legend);
    Object.assign(controls.style, { left: `${z.x + 20}px`, top: `${z.y + z.h - CONTROLS_H}px`, width: `${z.w - 40}px` });
    layer.append(svg, controls);
    this.relabel();
  }

  relabel(): void {
    const spec = this.spec;
    if (!spec || !this.own) return;
    for (const d of spec.dimensions) {
      const label = this.own.ownerSVGElement?.querySelector(`text[data-dimension="${d.id}"]`);
      if (label) label.textContent = loc(d.label);
      const l = this.selects.get(d.id)?.parentElement?.querySelector("label");
      if (l) l.textContent = t("ownValue", { dimension: loc(d.label) });
    }
    this.title.textContent = t("ownValuesLabel");
    this.legendOwn.textContent = t("ownLegend");
    this.legendTeam.textContent = t("teamLegend");
  }

  /** My marks from the items: the selects and my polygon. */
  render(): void {
    const spec = this.spec;
    if (!spec || !this.own) return;
    const values = spec.dimensions.map((d) => myValue(this.p.client.items, spec, d.id, this.p.client.replica));
    spec.dimensions.forEach((d, i) => {
      const select = this.selects.get(d.id)!;
      const value = values[i] === null ? "" : String(values[i]);
      if (select.value !== value && document.activeElement !== select) select.value = value;
      select.disabled = this.o.readonly();
    });
    const { cx, cy, r } = this.geometry;
    this.own.setAttribute("points", webPolygon(cx, cy, r, values, spec.max));
    this.own.classList.toggle("empty", values.every((v) => v === null));
  }

  private unavailable(): void {
    if (this.status && this.status.textContent !== t("teamUnavailable")) this.status.textContent = t("teamUnavailable");
  }

  private showTeam(tv: TeamValues): void {
    const spec = this.spec!;
    const medians = spec.dimensions.map((d) => tv.dimensions[d.id]?.median ?? null);
    for (const d of spec.dimensions) {
      const m = tv.dimensions[d.id]?.median ?? null;
      const el = this.medians.get(d.id)!;
      el.textContent = m === null ? t("teamMedianHidden") : t("teamMedian", { median: String(m).replace(".", ",") });
      if (m === null) delete el.dataset.median;
      else el.dataset.median = String(m);
    }
    const shown = medians.every((m) => m !== null);
    const { cx, cy, r } = this.geometry;
    this.team!.setAttribute("points", shown ? webPolygon(cx, cy, r, medians, spec.max) : "");
    this.team!.toggleAttribute("data-shown", shown);
    const waiting = medians.some((m) => m === null);
    const said = waiting ? t("teamWaiting", { k: tv.k, people: tv.people }) : t("teamShown", { people: tv.people });
    // A live region: only a change is announced, not every poll.
    if (this.status!.textContent !== said) this.status!.textContent = said;
    this.status!.dataset.people = String(tv.people);
  }

  destroy(): void {
    this.poll?.stop();
  }
}
