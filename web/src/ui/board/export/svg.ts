// A scene as SVG text (EX-1): vector zones, labels and notes, every note's text as text (wrapped
// into lines, the whole text also in the note's <title>), so it can be searched, read aloud and
// scaled without loss. Pure: no DOM, the same output in tests and in the page.
import type { Scene } from "./scene";
import { wrapText } from "./scene";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const RINGS = ["#eef3f6", "#e1efe8", "#cfe7da"];
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export function sceneToSvg(s: Scene): string {
  const v = s.view;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${v.x} ${v.y} ${v.w} ${v.h}" width="${Math.round(v.w)}" height="${Math.round(v.h)}" font-family="${esc(FONT)}">`,
    `<title>${esc(s.title)}</title>`,
    `<rect x="${v.x}" y="${v.y}" width="${v.w}" height="${v.h}" fill="#fbfcfb"/>`,
  ];
  const rings = s.zones.filter((z) => z.shape.type === "ring").sort((a, b) => outer(b) - outer(a));
  rings.forEach((z, i) => {
    if (z.shape.type !== "ring") return;
    const { cx, cy, inner: r0, outer: r1 } = z.shape;
    const circle = (r: number) => (r <= 0 ? "" : `M ${cx - r} ${cy} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`);
    out.push(`<path d="${circle(r1)} ${circle(r0)}" fill-rule="evenodd" fill="${RINGS[Math.min(i, RINGS.length - 1)]}" stroke="#7fa596" stroke-width="3"/>`);
    const top = r0 === 0 ? cy - r1 * 0.55 : cy - r1 + (r1 - r0) * 0.45;
    out.push(`<text x="${cx}" y="${top}" font-size="26" font-weight="700" text-anchor="middle" fill="#1d2327">${esc(z.label)}</text>`);
  });
  for (const z of s.zones) {
    if (z.shape.type !== "rect") continue;
    const { x, y, w, h } = z.shape;
    const size = h >= 400 ? 26 : 15;
    out.push(`<g data-zone="${esc(z.id)}"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8" fill="#ffffff" stroke="#b7c4bf" stroke-width="2"/>`);
    out.push(`<text x="${x + 12}" y="${y + 12 + size}" font-size="${size}" font-weight="700" fill="#1d2327">${esc(z.label)}</text></g>`);
  }
  for (const n of s.notes) {
    const size = 17;
    const lines = wrapText(n.text, n.w - 24, size, Math.max(1, Math.floor((n.h - 16 - (n.author ? 16 : 0)) / (size * 1.3))));
    out.push(`<g class="note" data-item="${esc(n.id)}"><title>${esc(n.text)}</title>`);
    out.push(`<rect x="${n.x}" y="${n.y}" width="${n.w}" height="${n.h}" rx="4" fill="${esc(n.fill)}" stroke="rgba(0,0,0,0.18)"/>`);
    out.push(`<text x="${n.x + 12}" y="${n.y + 10 + size}" font-size="${size}" fill="${esc(n.ink)}">`);
    lines.forEach((line, i) => out.push(`<tspan x="${n.x + 12}" dy="${i === 0 ? 0 : size * 1.3}">${esc(line)}</tspan>`));
    out.push(`</text>`);
    if (n.author) out.push(`<text x="${n.x + n.w - 10}" y="${n.y + n.h - 8}" font-size="12" text-anchor="end" fill="${esc(n.ink)}">${esc(n.author)}</text>`);
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join("\n");
}

const outer = (z: Scene["zones"][number]) => (z.shape.type === "ring" ? z.shape.outer : 0);
