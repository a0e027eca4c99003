// Join page: check the link with the server, ask for a display name, then open the workshop.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { fetchTemplates, fetchWorkshop, type WorkshopInfo } from "./api";
import { h } from "./dom";
import { errorMessage } from "./errors";
import { bind, t } from "./i18n";
import type { JoinRoute } from "./routes";
import { alertBox, renderShell } from "./shell";
import type { Template } from "./template";
import { renderWorkshop } from "./workshop";

const NAME_KEY = "samenbord.name";

function storedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? "";
  } catch {
    return "";
  }
}

function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // remembered for this page only
  }
}

/**
 * This tab joined this workshop with this link before (sessionStorage `samenbord.joined.<workshop>`,
 * a hash of the token, not the token): coming back to it, after the browser's offline page too,
 * goes straight to the board, without a second click.
 */
function joinedKey(workshop: string): string {
  return `samenbord.joined.${workshop}`;
}

function tokenMark(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token))).slice(0, 16);
}

function joinedHere(workshop: string, token: string): boolean {
  try {
    return sessionStorage.getItem(joinedKey(workshop)) === tokenMark(token);
  } catch {
    return false;
  }
}

function rememberJoin(workshop: string, token: string): void {
  try {
    sessionStorage.setItem(joinedKey(workshop), tokenMark(token));
  } catch {
    // storage blocked: the name is asked again after a reload elsewhere than a plain reload
  }
}

function pageWasReloaded(): boolean {
  const nav = typeof performance !== "undefined" ? performance.getEntriesByType?.("navigation")[0] : undefined;
  return (nav as PerformanceNavigationTiming | undefined)?.type === "reload";
}

export function renderJoin(app: HTMLElement, route: JoinRoute): void {
  const { main } = renderShell(app, { langInHeader: true });
  const error = alertBox("join-error");
  const heading = bind(h("h1"), (el) => (el.textContent = t("loading")));
  const page = h("div", { class: "page page-join" }, heading, error.el);
  main.append(page);
  const home = bind(h("a", { href: "/", class: "btn" }), (el) => (el.textContent = t("backHome")));

  if (!route.token) {
    bind(heading, (el) => (el.textContent = "Samenbord"));
    error.show(t("errNoToken"));
    page.append(home);
    return;
  }
  const token = route.token;
  Promise.all([fetchWorkshop(route.workshop, token), fetchTemplates()])
    .then(([info, templates]) => showForm(app, page, heading, info, templates, token, route.board))
    .catch((e: unknown) => {
      bind(heading, (el) => (el.textContent = "Samenbord"));
      error.show(errorMessage(e));
      page.append(home);
    });
}

function showForm(
  app: HTMLElement,
  page: HTMLElement,
  heading: HTMLElement,
  info: WorkshopInfo,
  templates: Template[],
  token: string,
  board: string | null,
): void {
  document.title = `${info.title} · Samenbord`;
  // A reload puts a person straight back where they were (a facilitator mid-breakout, too):
  // only a link opened afresh asks for the name.
  const remembered = storedName();
  if (remembered && (pageWasReloaded() || joinedHere(info.id, token))) {
    rememberJoin(info.id, token);
    renderWorkshop(app, { info, templates, token, name: remembered, board });
    return;
  }
  bind(heading, (el) => (el.textContent = t("joinTitle", { title: info.title })));
  const roleText = bind(h("p", { class: "lead", id: "join-role", "data-role": info.role }), (el) => {
    el.textContent = t("joinRole", { role: t(`role_${info.role}`) });
  });
  const input = h("input", {
    id: "display-name",
    name: "name",
    type: "text",
    required: true,
    maxlength: 60,
    autocomplete: "nickname",
    "aria-describedby": "display-name-help",
    value: storedName(),
  });
  const label = bind(h("label", { for: "display-name" }), (el) => (el.textContent = t("displayName")));
  const help = bind(h("p", { id: "display-name-help", class: "help" }), (el) => (el.textContent = t("displayNameHelp")));
  const nameError = alertBox("name-error");
  const button = bind(h("button", { id: "join-board", type: "submit", class: "btn btn-primary" }), (el) => {
    el.textContent = t("joinBoard");
  });
  const form = h("form", { class: "card join-form", novalidate: true }, h("div", { class: "field" }, label, input, help), nameError.el, button);
  page.append(roleText, form);
  input.focus();
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const name = input.value.trim();
    if (!name) {
      nameError.show(t("needName"));
      input.focus();
      return;
    }
    rememberName(name);
    rememberJoin(info.id, token);
    renderWorkshop(app, { info, templates, token, name, board });
  });
}
