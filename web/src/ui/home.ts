// Home page: create a workshop (title + templates) and hand out its three links.
import { createWorkshop, fetchTemplates, type CreatedWorkshop } from "./api";
import { h } from "./dom";
import { copyInput } from "./clipboard";
import { errorMessage } from "./errors";
import { bind, loc, t, type Key } from "./i18n";
import { alertBox, renderShell } from "./shell";
import type { Template } from "./template";

export function renderHome(app: HTMLElement): void {
  document.title = "Samenbord";
  const { main } = renderShell(app, { langInHeader: true });
  const error = alertBox("form-error");
  const titleInput = h("input", {
    id: "workshop-title",
    name: "title",
    type: "text",
    required: true,
    maxlength: 200,
    autocomplete: "off",
  });
  const titleLabel = bind(h("label", { for: "workshop-title" }), (el) => (el.textContent = t("workshopTitle")));
  const legend = bind(h("legend"), (el) => (el.textContent = t("templatesLegend")));
  const help = bind(h("p", { id: "templates-help", class: "help" }), (el) => (el.textContent = t("templatesHelp")));
  const list = h("div", { class: "template-list" });
  const fieldset = h("fieldset", { class: "templates", "aria-describedby": "templates-help" }, legend, help, list);
  const createBtn = bind(h("button", { id: "create-workshop", type: "submit", class: "btn btn-primary" }), (el) => {
    el.textContent = t("createWorkshop");
  });
  const form = h(
    "form",
    { class: "card create-form", novalidate: true },
    h("div", { class: "field" }, titleLabel, titleInput),
    fieldset,
    error.el,
    createBtn,
  );
  const results = h("section", { class: "card results", "aria-labelledby": "links-title" });
  results.hidden = true;
  const heading = bind(h("h1"), (el) => (el.textContent = t("homeTitle")));
  const intro = bind(h("p", { class: "lead" }), (el) => (el.textContent = t("homeIntro")));
  main.append(h("div", { class: "page page-home" }, heading, intro, form, results));

  const loading = bind(h("p", { class: "help" }), (el) => (el.textContent = t("loading")));
  list.append(loading);
  fetchTemplates()
    .then((templates) => list.replaceChildren(...templates.map(templateOption)))
    .catch((e: unknown) => {
      loading.remove();
      error.show(`${t("templatesFailed")} ${errorMessage(e)}`);
    });

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const title = titleInput.value.trim();
    const chosen = [...form.querySelectorAll<HTMLInputElement>("input[name=template]:checked")].map((c) => c.value);
    if (!title) {
      error.show(t("needTitle"));
      titleInput.focus();
      return;
    }
    if (chosen.length === 0) {
      error.show(t("needTemplate"));
      form.querySelector<HTMLInputElement>("input[name=template]")?.focus();
      return;
    }
    error.show(null);
    createBtn.disabled = true;
    createBtn.textContent = t("creating");
    createWorkshop(title, chosen)
      .then((w) => showLinks(results, w))
      .catch((e: unknown) => error.show(errorMessage(e, "create")))
      .finally(() => {
        createBtn.disabled = false;
        createBtn.textContent = t("createWorkshop");
      });
  });
}

function templateOption(tpl: Template): HTMLElement {
  const id = `template-${tpl.id}`;
  const input = h("input", { type: "checkbox", name: "template", value: tpl.id, id, "aria-describedby": `${id}-desc` });
  const label = bind(h("label", { for: id, class: "template-title" }), (el) => (el.textContent = loc(tpl.title)));
  const desc = bind(h("span", { id: `${id}-desc`, class: "template-desc" }), (el) => (el.textContent = loc(tpl.description)));
  return h("div", { class: "template-option" }, input, h("div", {}, label, desc));
}

const ROLES = [
  ["facilitator", "linkFacilitator"],
  ["participant", "linkParticipant"],
  ["observer", "linkObserver"],
] as const satisfies readonly (readonly [string, Key])[];

function showLinks(section: HTMLElement, w: CreatedWorkshop): void {
  const heading = bind(h("h2", { id: "links-title" }), (el) => (el.textContent = t("linksTitle")));
  const intro = bind(h("p"), (el) => (el.textContent = t("linksIntro")));
  const rows = ROLES.map(([role, key]) => {
    const input = h("input", { id: `link-${role}`, type: "text", readonly: true, value: w.links[role], class: "link-input" });
    const label = bind(h("label", { for: input.id }), (el) => (el.textContent = t(key)));
    const btn = bind(h("button", { type: "button", class: "btn", "data-copy": role }), (el) => {
      el.textContent = t("copy");
      el.setAttribute("aria-label", t("copyLink", { label: t(key) }));
    });
    btn.addEventListener("click", () => void copyInput(input, btn));
    return h("div", { class: "field link-row" }, label, h("div", { class: "link-line" }, input, btn));
  });
  const open = bind(h("a", { href: w.links.facilitator, class: "btn btn-primary", id: "open-facilitator" }), (el) => {
    el.textContent = t("openFacilitator");
  });
  section.replaceChildren(heading, intro, ...rows, open);
  section.hidden = false;
  heading.tabIndex = -1;
  heading.focus();
}

