// SMART badges, shared by the action plan table and the editor's live panel: the label with a
// tick or a cross, and the state spelled out for screen readers.
import { h } from "../dom";
import { loc, t } from "../i18n";
import type { SmartRule } from "./spec";

export function smartBadge(rule: Pick<SmartRule, "id" | "label" | "hint"> | { id: string }, met: boolean): HTMLElement {
  const label = "label" in rule ? loc(rule.label) : rule.id;
  const badge = h(
    "span",
    { class: "smart-badge", "data-rule": rule.id, "data-met": String(met) },
    h("span", { class: "smart-icon", "aria-hidden": "true" }, met ? "✓" : "✗"),
    h("span", { class: "smart-label" }, label),
    h("span", { class: "visually-hidden" }, `: ${t(met ? "smartStateMet" : "smartStateMissing")}`),
  );
  if (!met && "hint" in rule) badge.title = loc(rule.hint);
  return badge;
}
