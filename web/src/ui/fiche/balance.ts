// The optional pros-and-cons balance (data-section="balance"): one list per quadrant, one entry
// per item of kind "balance", each with a text and a remove button.
import { h } from "../dom";
import { bind, loc, t, type Text } from "../i18n";
import { icon } from "../icons";
import { FIELD_MAX, type FicheForm } from "./form";
import { newBalanceChanges, type BalanceEntry } from "./model";
import type { FicheSpec } from "./spec";

interface EntryParts {
  li: HTMLLIElement;
  text: HTMLInputElement;
  label: HTMLLabelElement;
  remove: HTMLButtonElement | null;
}

interface Quadrant {
  ul: HTMLUListElement;
  empty: HTMLElement;
  label: Text;
}

export class BalanceGrid {
  /** The balance section, or null when the spec has no balance. */
  readonly el: HTMLElement | null;
  private readonly quadrants = new Map<string, Quadrant>();
  private readonly parts = new Map<string, EntryParts>();

  constructor(
    private readonly form: FicheForm,
    spec: FicheSpec,
  ) {
    this.el = this.build(spec);
  }

  private build(spec: FicheSpec): HTMLElement | null {
    const b = spec.balance;
    if (!b) return null;
    const form = this.form;
    const title = bind(h("h3", { id: "section-balance-title" }), (el) => {
      el.replaceChildren(loc(b.label), " ", h("span", { class: "optional" }, t("optional")));
    });
    const question = bind(h("p", { id: "section-balance-q", class: "fiche-question" }), (el) => (el.textContent = loc(b.question)));
    const grid = h("div", { class: "balance-grid" });
    for (const q of b.quadrants) {
      const qTitleId = `quadrant-${q.id}-title`;
      const qTitle = bind(h("h4", { id: qTitleId }), (el) => (el.textContent = loc(q.label)));
      const ul = h("ul", { class: "balance-entries", "aria-labelledby": qTitleId });
      const empty = bind(h("p", { class: "help" }), (el) => (el.textContent = t("noBalance")));
      const cell = h("div", { class: "balance-quadrant", "data-quadrant": q.id }, qTitle, ul, empty);
      if (!form.readOnly) {
        const add = bind(h("button", { type: "button", class: "tool", "data-add-balance": q.id }), (el) => {
          el.replaceChildren(h("span", { "aria-hidden": "true" }, "+ "), t("addBalance"));
          el.setAttribute("aria-label", t("addBalanceTo", { quadrant: loc(q.label) }));
        });
        add.addEventListener("click", () => {
          const { id, changes } = newBalanceChanges(form.data.balance, q.id);
          form.client.change(changes, { undoable: true });
          this.parts.get(id)?.text.focus();
        });
        cell.append(add);
      }
      this.quadrants.set(q.id, { ul, empty, label: q.label });
      grid.append(cell);
    }
    return h("section", { class: "card fiche-section", "data-section": "balance", "aria-labelledby": "section-balance-title" }, title, question, grid);
  }

  private partsFor(e: BalanceEntry): EntryParts {
    const existing = this.parts.get(e.id);
    if (existing) return existing;
    const form = this.form;
    const id = `balance-${e.id}`;
    const text = h("input", { id, type: "text", class: "balance-text", maxlength: FIELD_MAX, autocomplete: "off" });
    form.wire(text, e.id, "text", e.id);
    const label = h("label", { for: id, class: "visually-hidden" });
    let remove: HTMLButtonElement | null = null;
    if (!form.readOnly) {
      remove = h("button", { type: "button", class: "tool balance-remove" }, icon("close", 18));
      remove.addEventListener("click", () => {
        form.client.change([{ item: e.id, field: "deleted", value: true }], { undoable: true });
        document.querySelector<HTMLElement>(`[data-add-balance="${CSS.escape(e.zone)}"]`)?.focus();
      });
    }
    const li = h("li", { class: "balance-entry", "data-balance": e.id }, label, text, remove);
    const parts = { li, text, label, remove };
    this.parts.set(e.id, parts);
    return parts;
  }

  /** Adds, removes, reorders and refreshes the entries of every quadrant to match the model. */
  paint(): void {
    const balance = this.form.data.balance;
    const live = new Set(balance.map((e) => e.id));
    for (const [id, p] of this.parts) {
      if (live.has(id)) continue;
      p.li.remove();
      this.form.unwire(p.text);
      this.parts.delete(id);
    }
    for (const [zone, q] of this.quadrants) {
      const entries = balance.filter((e) => e.zone === zone);
      entries.forEach((e, i) => {
        const p = this.partsFor(e);
        const n = i + 1;
        p.label.textContent = t("balanceEntry", { quadrant: loc(q.label), n });
        if (p.remove) {
          p.remove.setAttribute("aria-label", t("removeBalance", { n, quadrant: loc(q.label) }));
          p.remove.title = t("remove");
        }
        if (q.ul.children[i] !== p.li) q.ul.insertBefore(p.li, q.ul.children[i] ?? null);
      });
      q.empty.hidden = entries.length > 0;
    }
  }
}
