// Workshop view: banner with title and role, a nav with one tab per board plus the action plan,
// and the open view (a board, the action plan or one fiche). Switching stops the old view's
// client and connects a new one. Fiche boards (template action-fiche) get no tab of their own:
// they open from the action plan, and `&board=<fiche id>` in the URL reopens one after a reload.
import type { Role } from "../sync/api";
import { fetchFicheSpec, fetchWorkshop, type WorkshopInfo } from "./api";
import { mountBoard } from "./board/view";
import { h } from "./dom";
import { errorMessage } from "./errors";
import { mountFicheEditor } from "./fiche/editor";
import { mountPlan } from "./fiche/plan";
import type { FicheSpec } from "./fiche/spec";
import { bind, loc, t } from "./i18n";
import { joinHash, parseJoinRoute } from "./routes";
import { renderShell } from "./shell";
import type { Template } from "./template";

/** The tab and URL id of the action plan (no board has this id: board ids are generated). */
export const PLAN = "action-plan";
/** Boards of this template are fiches: they open in the fiche editor, not as tabs. */
export const FICHE_TEMPLATE = "action-fiche";

export interface WorkshopOptions {
  info: WorkshopInfo;
  templates: Template[];
  token: string;
  name: string;
  board: string | null;
}

export function renderWorkshop(app: HTMLElement, o: WorkshopOptions): void {
  const { headerEnd, main } = renderShell(app, { langInHeader: false });
  let role: Role = o.info.role;
  const badge = h("span", { id: "role", class: "role-badge" });
  const paintBadge = () => {
    badge.dataset.role = role;
    badge.textContent = t("roleBadge", { role: t(`role_${role}`) });
  };
  bind(badge, paintBadge);
  headerEnd.append(badge);

  const byId = new Map(o.templates.map((tpl) => [tpl.id, tpl]));
  const title = h("h1", { class: "workshop-title" }, o.info.title);
  const nav = bind(h("nav", { class: "board-tabs" }), (el) => el.setAttribute("aria-label", t("boardsNav")));
  const notice = bind(h("p", { class: "readonly-notice", id: "readonly-notice" }), (el) => (el.textContent = t("readOnlyNotice")));
  const boardHost = h("div", { class: "board-host" });
  main.append(h("div", { class: "page page-workshop" }, h("div", { class: "workshop-head" }, title, nav), notice, boardHost));

  const boards = o.info.boards.filter((b) => b.template !== FICHE_TEMPLATE);
  const ficheIds = new Set(o.info.boards.filter((b) => b.template === FICHE_TEMPLATE).map((b) => b.id));

  const tabs = new Map<string, HTMLButtonElement>();
  for (const b of boards) {
    const tpl = byId.get(b.template);
    const btn = bind(h("button", { type: "button", class: "tab", "data-board-tab": b.id, "data-template": b.template }), (el) => {
      el.textContent = tpl ? loc(tpl.title) : b.template;
    });
    btn.addEventListener("click", () => open(b.id));
    tabs.set(b.id, btn);
    nav.append(btn);
  }
  const planTab = bind(h("button", { type: "button", class: "tab tab-plan", "data-board-tab": PLAN }), (el) => (el.textContent = t("actionPlan")));
  planTab.addEventListener("click", () => open(PLAN));
  tabs.set(PLAN, planTab);
  nav.append(planTab);

  let current: { destroy(): void } | null = null;
  let currentId: string | null = null;

  /** Mounts a view that needs the fiche spec first; a view closed meanwhile is never mounted. */
  function withSpec(mount: (spec: FicheSpec | null) => { destroy(): void }, required: boolean): { destroy(): void } {
    let view: { destroy(): void } | null = null;
    let closed = false;
    boardHost.replaceChildren(bind(h("p", { class: "help" }), (el) => (el.textContent = t("loading"))));
    fetchFicheSpec()
      .then((spec) => spec, (e: unknown) => {
        if (!required) return null;
        throw e;
      })
      .then((spec) => {
        if (!closed) view = mount(spec);
      })
      .catch((e: unknown) => {
        if (closed) return;
        boardHost.replaceChildren(h("p", { role: "alert", class: "alert" }, `${t("ficheSpecFailed")} ${errorMessage(e)}`));
      });
    return {
      destroy() {
        closed = true;
        view?.destroy();
      },
    };
  }

  const reopen = (r: Role) => {
    // The server's word wins: reopen the view read-only (or editable) to match it.
    role = r;
    paintBadge();
    notice.hidden = r !== "observer";
    const id = currentId;
    currentId = null;
    if (id) open(id);
  };

  function open(viewId: string): void {
    const id = viewId === PLAN || ficheIds.has(viewId) ? viewId : (boards.find((b) => b.id === viewId) ?? boards[0])?.id ?? PLAN;
    if (id === currentId) return;
    current?.destroy();
    current = null;
    currentId = id;
    const tabId = ficheIds.has(id) ? PLAN : id;
    for (const [tid, btn] of tabs) {
      if (tid === tabId) btn.setAttribute("aria-current", "page");
      else btn.removeAttribute("aria-current");
    }
    history.replaceState(null, "", location.pathname + joinHash(o.token, id));

    if (id === PLAN) {
      document.title = `${t("actionPlan")} · ${o.info.title} · Samenbord`;
      current = withSpec(
        (spec) =>
          mountPlan(boardHost, {
            workshop: o.info.id,
            token: o.token,
            spec,
            onOpen: (ficheId) => {
              ficheIds.add(ficheId);
              open(ficheId);
            },
          }),
        false,
      );
      return;
    }
    if (ficheIds.has(id)) {
      document.title = `${t("ficheTitle")} · ${o.info.title} · Samenbord`;
      current = withSpec(
        (spec) =>
          mountFicheEditor(boardHost, {
            spec: spec!,
            ficheId: id,
            token: o.token,
            name: o.name,
            role,
            onRole: reopen,
            onBack: () => open(PLAN),
          }),
        true,
      );
      return;
    }
    const ref = boards.find((b) => b.id === id)!;
    const tpl = byId.get(ref.template);
    if (!tpl) {
      boardHost.replaceChildren(h("p", { role: "alert", class: "alert" }, t("unknownTemplate", { id: ref.template })));
      return;
    }
    document.title = `${loc(tpl.title)} · ${o.info.title} · Samenbord`;
    current = mountBoard(boardHost, {
      template: tpl,
      boardId: ref.id,
      token: o.token,
      name: o.name,
      role,
      onRole: reopen,
      fiches: {
        workshop: o.info.id,
        openPlan: () => open(PLAN),
      },
    });
  }

  notice.hidden = role !== "observer";
  open(o.board ?? boards[0]?.id ?? PLAN);
  window.addEventListener("hashchange", () => {
    const route = parseJoinRoute(location.pathname, location.hash);
    const target = route?.board;
    if (!target || target === currentId) return;
    if (target === PLAN || ficheIds.has(target) || boards.some((b) => b.id === target)) return open(target);
    // A fiche made since this page loaded: ask the server which boards the workshop has now.
    fetchWorkshop(o.info.id, o.token)
      .then((info) => {
        for (const b of info.boards) if (b.template === FICHE_TEMPLATE) ficheIds.add(b.id);
      })
      .catch(() => undefined)
      .finally(() => open(target));
  });
}
