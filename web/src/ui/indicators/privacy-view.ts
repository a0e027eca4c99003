// The privacy page as a disclosure inside My data and the personal page (#privacy opens it).
import { h } from "../dom";
import { getLang, onLangChange } from "../i18n";
import { ti } from "./i18n";
import { privacyText } from "./privacy";

/** The thresholds the node applies (PROTOCOL.md IND-10, IND-14 defaults). */
export const SHOWN_K = 5;
export const SHOWN_K_HEART = 10;
export const RETENTION_DAYS = 365;

export function privacyView(open: boolean): { el: HTMLDetailsElement; destroy(): void } {
  const summary = h("summary", { id: "privacy-link" });
  const body = h("div", { class: "privacy", id: "privacy" });
  const el = h("details", { class: "privacy-details" }, summary, body);
  el.open = open;
  const paint = () => {
    summary.textContent = ti("privacyLink");
    const lang = getLang();
    body.setAttribute("lang", lang);
    body.replaceChildren(
      h("h3", {}, ti("privacyTitle")),
      ...privacyText(lang, SHOWN_K, SHOWN_K_HEART, RETENTION_DAYS).flatMap((s) => [h("h4", {}, s.title), ...s.paragraphs.map((p) => h("p", {}, p))]),
    );
  };
  paint();
  return { el, destroy: onLangChange(paint) };
}
