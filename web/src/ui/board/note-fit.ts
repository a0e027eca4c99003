// The size of a note's text at the board's zoom (issue 15, "note text stays legible at fit"): as
// large as the CSS size allows, and smaller, down to a readable floor, where that keeps a word
// whole or lets the whole text fit before it ends in "…". A word is only broken (CSS
// overflow-wrap) when it is wider than the note even at the floor. Pure: widths come from a
// measure function (a canvas in the page, a fake in tests).

/** The text's line height, as a multiple of its size (board.css `.note-text`). */
export const NOTE_LINE_HEIGHT = 1.25;
/** The smallest note text on screen, in CSS px, that the fit may choose. */
export const MIN_SCREEN_PX = 10;
/** The fit never shrinks text below this share of its CSS size (zoomed in, text stays in proportion). */
export const MIN_SHARE = 0.6;
/** Canvas and layout round differently: a word must fit with this much to spare. */
const SPARE = 0.97;

/** A note's words measured at 100 px: each paragraph's word widths (a line break starts one) and a space's. */
export interface Words {
  paragraphs: number[][];
  space: number;
}

export function measureWords(text: string, measure100: (s: string) => number): Words {
  // A line may also break after a hyphen ("ad-|hoc"): the parts are measured as words.
  const paragraphs = text.split("\n").map((p) => (p.match(/[^\s-]+-?|-/g) ?? []).map((w) => measure100(w)));
  return { paragraphs, space: measure100(" ") };
}

/** Lines the words take at `size` in a box `width` wide (greedy, as the browser wraps; overlong words break). */
export function lineCount(words: Words, size: number, width: number): number {
  let lines = 0;
  for (const p of words.paragraphs) lines += paragraphLines(p, words.space, size, width);
  return lines;
}

function paragraphLines(widths: number[], space: number, size: number, width: number): number {
  const k = size / 100;
  let lines = 0;
  let used = Infinity;
  for (const w100 of widths) {
    const w = w100 * k;
    if (used !== Infinity && used + space * k + w <= width) {
      used += space * k + w;
      continue;
    }
    if (w <= width) {
      lines++;
      used = w;
    } else {
      const parts = Math.ceil(w / width);
      lines += parts;
      used = w - (parts - 1) * width;
    }
  }
  return Math.max(1, lines);
}

/**
 * The text size, in board px, for a note whose text box is `width` × `height` board px when the
 * CSS size is `cssSize` board px and the board is drawn at `scale`. Every word that can be whole
 * at the floor is whole; then, if a smaller size down to the floor lets the whole text fit, that
 * size, else the largest size that keeps the words whole (the text ends in "…").
 */
export function fitSize(words: Words, width: number, height: number, cssSize: number, scale: number): number {
  const all = words.paragraphs.flat();
  if (all.length === 0 || width <= 0 || height <= 0) return cssSize;
  const floor = Math.min(cssSize, Math.max(MIN_SCREEN_PX / scale, cssSize * MIN_SHARE));
  const room = width * SPARE;
  let size = cssSize;
  for (const w100 of all) {
    const whole = (room * 100) / w100; // the largest size at which this word is whole
    if (whole >= floor && whole < size) size = whole;
  }
  const fits = (s: number) => lineCount(words, s, room) * s * NOTE_LINE_HEIGHT <= height;
  if (fits(size)) return size;
  for (let s = size * 0.95; s >= floor; s *= 0.95) if (fits(s)) return s;
  return fits(floor) ? floor : size;
}
