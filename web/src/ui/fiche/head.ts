// The fiche's head card: the header fields (title, driver, ...) with their guiding questions,
// and the status select.
import { h } from "../dom";
import { bind, loc, t } from "../i18n";
import type { FicheForm } from "./form";
import { FICHE_ITEM } from "./model";
import type { FicheSpec } from "./spec";

export interface FicheHead {
  el: HTMLElement;
  /** Shows the model's status unless the select is being used. */
  paint(): void;
}

export function buildFicheHead(form: FicheForm, spec: FicheSpec): FicheHead {
  const headerFields = spec.header.map((f) => {
    const qid = `fiche-q-${f.id}`;
    const question = f.question ? bind(h("p", { id: qid, class: "help fiche-question" }), (el) => (el.textContent = loc(f.question))) : null;
    const wrap = form.textField(f, "input", question ? qid : null, false);
    if (question) wrap.append(question);
    return wrap;
  });
  const statusSelect = h("select", { id: "fiche-status", class: "fiche-status" });
  const paintStatusOptions = () => {
    const status = form.data.status;
    const value = statusSelect.value || status;
    statusSelect.replaceChildren(...spec.statuses.map((s) => h("option", { value: s.id }, loc(s.label))));
    if (!spec.statuses.some((s) => s.id === status)) statusSelect.append(h("option", { value: status }, status));
    statusSelect.value = value;
  };
  bind(statusSelect, paintStatusOptions);
  statusSelect.disabled = form.readOnly;
  statusSelect.addEventListener("change", () => form.write(FICHE_ITEM, "status", statusSelect.value));
  const statusLabel = bind(h("label", { for: "fiche-status" }), (el) => (el.textContent = t("ficheStatus")));
  const headTitle = bind(h("h3", { id: "fiche-head-title", class: "visually-hidden" }), (el) => (el.textContent = t("ficheHeader")));
  const el = h(
    "section",
    { class: "card fiche-head", "aria-labelledby": "fiche-head-title" },
    headTitle,
    h("div", { class: "fiche-head-grid" }, ...headerFields, h("div", { class: "field fiche-status-field" }, statusLabel, statusSelect)),
  );

  return {
    el,
    paint() {
      const status = form.data.status;
      if (document.activeElement !== statusSelect && statusSelect.value !== status) {
        if (![...statusSelect.options].some((op) => op.value === status)) paintStatusOptions();
        statusSelect.value = status;
      }
    },
  };
}
