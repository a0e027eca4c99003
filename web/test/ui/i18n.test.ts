import { describe, expect, it } from "vitest";
import { format, getLang, loc, onLangChange, setLang, t, tables } from "../../src/ui/i18n";

describe("i18n", () => {
  it("has every key in Dutch and English, none empty", () => {
    const nlKeys = Object.keys(tables.nl).sort();
    expect(Object.keys(tables.en).sort()).toEqual(nlKeys);
    for (const lang of ["nl", "en"] as const) {
      for (const k of nlKeys) expect(tables[lang][k as keyof typeof tables.nl].trim(), `${lang}.${k}`).not.toBe("");
    }
  });

  it("uses the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(tables.nl) as (keyof typeof tables.nl)[]) {
      expect(names(tables.en[k]), k).toEqual(names(tables.nl[k]));
    }
  });

  it("starts in Dutch, switches and tells listeners", () => {
    expect(getLang()).toBe("nl");
    expect(t("status_connected")).toBe("Verbonden");
    let seen = "";
    const off = onLangChange((l) => (seen = l));
    setLang("en");
    expect(seen).toBe("en");
    expect(t("status_offline")).toBe("Offline");
    expect(t("you")).toBe("(you)");
    expect(loc({ nl: "Behouden", en: "Keep" })).toBe("Keep");
    setLang("nl");
    off();
    expect(loc({ nl: "Behouden", en: "Keep" })).toBe("Behouden");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("{a} en {b}", { a: 1 })).toBe("1 en {b}");
    expect(t("note", { text: "Hallo" })).toBe("Notitie: Hallo");
    expect(t("note", { text: "Hi" }, "en")).toBe("Note: Hi");
  });
});
