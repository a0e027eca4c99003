// Reading indicator items (IND-15) out of the replicated board items, and the words and points
// they show. Pure (only the sync contract's ItemsView), so unit-tested without a DOM.
import type { ItemsView, Json } from "../../sync/api";
import { known, num, ti } from "./i18n";

export const INDICATOR_KIND = "indicator";

export interface SeriesPoint {
  week: string;
  value?: number;
  suppressed?: string;
  reason?: string;
  people?: number;
  need?: number;
  changeWithheld?: boolean;
}

export interface IndicatorState {
  indicator: string;
  unit: string;
  k: number;
  week: string;
  value?: number;
  suppressed?: string;
  reason?: string;
  people?: number;
  need?: number;
  change?: number;
  changeWithheld?: string;
  series: SeriesPoint[];
}

export interface IndicatorItem {
  id: string;
  indicator: string;
  weeks: number;
  x: number;
  y: number;
  w: number;
  h: number;
  state: IndicatorState | null;
}

const num0 = (v: Json | undefined, d: number): number => (typeof v === "number" && Number.isFinite(v) ? v : d);

/** The indicator item with this id, or null when it is none (another kind, deleted, not there). */
export function readIndicatorItem(items: ItemsView, id: string): IndicatorItem | null {
  if (items.value(id, "kind") !== INDICATOR_KIND || items.value(id, "deleted") === true) return null;
  const state = items.value(id, "state");
  return {
    id,
    indicator: String(items.value(id, "indicator") ?? ""),
    weeks: num0(items.value(id, "weeks"), 4),
    x: num0(items.value(id, "x"), 0),
    y: num0(items.value(id, "y"), 0),
    w: num0(items.value(id, "w"), 320),
    h: num0(items.value(id, "h"), 210),
    state: state && typeof state === "object" && !Array.isArray(state) ? (state as unknown as IndicatorState) : null,
  };
}

/** An indicator's name in the current language; one this client does not know keeps its wire name. */
export function indicatorTitle(name: string): string {
  const key = `ind_${name}`;
  return known(key) ? ti(key) : name;
}

export function unitLabel(unit: string): string {
  const key = `unit_${unit}`;
  return known(key) ? ti(key) : unit;
}

/** A value with its unit; deviations carry their sign. */
export function formatValue(v: number, unit: string, signed = false): string {
  const text = (signed && v > 0 ? "+" : "") + num(v);
  return unit === "%" ? `${text}%` : `${text} ${unitLabel(unit)}`;
}

/** Why a value is withheld, in the current language ("3 van 5 mensen tot nu toe"). */
export function withheldText(p: { reason?: string; people?: number; need?: number; suppressed?: string }): string {
  if (p.reason === "too_few" && p.people !== undefined && p.need !== undefined) return ti("peopleSoFar", { have: p.people, need: p.need });
  if (p.reason === "dominance") return ti("dominance");
  return p.suppressed ?? ti("withheld");
}

const SIGNED = new Set(["restingHeartRateDeviation", "hrvDeviation"]);

/** The big line of an item: its value, or why it is withheld. */
export function mainText(s: IndicatorState): string {
  return s.value !== undefined ? formatValue(s.value, s.unit, SIGNED.has(s.indicator)) : withheldText(s);
}

/** The change from the week before, when shown (IND-12); null when there is none to tell. */
export function changeText(s: IndicatorState): string | null {
  if (s.changeWithheld) return ti("changeWithheld");
  if (s.change === undefined) return null;
  if (s.change === 0) return ti("changeSame");
  const delta = formatValue(Math.abs(s.change), s.unit);
  return s.change > 0 ? ti("changeUp", { delta }) : ti("changeDown", { delta: `-${delta}` });
}

/** Short week label for the chart's axis: "W45". */
export function weekLabel(week: string): string {
  const i = week.indexOf("-W");
  return i < 0 ? week : `W${week.slice(i + 2)}`;
}

/** The chart's data: x = week index, y = value or null (a gap) for a withheld week. */
export function chartData(s: IndicatorState): [number[], (number | null)[]] {
  return [s.series.map((_, i) => i), s.series.map((p) => (p.value === undefined ? null : p.value))];
}

/** What the chart shows, in words (its accessible name). */
export function chartWords(s: IndicatorState): string {
  const points = s.series.map((p) => `${weekLabel(p.week)} ${p.value === undefined ? ti("withheld") : formatValue(p.value, s.unit)}`);
  return ti("itemChart", { points: points.join(", ") });
}
