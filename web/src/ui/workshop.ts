// Workshop view: banner with title and role, a nav with one tab per board plus the action plan
// (and, with facilitation, the plenary and the facilitator's room), the facilitation bar, and the
// open view (a board, the action plan, one fiche, the plenary or the room). Switching stops the
// old view's client and connects a new one. Fiche boards (template action-fiche) get no tab of
// their own: they open from the action plan, and `&board=<fiche id>` in the URL reopens one
// after a reload. Boards a breakout made get no tab either: people are taken there (room/).
import type { Role } from "../sync/api";
import { workshopIdentity } from "../sync/identity";
import { fetchFicheSpec, fetchWorkshop, type BoardRef, type WorkshopInfo } from "./api";
import { mountBoard, type MountedBoard } from "./board/view";
import { h } from "./dom";
import { errorMessage } from "./errors";
import { mountFicheEditor } from "./fiche/editor";
import { mountPlan } from "./fiche/plan";
import type { FicheSpec } from "./fiche/spec";
import { bind, loc, t } from "./i18n";
import { FacilitationDesk, ROOM_VIEW } from "./room/desk";
import { PLENARY, wholeView, type ViewPoint } from "./room/navigation";
import { ROOM_TEMPLATE } from "./room/session";
import { hasCopiesBreakout } from "./room/state";
import { addDataTabs, dataViewTitle, isDataView, mountDataView } from "./indicators/tabs";
import { joinHash, parseJoinRoute } from "./routes";
import { mountSearch } from "./search";
import { mountSummary } from "./summary/view";
import { renderShell } from "./shell";
import type { Template } from "./template";

/** The tab and URL id of the action plan (no board has this id: board ids are generated). */
export const PLAN = "action-plan";
/** The tab and URL id of the session summary (SU-8). */
export const SUMMARY = "summary";
/** Boards of this template are fiches: they open in the fiche editor, not as tabs. */
export const FICHE_TEMPLATE = "action-fiche";

export interface WorkshopOptions {
  info: WorkshopInfo;
  templates: Template[];
  token: string;
  name: string;
  board: string | null;
}

/** Where to look once a board is open: a zone (breakout in zones mode), a point (follow), or all of it (`fit`). */
export interface Place {
  zone?: string | null;
  point?: ViewPoint | null;
  fit?: boolean;
}

