// IT-8: the spider web's own marks (latest over a person's tabs) and its geometry, on the real template.
import { describe, expect, it } from "vitest";
import type { Stamp } from "../../src/sync/api";
import { myValue, ownChange, webPoint, webPolygon } from "../../src/ui/board/own-values";
import type { Template } from "../../src/ui/template";
import web from "../../../templates-library/templates/positive-health-web.json";
import { itemsView, type Data } from "./board-items";

const spec = (web as unknown as Template).ownValues!;
const ANNA = "aaaaaaaaaaaaaaaaaaaaaaaa";

describe("own values (IT-8)", () => {
  it("has the six topics of the spider web, 0 to 10", () => {
    expect(spec.dimensions.map((d) => d.id)).toEqual(["physical", "mental", "meaning", "quality", "participation", "daily"]);
    expect([spec.min, spec.max]).toEqual([0, 10]);
  });

  it("reads my latest mark over my tabs; null or out of range is none", () => {
    const f1 = `own_physical:${ANNA}_Tab1`, f2 = `own_physical:${ANNA}_Tab2`;
    const data: Data = { web: { [f1]: 4, [f2]: 8, [`own_mental:${ANNA}_Tab1`]: null, [`own_daily:${ANNA}_Tab1`]: 11 } };
    const stamps: Record<string, Record<string, Stamp>> = { web: { [f1]: [200, 0, `${ANNA}_Tab1`], [f2]: [100, 0, `${ANNA}_Tab2`] } };
    const items = itemsView(data, stamps);
    expect(myValue(items, spec, "physical", `${ANNA}_Tab2`)).toBe(4);
    expect(myValue(items, spec, "mental", `${ANNA}_Tab1`)).toBeNull();
    expect(myValue(items, spec, "daily", `${ANNA}_Tab1`)).toBeNull();
    expect(myValue(items, spec, "physical", "bbbbbbbbbbbbbbbbbbbbbbbb_Tab1")).toBeNull();
  });

  it("writes this tab's own field on the web item", () => {
    expect(ownChange(spec, "meaning", `${ANNA}_Tab1`, 6)).toEqual({ item: "web", field: `own_meaning:${ANNA}_Tab1`, value: 6 });
  });

  it("puts the first axis up and goes round clockwise", () => {
    expect(webPoint(100, 100, 50, 0, 4, 10, 10)).toEqual([100, 50]);
    expect(webPoint(100, 100, 50, 1, 4, 10, 10)).toEqual([150, 100]);
    expect(webPoint(100, 100, 50, 2, 4, 5, 10)).toEqual([100, 125]);
    expect(webPolygon(0, 0, 10, [10, null, 10, 0], 10)).toBe("0,-10 0,0 0,10 0,0");
  });
});
