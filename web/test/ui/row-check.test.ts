import { describe, expect, it } from "vitest";
import { rowCheck } from "../../src/ui/board/row-check";
import { templates } from "./templates";

describe("row check: a goal's SMART check (issue 20)", () => {
  it("names the SMART parts still empty in that row, in the template's order, in both languages", () => {
    const counts = new Map([["short.goal", 1], ["short.specific", 2], ["short.measurable", 1], ["long.realistic", 1]]);
    const short = rowCheck(templates.smart, "short", counts, "nl")!;
    expect(short.met).toEqual(["specific", "measurable"]);
    expect(short.missing).toEqual(["acceptable", "realistic", "time-bound"]);
    expect(short.text).toBe("SMART-toets: 2 van 5 · ontbreekt nog: Aanvaardbaar, Realistisch, Tijdsgebonden");
    expect(rowCheck(templates.smart, "long", counts, "en")!.text).toBe(
      "SMART check: 1 of 5 · still missing: Specific, Measurable, Acceptable, Time-bound");
  });

  it("is in order once every part holds a note; the goal itself is not one of the five", () => {
    const all = new Map(["specific", "measurable", "acceptable", "realistic", "time-bound"].map((c) => [`long.${c}`, 1]));
    expect(rowCheck(templates.smart, "long", all, "nl")).toMatchObject({ missing: [], text: "SMART-toets: in orde" });
    expect(rowCheck(templates.smart, "short", all, "nl")!.missing).toHaveLength(5);
  });

  it("is absent on a template without a row check", () => {
    expect(rowCheck(templates.health, "employee", new Map(), "nl")).toBeNull();
  });
});
