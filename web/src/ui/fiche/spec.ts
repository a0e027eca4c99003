// The action fiche spec (templates-library/fiche/action-fiche.json, served as GET /api/fiche-spec)
// as far as the UI reads it, and the SMART check derived from it. Pure, so unit-tested.
import type { Text } from "../i18n";

export interface FicheField {
  id: string;
  label: Text;
  question?: Text;
}

export interface FicheSection {
  number: number;
  id: string;
  label: Text;
  question: Text;
  /** "steps": the section is the timeline of dated steps instead of text fields. */
  kind?: string;
  fields: FicheField[];
}

export interface SmartRule {
  id: string;
  label: Text;
  hint: Text;
  /** All groups must be met; a group is met when one of its field ids is filled. */
  requires: string[][];
}

export interface FicheSpec {
  id: string;
  title: Text;
  description?: Text;
  statuses: { id: string; label: Text }[];
  header: FicheField[];
  sections: FicheSection[];
  smart: SmartRule[];
  balance?: { label: Text; question: Text; quadrants: { id: string; label: Text }[] };
}

/** The pseudo field of a SMART rule: at least one step with both a date and a text. */
export const DATED_STEP = "@datedStep";

export interface StepValue {
  date: string;
  text: string;
}

const filled = (v: string | undefined): boolean => typeof v === "string" && v.trim() !== "";

function groupMet(group: string[], values: Readonly<Record<string, string>>, steps: readonly StepValue[]): boolean {
  return group.some((f) => (f === DATED_STEP ? steps.some((s) => filled(s.date) && filled(s.text)) : filled(values[f])));
}

/** Rule id → met, in the spec's order: every group of the rule has a non-blank field. */
export function evaluateSmart(
  spec: Pick<FicheSpec, "smart">,
  values: Readonly<Record<string, string>>,
  steps: readonly StepValue[],
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const rule of spec.smart) out[rule.id] = rule.requires.every((g) => groupMet(g, values, steps));
  return out;
}

/** The rules not met, in the spec's order. */
export function missingRules(spec: Pick<FicheSpec, "smart">, met: Readonly<Record<string, boolean>>): SmartRule[] {
  return spec.smart.filter((r) => !met[r.id]);
}

/** Every text field id of the fiche: the header first, then the sections' fields in order. */
export function fieldIds(spec: Pick<FicheSpec, "header" | "sections">): string[] {
  return [...spec.header.map((f) => f.id), ...spec.sections.flatMap((s) => s.fields.map((f) => f.id))];
}
