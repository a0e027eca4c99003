// The board toolbar's "Omzetten naar actiefiches" control (writers only, and only on templates with
// a `conversion`): a "rows" template (priority actions) converts its filled rows, a
// "selected-notes" one the selected notes. The result is announced and a button leads to the plan.
import { convertToFiches, type ConvertedFiche } from "../api";
import { announce, h } from "../dom";
import { errorMessage } from "../errors";
import { bind, t } from "../i18n";
import { icon } from "../icons";

export interface ConvertOptions {
  workshop: string;
  token: string;
  board: string;
  /** The template's conversion mode. */
  mode: "rows" | "selected-notes";
  /** The note ids to convert on a board that converts its selection. */
  selection(): string[];
  say(message: string): void;
  onConverted?(fiches: ConvertedFiche[]): void;
  openPlan(): void;
}

export interface ConvertControl {
  el: HTMLElement;
  setHasSelection(has: boolean): void;
}

export function convertSummary(fiches: readonly ConvertedFiche[]): string {
  const m = fiches.filter((f) => f.created).length;
  return fiches.length === 1 ? t("convertDoneOne", { m }) : t("convertDone", { n: fiches.length, m });
}

export function buildConvertControl(o: ConvertOptions): ConvertControl {
  const byRows = o.mode === "rows";
  let hasSelection = false;
  let busy = false;
  const hint = h("span", { id: "convert-hint", class: "convert-hint" });
  const button = h("button", { type: "button", class: "tool tool-convert", id: "convert-fiches", "aria-describedby": "convert-hint" });
  const result = h("span", { class: "convert-result", id: "convert-result" });
  const goPlan = bind(h("button", { type: "button", class: "tool", id: "open-action-plan" }), (el) => (el.textContent = t("openActionPlan")));
  goPlan.addEventListener("click", () => o.openPlan());
  const resultWrap = h("span", { class: "convert-done" }, result, goPlan);
  resultWrap.hidden = true;
  let lastResult: ConvertedFiche[] | null = null;

  const paint = () => {
    button.replaceChildren(icon("convert"), h("span", { class: "tool-text" }, t(busy ? "converting" : "convertFiches")));
    // Not disabled while busy, so focus stays on it; a click meanwhile is ignored.
    button.disabled = !byRows && !hasSelection;
    button.setAttribute("aria-busy", String(busy));
    const help = byRows ? t("convertRowsHelp") : hasSelection ? t("convertSelectedHelp") : t("convertSelectFirst");
    button.title = help;
    hint.textContent = help;
    // The hint is always in the accessible description; it is shown when it explains a disabled button.
    hint.classList.toggle("visually-hidden", byRows || hasSelection);
    if (lastResult) result.textContent = convertSummary(lastResult);
  };
  bind(button, paint);

  button.addEventListener("click", () => {
    if (busy || (!byRows && !hasSelection)) return;
    const items = byRows ? undefined : o.selection();
    busy = true;
    paint();
    convertToFiches(o.workshop, o.token, o.board, items)
      .then(({ fiches }) => {
        if (fiches.length === 0) {
          o.say(t("convertNothing"));
          announce(t("convertNothing"));
          return;
        }
        lastResult = fiches;
        resultWrap.hidden = false;
        paint();
        announce(convertSummary(fiches));
        o.onConverted?.(fiches);
      })
      .catch((e: unknown) => {
        const msg = t("convertFailed", { message: errorMessage(e) });
        o.say(msg);
        announce(msg);
      })
      .finally(() => {
        busy = false;
        paint();
      });
  });

  const el = h("div", { class: "tool-group convert-group" }, button, hint, resultWrap);
  return {
    el,
    setHasSelection(has) {
      if (has === hasSelection) return;
      hasSelection = has;
      paint();
    },
  };
}
