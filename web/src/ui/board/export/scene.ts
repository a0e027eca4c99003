// A board as a picture, for the SVG and PNG exports and for printing (EX-1): the zones with their
// labels and the notes this person sees, with their text. Built from what the page shows, so other
// people's private notes and, on an anonymous board (FA-11), authors are never in it. Pure.
import type { Template, Zone } from "../../template";
import type { Rect } from "../geometry";

export interface SceneZone {
  id: string;
  label: string;
  shape: Zone["shape"];
}

export interface SceneNote {
  id: string;
  text: string;
  author: string;
  fill: string;
  ink: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Scene {
  title: string;
  /** The part of the board the picture shows (the whole canvas, or around a selection). */
  view: Rect;
  zones: SceneZone[];
  notes: SceneNote[];
}

const SELECTION_MARGIN = 24;

const bounds = (s: Zone["shape"]): Rect =>
  s.type === "rect" ? { x: s.x, y: s.y, w: s.w, h: s.h } : { x: s.cx - s.outer, y: s.cy - s.outer, w: 2 * s.outer, h: 2 * s.outer };

const meets = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The scene of a board: every note in `notes` (already in stacking order), or only those in
 * `only` with the view around them and the zones they touch. `label` gives a zone's label in the
 * page's language.
 */
export function boardScene(tpl: Template, title: string, notes: readonly SceneNote[], label: (z: Zone) => string, only?: ReadonlySet<string>): Scene {
  const shown = only ? notes.filter((n) => only.has(n.id)) : [...notes];
  let view: Rect = { x: 0, y: 0, w: tpl.canvas.width, h: tpl.canvas.height };
  if (only && shown.length) {
    const x = Math.min(...shown.map((n) => n.x)) - SELECTION_MARGIN;
    const y = Math.min(...shown.map((n) => n.y)) - SELECTION_MARGIN;
    const right = Math.max(...shown.map((n) => n.x + n.w)) + SELECTION_MARGIN;
    const bottom = Math.max(...shown.map((n) => n.y + n.h)) + SELECTION_MARGIN;
    view = { x, y, w: right - x, h: bottom - y };
  }
  const zones = tpl.zones.filter((z) => meets(bounds(z.shape), view)).map((z) => ({ id: z.id, label: label(z), shape: z.shape }));
  return { title, view, zones, notes: shown };
}

/**
 * Lines of a text that fit a width, by words (a word longer than a line is cut), at most
 * `maxLines`; the last line ends with "…" when text is left over. Widths are estimated from the
 * font size (an average sans-serif glyph is about 0.55 em), since there is no font to measure.
 */
export function wrapText(text: string, width: number, fontSize: number, maxLines: number): string[] {
  const perLine = Math.max(1, Math.floor(width / (fontSize * 0.55)));
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      let w = word;
      while ([...w].length > perLine) {
        if (line) lines.push(line);
        line = "";
        lines.push([...w].slice(0, perLine).join(""));
        w = [...w].slice(perLine).join("");
      }
      const next = line ? `${line} ${w}` : w;
      if ([...next].length > perLine) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length <= maxLines) return lines;
  const cut = lines.slice(0, Math.max(1, maxLines));
  const last = [...cut[cut.length - 1]!];
  cut[cut.length - 1] = last.slice(0, Math.max(0, Math.min(last.length, perLine - 1))).join("").trimEnd() + "…";
  return cut;
}
