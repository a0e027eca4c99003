import { describe, expect, it } from "vitest";
import { fitSize, lineCount, measureWords, MIN_SCREEN_PX, NOTE_LINE_HEIGHT } from "../../src/ui/board/note-fit";

// A monospaced fake: every character is 0.6 em wide, a space too.
const words = (text: string) => measureWords(text, (s) => s.length * 60);

describe("note text fit (issue 15: whole words at fit)", () => {
  it("counts lines as the browser wraps: greedy, a line break starts a paragraph, an overlong word takes several", () => {
    // At 10 px a character is 6 px; a 60 px line holds 10.
    expect(lineCount(words("Meer erkenning"), 10, 60)).toBe(2);
    expect(lineCount(words("op de hei"), 10, 60)).toBe(1);
    expect(lineCount(words("a\nb"), 10, 60)).toBe(2);
    expect(lineCount(words("timemanagement"), 10, 60)).toBe(2);
  });

  it("measures the parts of a hyphenated word apart: a line may break after the hyphen", () => {
    const seen: string[] = [];
    measureWords("Stoppen met ad-hoc vragen", (s) => (seen.push(s), s.length));
    expect(seen).toEqual(["Stoppen", "met", "ad-", "hoc", "vragen", " "]);
  });

  it("keeps the CSS size when every word fits", () => {
    // At 32 px a character is 19.2 px: "Trots", "op ons", "team" on three lines of 40 px.
    expect(fitSize(words("Trots op ons team"), 150, 130, 32, 0.38)).toBe(32);
  });

  it("shrinks so a word that fits at the floor is whole, never below the floor", () => {
    const scale = 0.38;
    const css = 12 / scale; // 12 screen px
    // "Werkdruk" (8 characters) needs 8 × 0.6 × size ≤ 0.97 × 140.
    const size = fitSize(words("Werkdruk piekt"), 140, 90, css, scale);
    expect(size).toBeLessThan(css);
    expect(8 * 0.6 * size).toBeLessThanOrEqual(140 * 0.97 + 1e-9);
    expect(size * scale).toBeGreaterThanOrEqual(MIN_SCREEN_PX - 1e-9);
  });

  it("keeps the CSS size for a word too long even at the floor (it breaks; shrinking would not help)", () => {
    const scale = 0.38;
    const css = 12 / scale;
    expect(fitSize(words("timemanagement"), 140, 90, css, scale)).toBe(css);
  });

  it("shrinks, down to the floor, when that lets the whole text fit before it would end in an ellipsis", () => {
    const scale = 1;
    const css = 17;
    const text = words("een twee drie vier vijf zes zeven acht");
    // At 17 px: 10.2 px a character; 160 px wide holds 15 → 3 lines of 21 px > 50 px high.
    const size = fitSize(text, 160, 50, css, scale);
    expect(size).toBeLessThan(css);
    expect(lineCount(text, size, 160 * 0.97) * size * NOTE_LINE_HEIGHT).toBeLessThanOrEqual(50);
    // A text that cannot fit even at the floor keeps the larger size (and shows "…").
    const long = words("een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien");
    expect(fitSize(long, 160, 50, css, scale)).toBe(css);
  });

  it("zoomed in, the text never shrinks below 60 % of its CSS size", () => {
    // The floor is 10.2 px (not 10 / 3): "timemanagement" needs 9.2 px in 80 px, so it breaks at the CSS size.
    expect(fitSize(words("timemanagement"), 80, 300, 17, 3)).toBe(17);
    // In 100 px it is whole at about 11.5 px.
    const size = fitSize(words("timemanagement"), 100, 300, 17, 3);
    expect(size).toBeGreaterThanOrEqual(17 * 0.6);
    expect(14 * 0.6 * size).toBeLessThanOrEqual(100 * 0.97 + 1e-9);
  });
});
