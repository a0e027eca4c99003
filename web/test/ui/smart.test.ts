import { describe, expect, it } from "vitest";
import specJson from "../../../templates-library/fiche/action-fiche.json";
import { DATED_STEP, evaluateSmart, fieldIds, missingRules, type FicheSpec } from "../../src/ui/fiche/spec";

const spec = specJson as unknown as FicheSpec;
const RULES = ["specific", "measurable", "acceptable", "realistic", "timeBound"];

/** Every field of the spec filled in, and one dated step: a complete fiche. */
function complete(): Record<string, string> {
  return Object.fromEntries(fieldIds(spec).map((f) => [f, `Ingevuld: ${f}`]));
}
const datedStep = [{ date: "2026-09-01", text: "Kick-off met het kernteam" }];

describe("SMART check against the real fiche spec", () => {
  it("reads the five rules in order, and every field a rule names exists in the spec", () => {
    expect(spec.smart.map((r) => r.id)).toEqual(RULES);
    const known = new Set([...fieldIds(spec), DATED_STEP]);
    for (const r of spec.smart) for (const g of r.requires) for (const f of g) expect(known.has(f), `${r.id} needs ${f}`).toBe(true);
    expect(spec.sections).toHaveLength(21);
    expect(spec.sections.map((s) => s.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it("an empty fiche meets nothing", () => {
    const met = evaluateSmart(spec, {}, []);
    expect(met).toEqual(Object.fromEntries(RULES.map((r) => [r, false])));
    expect(missingRules(spec, met).map((r) => r.id)).toEqual(RULES);
  });

  it("a complete fiche with a dated step meets everything", () => {
    const met = evaluateSmart(spec, complete(), datedStep);
    expect(Object.values(met).every(Boolean)).toBe(true);
    expect(missingRules(spec, met)).toEqual([]);
  });

  it("a fresh conversion of a priority-actions row (title, target group, impact, results, driver)", () => {
    const row = { title: "Actie 1", targetGroup: "Alle werknemers", intendedImpact: "Minder stress", resultsShort: "Workshop gegeven", driver: "Ann" };
    expect(evaluateSmart(spec, row, [])).toEqual({ specific: true, measurable: false, acceptable: false, realistic: false, timeBound: false });
  });

  it("measurable needs both indicators and instruments; blank text does not count", () => {
    expect(evaluateSmart(spec, { indicators: "Verzuim" }, []).measurable).toBe(false);
    expect(evaluateSmart(spec, { indicators: "Verzuim", instruments: "   \n" }, []).measurable).toBe(false);
    expect(evaluateSmart(spec, { indicators: "Verzuim", instruments: "Registratie HR" }, []).measurable).toBe(true);
  });

  it("an alternative within a group is enough: need or intended impact, core team or driver", () => {
    const base = { title: "T", targetGroup: "Teamleiders" };
    expect(evaluateSmart(spec, { ...base, need: "Hoge werkdruk" }, []).specific).toBe(true);
    expect(evaluateSmart(spec, { ...base, intendedImpact: "Meer werkplezier" }, []).specific).toBe(true);
    expect(evaluateSmart(spec, base, []).specific).toBe(false);
    expect(evaluateSmart(spec, { stakeholders: "OR", driver: "Piet" }, []).acceptable).toBe(true);
    expect(evaluateSmart(spec, { resources: "Budget", partners: "Preventiedienst" }, []).realistic).toBe(true);
    expect(evaluateSmart(spec, { resources: "Budget" }, []).realistic).toBe(false);
  });

  it("time-bound needs one step with both a date and a text", () => {
    expect(evaluateSmart(spec, {}, [{ date: "", text: "Zonder datum" }]).timeBound).toBe(false);
    expect(evaluateSmart(spec, {}, [{ date: "2026-09-01", text: " " }]).timeBound).toBe(false);
    expect(evaluateSmart(spec, {}, [{ date: "", text: "A" }, ...datedStep]).timeBound).toBe(true);
  });

  it("removing one field of a complete fiche fails exactly the rules that need it", () => {
    const values = complete();
    delete values.instruments;
    const met = evaluateSmart(spec, values, datedStep);
    expect(missingRules(spec, met).map((r) => r.id)).toEqual(["measurable"]);
    expect(missingRules(spec, evaluateSmart(spec, complete(), [])).map((r) => r.id)).toEqual(["timeBound"]);
  });
});
