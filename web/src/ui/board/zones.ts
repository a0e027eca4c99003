// Zones drawn from the template: rect zones as positioned divs, rings as SVG annuli (outermost
// first, so inner rings paint on top) with a focusable label card inside each band, plus row and
// column headers for grid and table layouts. Each zone element carries its count and limit hint.
import { h, s } from "../dom";
import { getLang, loc, t } from "../i18n";
import { isText, type RingShape, type Template, type Zone } from "../template";
import { bounds, ringLabelBox } from "./geometry";
import { limitState } from "./limits";
import { rowCheck } from "./row-check";

interface ZoneParts {
  zone: Zone;
  el: HTMLElement;
  label: HTMLElement;
  meta: HTMLElement | null;
  prompt: HTMLElement | null;
  count: HTMLElement;
  hint: HTMLElement;
  emptyText: HTMLElement;
}

const place = (el: HTMLElement, x: number, y: number, w: number, h: number) =>
  Object.assign(el.style, { left: `${x}px`, top: `${y}px`, width: `${w}px`, height: `${h}px` });

/** Meta values that are texts (season, time of day, horizon ...), in template order. */
export function metaTexts(zone: Zone): string[] {
  return Object.values(zone.meta ?? {})
    .filter(isText)
    .map((v) => loc(v));
}

export class ZoneLayer {
  readonly parts = new Map<string, ZoneParts>();
  private counts = new Map<string, number>();
  private readonly axisEls: { el: HTMLElement; label: () => string; hint: () => string; row?: string }[] = [];

  constructor(
    private readonly tpl: Template,
    host: HTMLElement,
  ) {
    const rings = tpl.zones.filter((z) => z.shape.type === "ring");
    if (rings.length) host.append(this.ringSvg(rings));
    this.axes(host);
    for (const z of tpl.zones) host.append(this.zoneEl(z));
  }

  private ringSvg(rings: Zone[]): SVGSVGElement {
    const svg = s("svg", {
      class: "rings",
      width: this.tpl.canvas.width,
      height: this.tpl.canvas.height,
      viewBox: `0 0 ${this.tpl.canvas.width} ${this.tpl.canvas.height}`,
      "aria-hidden": "true",
    });
    const sorted = [...rings].sort((a, b) => (b.shape as RingShape).outer - (a.shape as RingShape).outer);
    sorted.forEach((z, i) => {
      const r = z.shape as RingShape;
      // An annulus as one path: outer circle plus inner circle, filled even-odd.
      const circle = (rad: number) =>
        rad <= 0 ? "" : `M ${r.cx - rad} ${r.cy} a ${rad} ${rad} 0 1 0 ${2 * rad} 0 a ${rad} ${rad} 0 1 0 ${-2 * rad} 0 Z`;
      svg.append(
        s("path", {
          d: circle(r.outer) + " " + circle(r.inner),
          "fill-rule": "evenodd",
          class: `ring ring-${i}`,
          "data-ring": z.id,
        }),
      );
    });
    return svg;
  }

  private zoneEl(z: Zone): HTMLElement {
    const isRing = z.shape.type === "ring";
    const box = isRing ? ringLabelBox(z.shape as RingShape) : bounds(z.shape);
    const big = box.h >= 400 || isRing;
    const el = h("div", {
      class: `zone ${isRing ? "zone-ring" : "zone-rect"} ${big ? "zone-large" : "zone-small"}`,
      "data-zone": z.id,
      tabindex: 0,
      role: "group",
      "aria-describedby": `zone-count-${z.id} zone-hint-${z.id} zone-help`,
    });
    if (z.row) el.dataset.row = z.row;
    if (z.column) el.dataset.column = z.column;
    place(el, box.x, box.y, box.w, box.h);
    const label = h("div", { class: "zone-label" });
    const meta = metaTexts(z).length ? h("div", { class: "zone-meta" }) : null;
    const prompt = z.prompt ? h("div", { class: "zone-prompt" }) : null;
    const count = h("div", { class: "zone-count", id: `zone-count-${z.id}` });
    const hint = h("div", { class: "zone-hint", id: `zone-hint-${z.id}` });
    const emptyText = h("div", { class: "zone-empty-text", "aria-hidden": "true" });
    el.append(...[h("div", { class: "zone-head" }, label, count), meta, prompt, hint, emptyText].filter((x): x is HTMLDivElement => !!x));
    const parts: ZoneParts = { zone: z, el, label, meta, prompt, count, hint, emptyText };
    this.parts.set(z.id, parts);
    this.paintTexts(parts);
    this.paintCount(parts);
    return el;
  }

