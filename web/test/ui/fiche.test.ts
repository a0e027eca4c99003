import { describe, expect, it } from "vitest";
import type { ItemsView, Json, Register } from "../../src/sync/api";
import { dispositionFilename } from "../../src/ui/fiche/download";
import { newBalanceChanges, newStepChanges, readFiche } from "../../src/ui/fiche/model";

function view(data: Record<string, Record<string, Json>>): ItemsView {
  const reg = (v: Json): Register => ({ v, s: [1, 0, "r"] });
  return {
    itemIds: () => Object.keys(data),
    get: (i, f) => (data[i] && f in data[i]! ? reg(data[i]![f]!) : undefined),
    fields: (i) => Object.fromEntries(Object.entries(data[i] ?? {}).map(([f, v]) => [f, reg(v)])),
    value: (i, f) => data[i]?.[f],
  };
}

describe("fiche model", () => {
  const items = view({
    fiche: { kind: "fiche", title: "Actie 1", need: "Werkdruk", status: "ready", source: "board:b1/row:1", n: 3 },
    s2: { kind: "step", date: "2026-10-01", text: "Evaluatie", z: "a1" },
    s1: { kind: "step", date: "2026-09-01", text: "Start", z: "a0" },
    gone: { kind: "step", date: "2026-01-01", text: "Weg", z: "a2", deleted: true },
    b1: { kind: "balance", zone: "gain-short", text: "Rust", z: "a0" },
    note: { kind: "note", text: "geen fiche" },
  });

  it("reads the string fields, status, source, live steps in z order and the balance", () => {
    const f = readFiche(items);
    expect(f.values).toMatchObject({ title: "Actie 1", need: "Werkdruk" });
    expect(f.values.n).toBeUndefined();
    expect(f.status).toBe("ready");
    expect(f.source).toBe("board:b1/row:1");
    expect(f.steps.map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(f.balance).toEqual([{ id: "b1", zone: "gain-short", text: "Rust", z: "a0" }]);
  });

  it("defaults to a draft without steps", () => {
    expect(readFiche(view({}))).toEqual({ values: {}, status: "draft", source: "", steps: [], balance: [] });
  });

  it("adds a step after the last one and a balance entry in its quadrant", () => {
    const f = readFiche(items);
    const step = newStepChanges(f.steps);
    const fields = Object.fromEntries(step.changes.map((c) => [c.field, c.value]));
    expect(fields).toMatchObject({ kind: "step", date: "", text: "" });
    expect(String(fields.z) > "a1").toBe(true);
    expect(step.changes.every((c) => c.item === step.id)).toBe(true);
    const entry = newBalanceChanges(f.balance, "loss-long");
    expect(Object.fromEntries(entry.changes.map((c) => [c.field, c.value]))).toMatchObject({ kind: "balance", zone: "loss-long", text: "" });
  });

  it("passes over order keys that are not valid", () => {
    const step = newStepChanges([{ id: "x", date: "", text: "", z: "not a key!" }]);
    expect(step.changes.find((c) => c.field === "z")?.value).toBe("a0");
  });
});

describe("export file names", () => {
  it("reads Content-Disposition", () => {
    expect(dispositionFilename('attachment; filename="actieplan.pdf"')).toBe("actieplan.pdf");
    expect(dispositionFilename("attachment; filename=plan.csv")).toBe("plan.csv");
    expect(dispositionFilename("attachment; filename=\"x.md\"; filename*=UTF-8''actieplan%20w%C3%A9lzijn.md")).toBe("actieplan wélzijn.md");
    expect(dispositionFilename('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(dispositionFilename(null)).toBeNull();
    expect(dispositionFilename("attachment")).toBeNull();
  });
});
