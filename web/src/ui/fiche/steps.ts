// The steps timeline of a "steps" section (#steps): one dated step per item of kind "step", in
// order, each with a date, a text, a remove button and an "editing by" marker.
import { h } from "../dom";
import { bind, t } from "../i18n";
import { icon } from "../icons";
import { FIELD_MAX, type FicheForm } from "./form";
import { newStepChanges, type Step } from "./model";

interface StepParts {
  li: HTMLLIElement;
  date: HTMLInputElement;
  text: HTMLInputElement;
  dateLabel: HTMLLabelElement;
  textLabel: HTMLLabelElement;
  remove: HTMLButtonElement | null;
  marker: HTMLElement;
}

export class StepsTimeline {
  private readonly list = h("ol", { class: "steps", id: "steps" });
  private readonly empty = bind(h("p", { class: "help no-steps" }), (el) => (el.textContent = t("noSteps")));
  private readonly parts = new Map<string, StepParts>();

  constructor(private readonly form: FicheForm) {}

  /** Puts the timeline (and, for editors, the add button) into its section. */
  fill(section: HTMLElement): void {
    section.append(this.list, this.empty);
    if (!this.form.readOnly) {
      const add = bind(h("button", { type: "button", class: "btn", id: "add-step" }), (el) => {
        el.replaceChildren(h("span", { "aria-hidden": "true" }, "+ "), t("addStep"));
      });
      add.addEventListener("click", () => this.add());
      section.append(add);
    }
  }

  private add(): void {
    const form = this.form;
    if (form.readOnly) return;
    const { id, changes } = newStepChanges(form.data.steps);
    form.client.change(changes, { undoable: true });
    form.say(t("stepAdded"));
    this.parts.get(id)?.date.focus();
  }

  private partsFor(step: Step): StepParts {
    const existing = this.parts.get(step.id);
    if (existing) return existing;
    const form = this.form;
    const dateId = `step-${step.id}-date`;
    const textId = `step-${step.id}-text`;
    const date = h("input", { id: dateId, type: "date", class: "step-date", "data-step-field": "date" });
    const text = h("input", { id: textId, type: "text", class: "step-text", maxlength: FIELD_MAX, autocomplete: "off", "data-step-field": "text" });
    form.wire(date, step.id, "date", step.id);
    form.wire(text, step.id, "text", step.id);
    const dateLabel = h("label", { for: dateId, class: "visually-hidden" });
    const textLabel = h("label", { for: textId, class: "visually-hidden" });
    let remove: HTMLButtonElement | null = null;
    if (!form.readOnly) {
      remove = h("button", { type: "button", class: "tool step-remove", "data-remove-step": step.id });
      remove.addEventListener("click", () => {
        const at = form.data.steps.findIndex((s) => s.id === step.id);
        form.client.change([{ item: step.id, field: "deleted", value: true }], { undoable: true });
        form.say(t("stepRemoved"));
        const steps = form.data.steps;
        const next = steps[Math.min(at, steps.length - 1)];
        (next ? this.parts.get(next.id)?.text : document.getElementById("add-step"))?.focus();
      });
    }
    const m = form.marker(step.id);
    const li = h("li", { class: "step", "data-step": step.id }, dateLabel, date, textLabel, text, remove, m);
    const parts = { li, date, text, dateLabel, textLabel, remove, marker: m };
    this.parts.set(step.id, parts);
    return parts;
  }

  /** Adds, removes, reorders and refreshes the steps to match the model. */
  paint(): void {
    const steps = this.form.data.steps;
    const live = new Set(steps.map((s) => s.id));
    for (const [id, p] of this.parts) {
      if (live.has(id)) continue;
      p.li.remove();
      this.form.unwire(p.text);
      this.parts.delete(id);
      this.form.forgetMarker(id);
    }
    steps.forEach((s, i) => {
      const p = this.partsFor(s);
      const n = i + 1;
      p.dateLabel.textContent = t("stepDate", { n });
      p.textLabel.textContent = t("stepText", { n });
      p.text.placeholder = t("stepText", { n });
      if (p.remove) {
        p.remove.replaceChildren(icon("close", 18));
        p.remove.setAttribute("aria-label", t("removeStep", { n }));
        p.remove.title = t("removeStep", { n });
      }
      if (document.activeElement !== p.date && p.date.value !== s.date) p.date.value = s.date;
      if (this.list.children[i] !== p.li) this.list.insertBefore(p.li, this.list.children[i] ?? null);
    });
    this.empty.hidden = steps.length > 0;
  }
}
