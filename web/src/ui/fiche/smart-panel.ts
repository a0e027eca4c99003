// The editor's live SMART panel (#smart-panel): a badge per rule, met or not, and a hint for
// every rule the fiche does not meet yet.
import { h } from "../dom";
import { bind, loc, t } from "../i18n";
import type { FicheData } from "./model";
import { smartBadge } from "./smart-view";
import { evaluateSmart, missingRules, type FicheSpec } from "./spec";

export interface SmartPanel {
  el: HTMLElement;
  /** Shows which SMART rules the fiche meets, and hints for the ones it misses. */
  paint(data: Pick<FicheData, "values" | "steps">): void;
}

/** The editor's live SMART panel (#smart-panel). */
export function buildSmartPanel(spec: FicheSpec): SmartPanel {
  const smartTitle = bind(h("h3", { id: "smart-title" }), (el) => (el.textContent = t("smartTitle")));
  const smartBadges = h("ul", { class: "smart-badges" });
  const smartHints = h("div", { class: "smart-hints" });
  const smartPanel = h("section", { id: "smart-panel", class: "card smart-panel", "aria-labelledby": "smart-title" }, smartTitle, smartBadges, smartHints);
  const paint = (data: Pick<FicheData, "values" | "steps">) => {
    const met = evaluateSmart(spec, data.values, data.steps);
    smartBadges.replaceChildren(...spec.smart.map((r) => h("li", {}, smartBadge(r, met[r.id] === true))));
    const missing = missingRules(spec, met);
    if (missing.length === 0) {
      smartHints.replaceChildren(h("p", { class: "smart-ok" }, t("smartAllMet")));
    } else {
      smartHints.replaceChildren(
        h("p", { class: "smart-todo" }, t("smartTodo")),
        h("ul", { class: "smart-hint-list" }, ...missing.map((r) => h("li", { "data-rule": r.id }, h("strong", {}, loc(r.label)), " ", loc(r.hint)))),
      );
    }
    smartPanel.dataset.met = String(missing.length === 0);
  };
  return { el: smartPanel, paint };
}
