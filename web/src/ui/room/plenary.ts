// The plenary of a copies breakout (`[data-view="plenary"]`, URL `#board=plenary`): the last
// breakout's groups side by side, each column its group's board mounted read-only with its own
// client. In zones mode the plenary is the shared board itself, so this view hands over to it.
import { h } from "../dom";
import { bind, t } from "../i18n";
import type { MountedBoard } from "../board/view";
import type { Template } from "../template";
import type { RoomSession } from "./session";

export interface PlenaryOptions {
  session: RoomSession;
  /** The template of a board (fetching the workshop's boards again if needed); null when unknown. */
  templateOf: (board: string) => Promise<Template | null>;
  /** Mounts one group's board, read-only, into `host`. */
  mount: (host: HTMLElement, board: string, template: Template) => MountedBoard;
  /** Opens another view (zones mode: the shared board). */
  openView: (id: string) => void;
}

export function mountPlenary(host: HTMLElement, o: PlenaryOptions): { destroy(): void } {
  const heading = bind(h("h2", { id: "plenary-title" }), (el) => (el.textContent = t("plenaryTitle")));
  const empty = bind(h("p", { class: "help" }), (el) => (el.textContent = t(o.session.loaded ? "plenaryEmpty" : "loading")));
  const columns = h("div", { class: "plenary-columns" });
  const root = h("section", { class: "plenary-view", "data-view": "plenary", "aria-labelledby": "plenary-title" }, heading, empty, columns);
  host.replaceChildren(root);

  let mounted: MountedBoard[] = [];
  let shownKey: string | null = null;
  let generation = 0;
  let closed = false;

  const clear = () => {
    for (const m of mounted) m.destroy();
    mounted = [];
    columns.replaceChildren();
  };

  const paint = () => {
    const state = o.session.state;
    const b = state.breakout;
    if (b?.mode === "zones" && b.plenary) {
      // Deferred: this may run while the workshop is still mounting this view.
      const shared = b.plenary;
      return queueMicrotask(() => !closed && o.openView(shared));
    }
    const groups = b?.mode === "copies" ? state.groups.filter((g) => g.board) : [];
    empty.textContent = t(o.session.loaded ? "plenaryEmpty" : "loading");
    empty.hidden = groups.length > 0;
    const key = JSON.stringify(groups.map((g) => [g.board, g.name]));
    if (key === shownKey) return;
    shownKey = key;
    clear();
    const mine = ++generation;
    for (const g of groups) {
      const board = g.board as string;
      const boardHost = h("div", { class: "plenary-board" });
      const title = h("h3", { class: "plenary-group", id: `plenary-group-${board}` }, g.name);
      columns.append(h("section", { class: "plenary-column", "data-group-board": board }, title, boardHost));
      o.templateOf(board)
        .then((tpl) => {
          if (closed || mine !== generation) return;
          if (!tpl) return boardHost.replaceChildren(h("p", { role: "alert", class: "alert" }, t("plenaryBoardUnknown")));
          // A phone stacks the groups: each column as tall as its board is at that width (CSS).
          boardHost.style.setProperty("--canvas-hw", String(tpl.canvas.height / tpl.canvas.width));
          mounted.push(o.mount(boardHost, board, tpl));
          // Every group's copy has the template's name: the group's heading names its board
          // region, so the landmarks differ (axe landmark-unique).
          boardHost.querySelector("section.board")?.setAttribute("aria-labelledby", title.id);
        })
        .catch((e: unknown) => {
          if (closed || mine !== generation) return;
          boardHost.replaceChildren(h("p", { role: "alert", class: "alert" }, t("errGeneric", { message: e instanceof Error ? e.message : String(e) })));
        });
    }
  };

  const off = o.session.onChange(paint);
  paint();
  return {
    destroy() {
      closed = true;
      off();
      clear();
      root.remove();
    },
  };
}
