import { describe, expect, it } from "vitest";
import type { ItemsView, Json, Register } from "../../src/sync/api";
import { setLang } from "../../src/ui/i18n";
import { tables } from "../../src/ui/indicators/i18n";
import {
  changeText,
  chartData,
  chartWords,
  mainText,
  readIndicatorItem,
  weekLabel,
  type IndicatorState,
} from "../../src/ui/indicators/model";
import { uploadType } from "../../src/ui/indicators/api";
import { parsePersonRoute } from "../../src/ui/indicators/person-store";
import { privacyText } from "../../src/ui/indicators/privacy";

function view(fields: Record<string, Record<string, Json>>): ItemsView {
  const reg = (v: Json): Register => ({ v, s: [1, 0, "samenbord-node"] });
  return {
    itemIds: () => Object.keys(fields),
    get: (i, f) => (fields[i]?.[f] === undefined ? undefined : reg(fields[i]![f]!)),
    fields: (i) => Object.fromEntries(Object.entries(fields[i] ?? {}).map(([f, v]) => [f, reg(v)])),
    value: (i, f) => fields[i]?.[f],
  };
}

const state = (over: Partial<IndicatorState> = {}): IndicatorState => ({
  indicator: "sleepHours",
  unit: "h",
  k: 5,
  week: "2026-W49",
  value: 6.25,
  change: -0.25,
  series: [
    { week: "2026-W46", value: 6.5 },
    { week: "2026-W47", suppressed: "3 of 5 people so far", reason: "too_few", people: 3, need: 5 },
    { week: "2026-W48", value: 6.5 },
    { week: "2026-W49", value: 6.25 },
  ],
  ...over,
});

describe("indicator items (IND-15)", () => {
  it("reads only live items of kind indicator", () => {
    const items = view({
      "_ind-a": { kind: "indicator", indicator: "steps", weeks: 3, x: 10, y: 20, state: state() as unknown as Json },
      "_ind-b": { kind: "indicator", deleted: true },
      n1: { kind: "note", text: "hi" },
    });
    const a = readIndicatorItem(items, "_ind-a")!;
    expect(a.indicator).toBe("steps");
    expect([a.weeks, a.x, a.y, a.w, a.h]).toEqual([3, 10, 20, 320, 210]);
    expect(a.state?.value).toBe(6.25);
    expect(readIndicatorItem(items, "_ind-b")).toBeNull();
    expect(readIndicatorItem(items, "n1")).toBeNull();
  });

  it("says a value with its unit, or why it is withheld, in both languages", () => {
    setLang("nl");
    expect(mainText(state())).toBe("6,25 u");
    expect(mainText(state({ value: undefined, reason: "too_few", people: 3, need: 5, suppressed: "3 of 5 people so far" }))).toBe(
      "3 van 5 mensen tot nu toe",
    );
    expect(changeText(state())).toBe("-0,25 u t.o.v. vorige week");
    expect(changeText(state({ change: undefined, changeWithheld: "membership" }))).toContain("niet getoond");
    expect(mainText(state({ indicator: "restingHeartRateDeviation", unit: "bpm", value: 1.5 }))).toBe("+1,5 slagen/min");
    setLang("en");
    expect(mainText(state({ value: undefined, reason: "too_few", people: 4, need: 5 }))).toBe("4 of 5 people so far");
    expect(mainText(state({ value: undefined, reason: "dominance", people: 6, need: 5 }))).toContain("more than half");
    expect(mainText(state({ indicator: "shortSleepShare", unit: "%", value: 35 }))).toBe("35%");
    setLang("nl");
  });

  it("charts withheld weeks as gaps and tells the chart in words", () => {
    expect(chartData(state())).toEqual([[0, 1, 2, 3], [6.5, null, 6.5, 6.25]]);
    expect(weekLabel("2026-W07")).toBe("W07");
    expect(chartWords(state())).toBe("Verloop per week: W46 6,5 u, W47 niet getoond, W48 6,5 u, W49 6,25 u");
  });
});

describe("indicator texts", () => {
  it("has every key in Dutch and English, with the same placeholders", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(tables.en).sort()).toEqual(Object.keys(tables.nl).sort());
    for (const k of Object.keys(tables.nl) as (keyof typeof tables.nl)[]) {
      expect(tables.en[k].trim(), k).not.toBe("");
      expect(names(tables.en[k]), k).toEqual(names(tables.nl[k]));
    }
  });

  it("the privacy page says what is stored, who sees what, how long and how to erase, in both languages", () => {
    for (const lang of ["nl", "en"] as const) {
      const text = privacyText(lang, 5, 10, 365);
      expect(text.length).toBeGreaterThanOrEqual(5);
      const all = text.map((s) => s.title + " " + s.paragraphs.join(" ")).join(" ");
      expect(all).toContain("365");
      expect(all).toContain("5");
      expect(all).toContain("10");
    }
    expect(privacyText("nl", 5, 10, 365).map((s) => s.title)).toContain("Hoe wis ik mijn gegevens?");
    expect(privacyText("en", 5, 10, 365).map((s) => s.title)).toContain("Who sees what?");
  });

  it("reads the personal link /me/<id>#key=...", () => {
    expect(parsePersonRoute("/me/abcd2345efgh", "#key=XYZ-_abc&import=i1")).toEqual({ person: "abcd2345efgh", key: "XYZ-_abc", importId: "i1" });
    expect(parsePersonRoute("/me/abcd2345efgh", "")).toEqual({ person: "abcd2345efgh", key: null, importId: null });
    expect(parsePersonRoute("/join/abc", "#token=x")).toBeNull();
  });
});

describe("uploadType (IND-4: the node takes zip, JSON and XML only)", () => {
  it("names every export by one of the three types, whatever the browser called it", () => {
    expect(uploadType({ name: "takeout-20260101.zip", type: "application/x-zip-compressed" })).toBe("application/zip");
    expect(uploadType({ name: "takeout.ZIP", type: "" })).toBe("application/zip");
    expect(uploadType({ name: "export.xml", type: "text/xml" })).toBe("application/xml");
    expect(uploadType({ name: "sleep-2026-01-01.json", type: "application/json" })).toBe("application/json");
    expect(uploadType({ name: "datapoints", type: "" })).toBe("application/json");
    expect(uploadType({ type: "application/zip" })).toBe("application/zip");
  });
});
