import { describe, expect, it } from "vitest";
import { contrastRatio, DARK_TEXT, PALETTE, parseColor, textColorFor } from "../../src/ui/colors";
import { templates } from "./templates";

describe("note colours", () => {
  it("parses hex and rgb colours", () => {
    expect(parseColor("#fff")).toEqual([255, 255, 255]);
    expect(parseColor("#0b6e4f")).toEqual([11, 110, 79]);
    expect(parseColor("#0b6e4f80")).toEqual([11, 110, 79]);
    expect(parseColor("rgb(1, 2, 3)")).toEqual([1, 2, 3]);
    expect(parseColor("papayawhip")).toBeNull();
  });

  it("keeps note text at 4.5:1 or more on every palette and layer colour", () => {
    const layer = templates.health.itemFields.layer!.valueColors!;
    for (const bg of [...PALETTE.map((p) => p.color), ...Object.values(layer)]) {
      const rgb = parseColor(bg)!;
      expect(textColorFor(rgb)).toBe(DARK_TEXT);
      expect(contrastRatio(rgb, parseColor(DARK_TEXT)!), bg).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("switches to white text on a dark note", () => {
    expect(textColorFor([20, 20, 80])).toBe("#ffffff");
  });
});
