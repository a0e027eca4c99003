// Note colours and text contrast. The palette is light so dark text stays above 4.5:1 (WCAG AA);
// colours written by other clients may be anything, so the text colour is picked per note.

export interface PaletteEntry {
  key: "yellow" | "green" | "blue" | "pink" | "orange";
  color: string;
}

export const PALETTE: readonly PaletteEntry[] = [
  { key: "yellow", color: "#fff3a8" },
  { key: "green", color: "#c8ecd4" },
  { key: "blue", color: "#cfe4fb" },
  { key: "pink", color: "#f9d1e1" },
  { key: "orange", color: "#ffdcb5" },
];

export const DEFAULT_NOTE_COLOR = PALETTE[0]!.color;
export const DARK_TEXT = "#1d2327";
export const LIGHT_TEXT = "#ffffff";

/** Parses #rgb, #rgba, #rrggbb, #rrggbbaa and rgb()/rgba(); null for anything else. */
export function parseColor(input: string): [number, number, number] | null {
  const s = input.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,4})$/.exec(s);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1]![i]! + m![1]![i]!, 16)) as [number, number, number];
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(s);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1]!.slice(i, i + 2), 16)) as [number, number, number];
  m = /^rgba?\(\s*(\d+)[ ,]+(\d+)[ ,]+(\d+)/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return null;
}

export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Dark text unless white contrasts better (a dark note colour set by someone). */
export function textColorFor(background: [number, number, number] | null): string {
  if (!background) return DARK_TEXT;
  const dark = contrastRatio(background, parseColor(DARK_TEXT)!);
  const light = contrastRatio(background, [255, 255, 255]);
  return dark >= light ? DARK_TEXT : LIGHT_TEXT;
}

let probe: HTMLElement | null = null;

/** Resolves any CSS colour (names too) through the browser; the result is cached by the caller. */
export function resolveColor(css: string): [number, number, number] | null {
  const direct = parseColor(css);
  if (direct || typeof document === "undefined") return direct;
  probe ??= Object.assign(document.createElement("span"), { hidden: true });
  if (!probe.isConnected) document.body.append(probe);
  probe.style.color = "";
  probe.style.color = css;
  if (!probe.style.color) return null;
  return parseColor(getComputedStyle(probe).color);
}

/** Hue for a peer's cursor, stable per replica id. */
export function peerHue(replica: string): number {
  let h = 0;
  for (let i = 0; i < replica.length; i++) h = (h * 31 + replica.charCodeAt(i)) >>> 0;
  return h % 360;
}
