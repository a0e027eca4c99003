// Small per-template touches, still driven by template data: frames around zones of one group
// (the 3B's "Bereiken"), a legend for a coloured enum field (the health matrix's layers) and a
// compass rose in the middle of a quadrant layout (the windroos).
import { h, s } from "../dom";
import { loc, t } from "../i18n";
import type { Text } from "../i18n";
import { colouredEnumField, isText, type Template } from "../template";
import { bounds, type Rect } from "./geometry";

const union = (rs: Rect[]): Rect => {
  const x = Math.min(...rs.map((r) => r.x));
  const y = Math.min(...rs.map((r) => r.y));
  return { x, y, w: Math.max(...rs.map((r) => r.x + r.w)) - x, h: Math.max(...rs.map((r) => r.y + r.h)) - y };
};

const place = (el: HTMLElement | SVGElement, r: Rect) =>
  Object.assign((el as HTMLElement).style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.w}px`, height: `${r.h}px` });

/** Adds the decorations to the layer and returns a function that relabels them. */
export function decorate(tpl: Template, layer: HTMLElement): () => void {
  const relabels: (() => void)[] = [];

  const groups = new Map<string, { text: Text; rects: Rect[] }>();
  for (const z of tpl.zones) {
    const g = z.meta?.group;
    if (!isText(g)) continue;
    const entry = groups.get(g.nl) ?? { text: g, rects: [] };
    entry.rects.push(bounds(z.shape));
    groups.set(g.nl, entry);
  }
  for (const g of groups.values()) {
    if (g.rects.length < 2) continue;
    const r = union(g.rects);
    const frame = h("div", { class: "zone-group", "aria-hidden": "true" });
    place(frame, { x: r.x - 8, y: r.y - 8, w: r.w + 16, h: r.h + 16 });
    layer.prepend(frame);
  }

  const field = colouredEnumField(tpl);
  if (field) {
    const [, f] = field;
    const cells = tpl.zones.map((z) => bounds(z.shape));
    const top = Math.min(...cells.map((c) => c.y));
    const left = Math.min(...cells.map((c) => c.x));
    const legend = h("div", { class: "legend", id: "legend" });
    // Tall enough for its title and every value (the change map has four phases).
    place(legend, { x: 8, y: 8, w: Math.max(200, left - 16), h: Math.max(120, top - 16, 44 + 26 * f.values!.length) });
    const paint = () => {
      legend.replaceChildren(
        h("div", { class: "legend-title" }, `${t("legend")}: ${loc(f.label)}`),
        h(
          "ul",
          {},
          ...f.values!.map((v) => {
            const sw = h("span", { class: "legend-swatch", "aria-hidden": "true" });
            sw.style.background = f.valueColors?.[v] ?? "#fff";
            return h("li", { "data-value": v }, sw, loc(f.valueLabels?.[v]) || v);
          }),
        ),
      );
    };
    paint();
    relabels.push(paint);
    layer.append(legend);
  }

  if (tpl.layout === "quadrants") layer.append(compass(tpl));
  return () => relabels.forEach((f) => f());
}

/** N/E/S/W star in the free middle between the four quadrants. */
function compass(tpl: Template): SVGSVGElement {
  const rs = tpl.zones.map((z) => bounds(z.shape));
  const all = union(rs);
  const cx = all.x + all.w / 2;
  const cy = all.y + all.h / 2;
  const r = Math.min(all.w, all.h) * 0.12;
  const svg = s("svg", {
    class: "compass",
    width: 2 * r + 40,
    height: 2 * r + 40,
    viewBox: `${-r - 20} ${-r - 20} ${2 * r + 40} ${2 * r + 40}`,
    "aria-hidden": "true",
  });
  place(svg, { x: cx - r - 20, y: cy - r - 20, w: 2 * r + 40, h: 2 * r + 40 });
  const k = r * 0.22;
  svg.append(
    s("circle", { r: r * 0.95, class: "compass-ring" }),
    s("path", { d: `M0 ${-r} L${k} 0 L0 ${r} L${-k} 0 Z`, class: "compass-needle" }),
    s("path", { d: `M${-r} 0 L0 ${k} L${r} 0 L0 ${-k} Z`, class: "compass-needle compass-needle-2" }),
  );
  return svg;
}