export function renderWorkshop(app: HTMLElement, o: WorkshopOptions): void {
  const { header, headerEnd, main } = renderShell(app, { langInHeader: true, compact: true });
  let role: Role = o.info.role;
  const badge = h("span", { id: "role", class: "role-badge" });
  const paintBadge = () => {
    badge.dataset.role = role;
    badge.textContent = t("roleBadge", { role: t(`role_${role}`) });
  };
  bind(badge, paintBadge);
  headerEnd.prepend(badge);

  const byId = new Map(o.templates.map((tpl) => [tpl.id, tpl]));
  // ID-1/ID-2: one seat and one replica for every connection of this tab in this workshop.
  const identity = workshopIdentity(o.info.id);
  const title = h("h1", { class: "workshop-title", title: o.info.title }, o.info.title);
  const nav = bind(h("nav", { class: "board-tabs" }), (el) => el.setAttribute("aria-label", t("boardsNav")));
  // Where the search button (Ctrl+K) of a later change goes; empty until then.
  const searchSlot = h("div", { id: "search-slot", class: "search-slot" });
  // One row: the board gets the rest of the window (issue 15).
  header.insertBefore(h("div", { class: "workshop-head" }, title, nav, searchSlot), headerEnd);
  const notice = bind(h("p", { class: "readonly-notice", id: "readonly-notice" }), (el) => {
    el.textContent = t("readOnlyChip");
    el.title = t("readOnlyNotice");
  });
  headerEnd.prepend(notice);
  const boardHost = h("div", { class: "board-host" });
  const stage = h("div", { class: "stage", "data-view": "page" }, boardHost);
  const page = h("div", { class: "page page-workshop" }, stage);
  main.append(page);

  const roomRef = o.info.boards.find((b) => b.template === ROOM_TEMPLATE) ?? null;
  const boards = o.info.boards.filter((b) => b.template !== FICHE_TEMPLATE && b.template !== ROOM_TEMPLATE);
  /** Every openable board, also those learned later (a breakout's copies). */
  const known = new Map<string, BoardRef>(boards.map((b) => [b.id, b]));
  const ficheIds = new Set(o.info.boards.filter((b) => b.template === FICHE_TEMPLATE).map((b) => b.id));

  const tabs = new Map<string, HTMLButtonElement>();
  const tab = (id: string, cls: string, label: () => string, extra: Record<string, string> = {}) => {
    const btn = bind(h("button", { type: "button", class: cls, "data-board-tab": id, ...extra }), (el) => (el.textContent = label()));
    btn.addEventListener("click", () => open(id));
    tabs.set(id, btn);
    nav.append(btn);
    return btn;
  };
  for (const b of boards) {
    const tpl = byId.get(b.template);
    tab(b.id, "tab", () => (tpl ? loc(tpl.title) : b.template), { "data-template": b.template });
  }
  const plenaryTab = tab(PLENARY, "tab tab-plenary", () => t("plenaryTab"));
  plenaryTab.hidden = true;
  tab(PLAN, "tab tab-plan", () => t("actionPlan"));
  tab(SUMMARY, "tab tab-plan tab-summary", () => t("summaryTab"));
  addDataTabs(tab, role);
  const roomTab = tab(ROOM_VIEW, "tab tab-room", () => t("roomTab"));
  roomTab.hidden = true;

  let current: { destroy(): void } | null = null;
  let currentId: string | null = null;
  /** The open board, when the open view is one (for follow and "note my answer"). */
  let openBoard: { id: string; board: MountedBoard; template: Template } | null = null;

  /** The room connection and its views; null for a workshop without a room board. */
  let desk: FacilitationDesk | null = null;

  let learning: Promise<void> | null = null;
  /** Asks the server which boards the workshop has now (fiches and breakout copies made since this page loaded). */
  function learnBoards(): Promise<void> {
    learning ??= fetchWorkshop(o.info.id, o.token)
      .then((info) => {
        for (const b of info.boards) {
          if (b.template === FICHE_TEMPLATE) ficheIds.add(b.id);
          else if (b.template !== ROOM_TEMPLATE && !known.has(b.id)) known.set(b.id, b);
        }
      })
      .finally(() => (learning = null));
    return learning;
  }

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
    desk?.paint();
    const id = currentId;
    currentId = null;
    if (id) open(id);
  };

  /** Looks at a zone or point of the open board (no-op until the board view offers setView). */
  function look(place: Place | undefined): void {
    if (!openBoard || !place) return;
    const p = place.point ?? (place.zone ? desk?.zonePoint(openBoard.template, place.zone, boardHost) : place.fit ? wholeView(openBoard.template) : null);
    if (p) openBoard.board.setView(p.x, p.y, p.zoom, p.w && p.h ? { w: p.w, h: p.h } : null);
  }

  let opening = 0;
  function open(viewId: string, place?: Place): void {
    const ticket = ++opening;
    const isKnown = viewId === PLAN || viewId === SUMMARY || ficheIds.has(viewId) || known.has(viewId) || viewId === PLENARY || viewId === ROOM_VIEW || isDataView(viewId);
    if (!isKnown) {
      // A board made since this page loaded (a fiche, a group's copy): learn it, then open.
      learnBoards()
        .catch((e: unknown) => console.error("samenbord: could not refresh the workshop's boards", e))
        .finally(() => ticket === opening && show(viewId, place));
      return;
    }
    show(viewId, place);
  }

  function resolve(viewId: string): string {
    if (viewId === PLAN || viewId === SUMMARY || ficheIds.has(viewId) || known.has(viewId) || isDataView(viewId)) return viewId;
    if (viewId === ROOM_VIEW && role === "facilitator" && desk) return viewId;
    if (viewId === PLENARY && desk) {
      const b = desk.session.state.breakout;
      return b?.mode === "zones" && b.plenary && known.has(b.plenary) ? b.plenary : PLENARY;
    }
    return boards[0]?.id ?? PLAN;
  }

  function show(viewId: string, place?: Place): void {
    const id = resolve(viewId);
    if (id === currentId) return look(place);
    current?.destroy();
    current = null;
    openBoard = null;
    // Other views are pages: the facilitation bar sits in their flow.
    if (desk) stage.insertBefore(desk.overlay.el, boardHost);
    stage.dataset.view = "page";
    currentId = id;
    boardHost.dataset.open = id;
    const tabId = ficheIds.has(id) ? PLAN : id;
    for (const [tid, btn] of tabs) {
      if (tid === tabId) {
        btn.setAttribute("aria-current", "page");
        btn.scrollIntoView({ block: "nearest", inline: "nearest" }); // the tab row scrolls on a phone
      } else btn.removeAttribute("aria-current");
    }
    history.replaceState(null, "", location.pathname + joinHash(o.token, id));

    if (isDataView(id)) {
      document.title = `${dataViewTitle(id)} · ${o.info.title} · Samenbord`;
      current = mountDataView(id, boardHost, {
        workshop: o.info.id,
        token: o.token,
        boards: boards.map((b) => ({ id: b.id, title: loc(byId.get(b.template)?.title) || b.template, template: byId.get(b.template) })),
      });
      return;
    }
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
    if (id === SUMMARY) {
      document.title = `${t("summaryTab")} · ${o.info.title} · Samenbord`;
      current = mountSummary(boardHost, { workshop: o.info.id, token: o.token });
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
            identity,
            onRole: reopen,
            onBack: () => open(PLAN),
          }),
        true,
      );
      return;
    }
    if ((id === PLENARY || id === ROOM_VIEW) && desk) {
      document.title = `${t(id === PLENARY ? "plenaryTab" : "roomTab")} · ${o.info.title} · Samenbord`;
      current = id === PLENARY ? desk.mountPlenary(boardHost) : desk.mountRoom(boardHost);
      return;
    }
    const ref = known.get(id)!;
    const tpl = byId.get(ref.template);
    if (!tpl) {
      boardHost.replaceChildren(h("p", { role: "alert", class: "alert" }, t("unknownTemplate", { id: ref.template })));
      return;
    }
    document.title = `${loc(tpl.title)} · ${o.info.title} · Samenbord`;
    const board = mountBoard(boardHost, {
      template: tpl,
      boardId: ref.id,
      token: o.token,
      name: o.name,
      role,
      identity,
      onRole: reopen,
      fiches: {
        workshop: o.info.id,
        openPlan: () => open(PLAN),
      },
      onViewChange: (x, y, zoom, span) => desk?.viewChanged({ board: ref.id, x, y, zoom, w: Math.round(span.w), h: Math.round(span.h) }),
    });
    current = board;
    openBoard = { id: ref.id, board, template: tpl };
    // The facilitation bar floats over the board, at the top in the middle.
    if (desk) board.topSlot.prepend(desk.overlay.el);
    stage.dataset.view = "board";
    look(place);
  }

  desk = roomRef
    ? new FacilitationDesk({
        room: roomRef.id,
        workshop: o.info.id,
        token: o.token,
        name: o.name,
        identity,
        templates: o.templates.filter((tpl) => tpl.id !== FICHE_TEMPLATE && tpl.id !== ROOM_TEMPLATE),
        role: () => role,
        openView: (id, place) => open(id, place),
        openBoard: () => openBoard,
        templateOf: async (id) => {
          if (!known.has(id)) await learnBoards();
          const ref = known.get(id);
          return ref ? byId.get(ref.template) ?? null : null;
        },
        // The workshop's own boards: those with a tab that no breakout made.
        boards: () => {
          const made = desk ? desk.breakoutBoards(desk.session.state) : new Set<string>();
          return boards
            .filter((b) => !made.has(b.id))
            .map((b) => ({ id: b.id, title: loc(byId.get(b.template)?.title) || b.template, template: byId.get(b.template) }));
        },
        onState: (state) => {
          const made = desk ? desk.breakoutBoards(state) : new Set<string>();
          for (const b of boards) tabs.get(b.id)!.hidden = made.has(b.id);
          plenaryTab.hidden = !hasCopiesBreakout(state);
          roomTab.hidden = role !== "facilitator";
        },
      })
    : null;
  if (desk) stage.insertBefore(desk.overlay.el, boardHost);
  roomTab.hidden = !desk || role !== "facilitator";

  // FA-10: keep the other roles' tokens of a facilitator link before the fragment is rewritten.
  const first = parseJoinRoute(location.pathname, location.hash);
  if (desk && first?.workshop === o.info.id) desk.rememberLinks(first.participant, first.observer);

  notice.hidden = role !== "observer";
  // Search (SE-*): button#search-open (in the layout's #search-slot when there is one) and Ctrl/Cmd+K.
  mountSearch({
    workshop: o.info.id, token: o.token, identity, header: headerEnd, boardHost, learn: learnBoards,
    open: (id) => open(id),
    setView: (x, y, zoom) => openBoard?.board.setView(x, y, zoom),
    boards: () => [...known.values()].map((ref) => {
      const tpl = byId.get(ref.template);
      return { id: ref.id, title: loc(tpl?.title) || ref.template, zones: (tpl?.zones ?? []).map((z) => ({ id: z.id, label: loc(z.label) })) };
    }),
    board: (id) => {
      const ref = known.get(id);
      if (ref) return { title: loc(byId.get(ref.template)?.title) || ref.template, template: ref.template };
      if (ficheIds.has(id)) return { title: t("ficheTitle"), template: FICHE_TEMPLATE };
      return id === roomRef?.id ? { title: t("roomTab"), template: ROOM_TEMPLATE } : null;
    },
  });
  open(o.board ?? boards[0]?.id ?? PLAN);
  desk?.start();
  window.addEventListener("hashchange", () => {
    // A plain "#summary" link (SU-8) opens the summary; show() writes the token back into the fragment.
    if (location.hash === `#${SUMMARY}`) return open(SUMMARY);
    const route = parseJoinRoute(location.pathname, location.hash);
    const target = route?.board;
    if (target && target !== currentId) open(target);
  });
}
