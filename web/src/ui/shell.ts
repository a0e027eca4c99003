// The page frame shared by all views: skip link, banner with the brand, main landmark and the
// polite live region used for announcements ("Gekopieerd", connection lost, ...).
import { h } from "./dom";
import { bind, getLang, setLang, t } from "./i18n";

export interface Shell {
  header: HTMLElement;
  /** Right-hand side of the banner (role badge, language switch). */
  headerEnd: HTMLElement;
  main: HTMLElement;
}

/** `compact`: the workshop page's one-row header (no tagline), so the board gets the window. */
export function renderShell(app: HTMLElement, options: { langInHeader: boolean; compact?: boolean }): Shell {
  const skip = bind(h("a", { class: "skip-link", href: "#main" }), (el) => (el.textContent = t("skipToMain")));
  const brand = h("a", { class: "brand", href: "/", "aria-label": "Samenbord" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), h("span", { class: "brand-name" }, "Samenbord"));
  const tagline = bind(h("span", { class: "tagline" }), (el) => (el.textContent = t("tagline")));
  const headerEnd = h("div", { class: "header-end" });
  if (options.langInHeader) headerEnd.append(langSwitch());
  const header = h("header", { class: `app-header${options.compact ? " app-header-compact" : ""}` }, h("div", { class: "brand-wrap" }, brand, ...(options.compact ? [] : [tagline])), headerEnd);
  if (options.compact) app.classList.add("app-stage");
  const main = h("main", { id: "main", tabindex: "-1" });
  const announcer = h("div", { id: "announcer", class: "visually-hidden", "aria-live": "polite", role: "status" });
  app.replaceChildren(skip, header, main, announcer);
  return { header, headerEnd, main };
}

/** Button#lang-switch; its text is the other language, in that language. */
export function langSwitch(): HTMLButtonElement {
  const btn = h("button", { id: "lang-switch", type: "button", class: "btn btn-quiet lang-switch" });
  bind(btn, (el) => {
    const other = getLang() === "nl" ? "en" : "nl";
    el.textContent = t("langSwitch");
    el.setAttribute("lang", other);
    el.setAttribute("aria-label", t("langSwitchLabel"));
  });
  btn.addEventListener("click", () => setLang(getLang() === "nl" ? "en" : "nl"));
  return btn;
}

/** A role=alert box for errors; empty (and hidden) until a message is set. */
export function alertBox(id: string): { el: HTMLElement; show(msg: string | null): void } {
  const el = h("div", { id, role: "alert", class: "alert" });
  el.hidden = true;
  return {
    el,
    show(msg) {
      el.textContent = msg ?? "";
      el.hidden = !msg;
    },
  };
}
