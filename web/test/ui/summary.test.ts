import { describe, expect, it } from "vitest";
import { t } from "../../src/ui/i18n";
import { counted, roundKindKey, summaryFileName, summaryPath } from "../../src/ui/summary/model";

describe("session summary page helpers (SU-8)", () => {
  it("asks each format of the workshop's summary in the page's language", () => {
    expect(summaryPath("w 1", "json", "nl")).toBe("/api/workshops/w%201/summary?lang=nl");
    expect(summaryPath("w1", "pdf", "en")).toBe("/api/workshops/w1/summary.pdf?lang=en");
    expect(summaryPath("w1", "md", "fr")).toBe("/api/workshops/w1/summary.md?lang=nl");
  });

  it("names a download by language when the server names none", () => {
    expect(summaryFileName("pdf", "nl")).toBe("samenvatting.pdf");
    expect(summaryFileName("md", "en")).toBe("summary.md");
  });

  it("labels round kinds and counts in Dutch and English", () => {
    expect(t(roundKindKey("check-out")!, undefined, "nl")).toBe("Check-out");
    expect(roundKindKey("other")).toBeNull();
    const [one] = counted(1, "summaryDotsOne", "summaryDots");
    expect(t(one, undefined, "nl")).toBe("1 stip");
    const [many, vars] = counted(3, "summaryDotsOne", "summaryDots");
    expect(t(many, vars, "en")).toBe("3 dots");
    expect(t(many, vars, "nl")).toBe("3 stippen");
  });
});
