// Zone counts and limit hints (windroos 3 to 5 insights, one note per priority cell, at most 5
// keywords per side panel), computed from the template's `limits`. Pure, so unit-tested.
import { loc, t, type Lang } from "../i18n";
import type { Limits } from "../template";

export type LimitStatus = "ok" | "under" | "over";

export interface LimitState {
  status: LimitStatus;
  /** Text shown as the zone's count, e.g. "2 (3 tot 5)". */
  countText: string;
  /** Hint shown inside the zone when outside its limits, else null. */
  hint: string | null;
}

export function limitState(limits: Limits | undefined, count: number, lang?: Lang): LimitState {
  const unit = limits?.unit ? loc(limits.unit, lang) : t("unitDefault", undefined, lang);
  const min = limits?.min;
  const max = limits?.max;
  let countText: string;
  if (min !== undefined && max !== undefined) countText = t("countRange", { n: count, min, max }, lang);
  else if (max !== undefined) countText = t("countLimit", { n: count, max }, lang);
  else countText = count === 1 ? t("countOne", undefined, lang) : t("countNotes", { n: count }, lang);

  if (min !== undefined && count < min) {
    const hint =
      max !== undefined
        ? t("needMore", { k: min - count, unit, min, max }, lang)
        : t("needMoreMin", { k: min - count, unit, min }, lang);
    return { status: "under", countText, hint };
  }
  if (max !== undefined && count > max) {
    return { status: "over", countText, hint: t("tooMany", { max, unit }, lang) };
  }
  return { status: "ok", countText, hint: null };
}

/** A cell (a zone on a table row) that is full refuses new notes; other zones only warn. */
export function refusesMore(limits: Limits | undefined, isCell: boolean, count: number): boolean {
  return isCell && limits?.max !== undefined && count >= limits.max;
}
