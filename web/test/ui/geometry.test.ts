import { describe, expect, it } from "vitest";
import {
  centre, clampToCanvas, fitScale, freeSpot, inShape, noteSize, overlaps, ringLabelBox, zoneAt, zoomAround,
} from "../../src/ui/board/geometry";
import type { RingShape } from "../../src/ui/template";
import { templates, zone } from "./templates";

const { circle, health, priority, threeB, windroos } = templates;

describe("zone hit-testing", () => {
  it("finds rect zones, edges included, and nothing outside", () => {
    expect(zoneAt(threeB.zones, 300, 500)?.id).toBe("keep");
    expect(zoneAt(threeB.zones, 20, 20)?.id).toBe("keep");
    expect(zoneAt(threeB.zones, 1500, 300)?.id).toBe("achieve-short");
    expect(zoneAt(threeB.zones, 1500, 700)?.id).toBe("achieve-long");
    expect(zoneAt(threeB.zones, 600, 500)).toBeNull(); // the gap between keep and drop
  });

  it("maps a point of the health matrix to its row × column cell", () => {
    const z = zoneAt(health.zones, 1200, 500);
    expect(z?.id).toBe("team.rules");
    expect([z?.row, z?.column]).toEqual(["team", "rules"]);
  });

  it("picks the innermost ring containing a point", () => {
    expect(zoneAt(circle.zones, 800, 800)?.id).toBe("changeable");
    expect(zoneAt(circle.zones, 800 + 299, 800)?.id).toBe("changeable");
    expect(zoneAt(circle.zones, 800 + 300, 800)?.id).toBe("changeable"); // shared border: inner wins
    expect(zoneAt(circle.zones, 800, 800 - 400)?.id).toBe("partly-changeable");
    expect(zoneAt(circle.zones, 800 + 600, 800)?.id).toBe("unchangeable");
    expect(zoneAt(circle.zones, 10, 10)).toBeNull(); // a canvas corner is outside every ring
  });

  it("tests ring membership by distance from the centre", () => {
    const ring: RingShape = { type: "ring", cx: 0, cy: 0, inner: 10, outer: 20 };
    expect(inShape(ring, 0, 5)).toBe(false);
    expect(inShape(ring, 0, 15)).toBe(true);
    expect(inShape(ring, 15, 15)).toBe(false); // ~21.2 from the centre
  });

  it("tells the side panels of the priority table apart from its cells", () => {
    expect(zoneAt(priority.zones, 2300, 400)?.id).toBe("policy-reflection");
    expect(zoneAt(priority.zones, 400, 270)?.id).toBe("action-1.title");
  });
});

describe("placing notes", () => {
  it("puts a new note inside the zone, below its header, not on other notes", () => {
    const north = zone(windroos, "north");
    const a = freeSpot(north, 160, 100, []);
    const [ax, ay] = centre(a);
    expect(zoneAt(windroos.zones, ax, ay)?.id).toBe("north");
    const b = freeSpot(north, 160, 100, [a]);
    expect(overlaps(a, b)).toBe(false);
    expect(zoneAt(windroos.zones, ...centre(b))?.id).toBe("north");
  });

  it("fills a zone, then still returns a spot inside it", () => {
    const cell = zone(priority, "action-2.driver");
    const size = noteSize(priority, cell, "note");
    const taken = [freeSpot(cell, size.w, size.h, [])];
    const again = freeSpot(cell, size.w, size.h, taken);
    expect(zoneAt(priority.zones, ...centre(again))?.id).toBe("action-2.driver");
  });

  it("places notes fully inside their ring band and off the label card", () => {
    for (const z of circle.zones) {
      const r = freeSpot(z, 160, 100, []);
      const s = z.shape as RingShape;
      const corners = [[r.x, r.y], [r.x + r.w, r.y], [r.x, r.y + r.h], [r.x + r.w, r.y + r.h]];
      for (const [x, y] of corners) expect(Math.hypot(x! - s.cx, y! - s.cy)).toBeLessThanOrEqual(s.outer);
      expect(zoneAt(circle.zones, ...centre(r))?.id).toBe(z.id);
      expect(overlaps(r, ringLabelBox(s))).toBe(false);
    }
  });

  it("keeps ring label cards inside their band", () => {
    for (const z of circle.zones) {
      const s = z.shape as RingShape;
      const box = ringLabelBox(s);
      expect(zoneAt(circle.zones, ...centre(box))?.id).toBe(z.id);
      expect(Math.hypot(box.x - s.cx, box.y - s.cy)).toBeLessThanOrEqual(s.outer);
      expect(Math.hypot(box.x + box.w - s.cx, box.y - s.cy)).toBeLessThanOrEqual(s.outer);
    }
  });

  it("sizes notes per kind and layout", () => {
    expect(noteSize(threeB, zone(threeB, "keep"), "note")).toEqual({ w: 160, h: 100 });
    expect(noteSize(priority, zone(priority, "policy-reflection"), "keyword")).toEqual({ w: 240, h: 70 });
    const cell = noteSize(priority, zone(priority, "action-1.title"), "note");
    expect(cell.w).toBeGreaterThan(160);
    expect(cell.w).toBeLessThanOrEqual(360);
  });

  it("clamps notes onto the canvas", () => {
    expect(clampToCanvas(threeB, { x: -50, y: 990, w: 160, h: 100 })).toEqual({ x: 0, y: 900, w: 160, h: 100 });
  });
});

describe("camera maths", () => {
  it("keeps the point under the pointer fixed while zooming", () => {
    const { tx, ty } = zoomAround(10, 20, 0.5, 1, 110, 220);
    // board point under (110, 220) before: ((110-10)/0.5, (220-20)/0.5) = (200, 400)
    expect((110 - tx) / 1).toBeCloseTo(200);
    expect((220 - ty) / 1).toBeCloseTo(400);
  });

  it("fits the canvas into the viewport", () => {
    const s = fitScale(2000, 1000, 1032, 532, 16);
    expect(s).toBeCloseTo(0.5);
  });
});
