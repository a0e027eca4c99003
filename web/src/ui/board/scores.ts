// Scores per person (IT-7, the integrative method's criteria table): in each axis row the note in
// the template's score column is the candidate; each person scores it per criterion in the field
// `<criterion>:<replica>`. A person's score is the latest-stamped one of their tabs (ID-3); a row's
// total adds up every person's scores, and rows rank by total. Pure, so unit-tested.
import type { Change, ItemsView, Json, Stamp } from "../../sync/api";
import { personOf } from "../../sync/seat";
import { compareStamps } from "../../sync/stamp";
import type { Template } from "../template";
import type { NoteData } from "./model";

export type ScoreSpec = NonNullable<Template["scores"]>;

export interface RowScore {
  row: string;
  /** The candidate note of the row. */
  note: string;
  /** Per criterion: the sum of every person's score, and how many people gave one. */
  criteria: Record<string, { sum: number; people: number }>;
  total: number;
  /** People who scored at least one criterion. */
  people: number;
  /** 1 for the highest total; equal totals share a rank (1, 2, 2, 4). */
  rank: number;
}

export function scoreField(criterion: string, replica: string): string {
  return `${criterion}:${replica}`;
}

const later = (a: Stamp, b: Stamp): boolean => compareStamps(a, b) > 0;

function isScore(v: Json | undefined, spec: ScoreSpec): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= spec.min && v <= spec.max;
}

/** Each person's score for one criterion of a note: the latest-stamped of their tabs' fields; null takes it back. */
export function personScores(items: ItemsView, note: string, criterion: string, spec: ScoreSpec): Map<string, number> {
  const latest = new Map<string, { s: Stamp; v: Json }>();
  const prefix = `${criterion}:`;
  for (const [f, r] of Object.entries(items.fields(note))) {
    if (!f.startsWith(prefix)) continue;
    const person = personOf(f.slice(prefix.length));
    const seen = latest.get(person);
    if (!seen || later(r.s, seen.s)) latest.set(person, { s: r.s, v: r.v });
  }
  const out = new Map<string, number>();
  for (const [person, { v }] of latest) if (isScore(v, spec)) out.set(person, v);
  return out;
}

/** My person's score for one criterion of a note, or null. */
export function myScore(items: ItemsView, note: string, criterion: string, replica: string, spec: ScoreSpec): number | null {
  return personScores(items, note, criterion, spec).get(personOf(replica)) ?? null;
}

/** The candidate of each row: the note in the row's score-column cell (the earliest by stacking, then id). */
export function candidates(tpl: Pick<Template, "zones" | "scores">, notes: Iterable<NoteData>): Map<string, NoteData> {
  const out = new Map<string, NoteData>();
  const spec = tpl.scores;
  if (!spec) return out;
  const rowOf = new Map(tpl.zones.filter((z) => z.column === spec.column && z.row).map((z) => [z.id, z.row!]));
  for (const n of notes) {
    const row = n.zone === null ? undefined : rowOf.get(n.zone);
    if (!row) continue;
    const had = out.get(row);
    if (!had || n.z < had.z || (n.z === had.z && n.id < had.id)) out.set(row, n);
  }
  return out;
}

/** Totals and ranks of every row that has a candidate, in the template's row order. */
export function rowScores(items: ItemsView, tpl: Pick<Template, "zones" | "scores" | "axes">, notes: Iterable<NoteData>): RowScore[] {
  const spec = tpl.scores;
  if (!spec) return [];
  const cands = candidates(tpl, notes);
  const rows: RowScore[] = [];
  for (const axis of tpl.axes?.rows ?? []) {
    const n = cands.get(axis.id);
    if (!n) continue;
    const criteria: RowScore["criteria"] = {};
    const people = new Set<string>();
    let total = 0;
    for (const c of spec.criteria) {
      const scores = personScores(items, n.id, c, spec);
      let sum = 0;
      for (const [person, v] of scores) {
        sum += v;
        people.add(person);
      }
      criteria[c] = { sum, people: scores.size };
      total += sum;
    }
    rows.push({ row: axis.id, note: n.id, criteria, total, people: people.size, rank: 0 });
  }
  for (const r of rows) r.rank = 1 + rows.filter((o) => o.total > r.total).length;
  return rows;
}

/** The change that sets (or with null takes back) this tab's score. */
export function scoreChange(note: string, criterion: string, replica: string, value: number | null): Change {
  return { item: note, field: scoreField(criterion, replica), value };
}
