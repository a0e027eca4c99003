import { describe, expect, it } from "vitest";
import { limitState, refusesMore } from "../../src/ui/board/limits";
import { templates, zone } from "./templates";

const north = zone(templates.windroos, "north");
const cell = zone(templates.priority, "action-1.title");
const panel = zone(templates.priority, "policy-reflection");

describe("limit hints", () => {
  it("asks for more insights below the windroos minimum (3 to 5)", () => {
    expect(limitState(north.limits, 1, "nl")).toMatchObject({ status: "under", hint: "Nog 2 inzichten nodig (3 tot 5)" });
    expect(limitState(north.limits, 0, "en").hint).toBe("3 more insights needed (3 to 5)");
  });

  it("shows no hint within the limits", () => {
    for (const n of [3, 4, 5]) expect(limitState(north.limits, n, "nl")).toMatchObject({ status: "ok", hint: null });
  });

  it("warns above the maximum", () => {
    expect(limitState(north.limits, 6, "nl")).toMatchObject({ status: "over", hint: "Te veel: hoogstens 5 inzichten" });
    expect(limitState(panel.limits, 6, "en").hint).toBe("Too many: at most 5 keywords");
    expect(limitState(cell.limits, 2, "nl").hint).toBe("Te veel: hoogstens 1 notitie");
  });

  it("counts with the limit in view", () => {
    expect(limitState(north.limits, 2, "nl").countText).toBe("2 (3 tot 5)");
    expect(limitState(cell.limits, 1, "en").countText).toBe("1 of at most 1");
    expect(limitState(undefined, 1, "nl").countText).toBe("1 notitie");
    expect(limitState(undefined, 4, "en").countText).toBe("4 notes");
  });

  it("refuses a second note in a full table cell only", () => {
    expect(refusesMore(cell.limits, true, 0)).toBe(false);
    expect(refusesMore(cell.limits, true, 1)).toBe(true);
    expect(refusesMore(panel.limits, false, 5)).toBe(false); // side panels warn instead
    expect(refusesMore(north.limits, false, 9)).toBe(false);
  });
});
