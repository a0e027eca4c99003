import { afterEach, describe, expect, it } from "vitest";
import specJson from "../../../templates-library/fiche/action-fiche.json";
import { formatPlanDate } from "../../src/ui/fiche/plan";
import type { FicheSpec } from "../../src/ui/fiche/spec";
import { tocEntries, tocLabel } from "../../src/ui/fiche/toc";
import { setLang } from "../../src/ui/i18n";

const spec = specJson as unknown as FicheSpec;

describe("fiche table of contents (SU-9)", () => {
  afterEach(() => setLang("nl"));

  it("has one jump link per numbered section, in order, then the balance", () => {
    const entries = tocEntries(spec);
    expect(entries).toHaveLength(22);
    expect(entries.slice(0, 21).map((e) => e.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(entries[0]).toMatchObject({ section: "need", heading: "section-need-title" });
    expect(entries[20]).toMatchObject({ section: "steps", heading: "section-steps-title" });
    expect(entries[21]).toMatchObject({ section: "balance", heading: "section-balance-title", number: null });
  });

  it("labels the links in the page's language", () => {
    const entries = tocEntries(spec);
    setLang("nl");
    expect(tocLabel(entries[5]!)).toBe("6. Competenties");
    setLang("en");
    expect(tocLabel(entries[5]!)).toBe("6. Competences");
    expect(tocLabel(entries[21]!)).not.toMatch(/^\d/);
  });

  it("has no balance entry for a spec without one", () => {
    expect(tocEntries({ sections: spec.sections }).map((e) => e.section)).not.toContain("balance");
  });
});

describe("action plan first-date column (SU-9)", () => {
  it("shows a step's date as people read it, in Dutch and English", () => {
    expect(formatPlanDate("2026-05-04", "nl")).toBe("4 mei 2026");
    expect(formatPlanDate("2026-05-04", "en")).toBe("4 May 2026");
  });

  it("shows anything that is not a date as given", () => {
    expect(formatPlanDate("volgende week", "nl")).toBe("volgende week");
  });
});