  private axes(host: HTMLElement): void {
    const axes = this.tpl.axes;
    if (!axes) return;
    const zones = this.tpl.zones.filter((z) => z.row && z.shape.type === "rect");
    const minX = Math.min(...zones.map((z) => bounds(z.shape).x));
    const minY = Math.min(...zones.map((z) => bounds(z.shape).y));
    for (const col of axes.columns) {
      const cells = zones.filter((z) => z.column === col.id).map((z) => bounds(z.shape));
      if (!cells.length) continue;
      const x = Math.min(...cells.map((c) => c.x));
      const w = Math.max(...cells.map((c) => c.x + c.w)) - x;
      const el = h("div", { class: "axis-header axis-col", "data-axis-column": col.id });
      place(el, x + 4, 8, w - 8, minY - 16);
      this.axisEls.push({ el, label: () => loc(col.label), hint: () => loc(col.hint) });
      host.append(el);
    }
    for (const row of axes.rows) {
      const cells = zones.filter((z) => z.row === row.id).map((z) => bounds(z.shape));
      if (!cells.length) continue;
      const y = Math.min(...cells.map((c) => c.y));
      const hgt = Math.max(...cells.map((c) => c.y + c.h)) - y;
      const el = h("div", { class: "axis-header axis-row", "data-axis-row": row.id });
      place(el, 8, y + 4, minX - 16, hgt - 8);
      this.axisEls.push({ el, label: () => loc(row.label), hint: () => loc(row.hint), row: row.id });
      host.append(el);
    }
    this.paintAxes();
  }

  private paintAxes(): void {
    for (const a of this.axisEls) {
      const hint = a.hint();
      const check = a.row ? rowCheck(this.tpl, a.row, this.counts, getLang()) : null;
      const checkEl = check
        ? [h("div", { class: `axis-check ${check.missing.length ? "axis-check-open" : "axis-check-done"}`, "data-row-check": a.row!,
            "data-missing": check.missing.join(" ") }, check.text)]
        : [];
      a.el.replaceChildren(h("div", { class: "axis-label" }, a.label()), ...(hint ? [h("div", { class: "axis-hint" }, hint)] : []), ...checkEl);
    }
  }

  private paintTexts(p: ZoneParts): void {
    const label = loc(p.zone.label);
    const prompt = loc(p.zone.prompt);
    p.label.textContent = label;
    if (p.meta) p.meta.textContent = metaTexts(p.zone).join(" · ");
    if (p.prompt) p.prompt.textContent = prompt;
    p.emptyText.textContent = t("empty");
    p.el.setAttribute("aria-label", prompt ? `${label}. ${prompt}` : label);
  }

  private paintCount(p: ZoneParts): void {
    const n = this.counts.get(p.zone.id) ?? 0;
    const st = limitState(p.zone.limits, n, getLang());
    const number = String(n);
    if (st.countText.startsWith(number)) p.count.replaceChildren(number, h("span", { class: "zone-count-rest" }, st.countText.slice(number.length)));
    else p.count.textContent = st.countText;
    // The hint element exists only while the zone is outside its limits.
    p.hint.textContent = st.hint ?? "";
    if (st.hint && p.hint.parentElement !== p.el) p.emptyText.before(p.hint);
    else if (!st.hint) p.hint.remove();
    p.el.dataset.count = String(n);
    p.el.dataset.limit = st.status;
    p.el.classList.toggle("zone-empty", n === 0);
    p.el.classList.toggle("zone-over", st.status === "over");
    p.el.classList.toggle("zone-under", st.status === "under");
  }

  /** Recounts from the notes' `zone` fields; repaints only zones whose count changed. */
  setCounts(counts: Map<string, number>): void {
    let changed = false;
    for (const p of this.parts.values()) {
      const before = this.counts.get(p.zone.id) ?? 0;
      const after = counts.get(p.zone.id) ?? 0;
      if (before !== after) {
        this.counts.set(p.zone.id, after);
        this.paintCount(p);
        changed = true;
      }
    }
    // A row check reads the counts of its row's cells.
    if (changed && this.tpl.rowCheck) this.paintAxes();
  }

  count(zoneId: string): number {
    return this.counts.get(zoneId) ?? 0;
  }

  relabel(): void {
    for (const p of this.parts.values()) {
      this.paintTexts(p);
      this.paintCount(p);
    }
    this.paintAxes();
  }
}
