// A template's check per axis row (issue 20: a goal's SMART check): which of the named columns
// hold at least one note in that row, and which are still empty. Pure, so unit-tested.
import { getLang, loc, t, type Lang } from "../i18n";
import type { Template } from "../template";

export interface RowCheckState {
  met: string[];
  missing: string[];
  /** The line shown under the row's label, e.g. "SMART-toets: 3 van 5 · ontbreekt nog: Meetbaar, Realistisch". */
  text: string;
}

/** The check of row `row` from the notes counted per zone; null when the template has no row check. */
export function rowCheck(tpl: Template, row: string, counts: ReadonlyMap<string, number>, lang: Lang = getLang()): RowCheckState | null {
  const check = tpl.rowCheck;
  if (!check) return null;
  const met: string[] = [];
  const missing: string[] = [];
  for (const column of check.columns) {
    const zone = tpl.zones.find((z) => z.row === row && z.column === column);
    if (zone && (counts.get(zone.id) ?? 0) > 0) met.push(column);
    else missing.push(column);
  }
  const label = loc(check.label, lang);
  const name = (column: string) => loc(tpl.axes?.columns.find((c) => c.id === column)?.label, lang) || column;
  const text = missing.length === 0
    ? t("rowCheckDone", { label }, lang)
    : t("rowCheckMissing", { label, n: met.length, total: check.columns.length, missing: missing.map(name).join(", ") }, lang);
  return { met, missing, text };
}
