// Workshop view: banner with title and role, a nav with one tab per board, and the open board.
// Switching boards stops the old board's client and connects a new one.
import type { Role } from "../sync/api";
import type { WorkshopInfo } from "./api";
import { mountBoard, type MountedBoard } from "./board/view";
import { h } from "./dom";
import { bind, loc, t } from "./i18n";
import { joinHash, parseJoinRoute } from "./routes";
import { renderShell } from "./shell";
import type { Template } from "./template";

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

  const tabs = new Map<string, HTMLButtonElement>();
  for (const b of o.info.boards) {
    const tpl = byId.get(b.template);
    const btn = bind(h("button", { type: "button", class: "tab", "data-board-tab": b.id, "data-template": b.template }), (el) => {
      el.textContent = tpl ? loc(tpl.title) : b.template;
    });
    btn.addEventListener("click", () => open(b.id));
    tabs.set(b.id, btn);
    nav.append(btn);
  }

  let current: MountedBoard | null = null;
  let currentId: string | null = null;

  function open(boardId: string): void {
    const ref = o.info.boards.find((b) => b.id === boardId) ?? o.info.boards[0];
    if (!ref || ref.id === currentId) return;
    current?.destroy();
    currentId = ref.id;
    for (const [id, btn] of tabs) {
      if (id === ref.id) btn.setAttribute("aria-current", "page");
      else btn.removeAttribute("aria-current");
    }
    history.replaceState(null, "", location.pathname + joinHash(o.token, ref.id));
    const tpl = byId.get(ref.template);
    if (!tpl) {
      boardHost.replaceChildren(h("p", { role: "alert", class: "alert" }, t("unknownTemplate", { id: ref.template })));
      current = null;
      return;
    }
    document.title = `${loc(tpl.title)} · ${o.info.title} · Samenbord`;
    current = mountBoard(boardHost, {
      template: tpl,
      boardId: ref.id,
      token: o.token,
      name: o.name,
      role,
      onRole: (r) => {
        // The server's word wins: reopen the board read-only (or editable) to match it.
        role = r;
        paintBadge();
        notice.hidden = r !== "observer";
        currentId = null;
        open(ref.id);
      },
    });
  }

  notice.hidden = role !== "observer";
  open(o.board ?? o.info.boards[0]?.id ?? "");
  window.addEventListener("hashchange", () => {
    const route = parseJoinRoute(location.pathname, location.hash);
    if (route?.board && route.board !== currentId) open(route.board);
  });
}
