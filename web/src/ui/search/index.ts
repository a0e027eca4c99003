// Search on the workshop page (server/PROTOCOL.md SE-*): `button#search-open` in the layout's
// `#search-slot` when the page has one, else at the start of the header's end; Ctrl+K (Cmd+K on a
// Mac) anywhere on the page; `openSearch()` for anything else that wants to open it. Choosing a
// result opens its board (or fiche) through the page's own navigation and lands on the note.
import type { Identity } from "../../sync/identity";
import { h } from "../dom";
import { icon } from "../icons";
import { bind, t } from "../i18n";
import { SearchDialog } from "./dialog";
import type { FilterBoard } from "./filters";
import { land } from "./landing";
import { isSearchShortcut, targetOf, type SearchHit } from "./model";
import "./search.css";

export interface SearchOptions {
  workshop: string;
  token: string;
  identity: Identity | null;
  /** Where the button goes when the page has no `#search-slot`. */
  header: HTMLElement;
  /** Where the open view renders (a result is looked for there). */
  boardHost: HTMLElement;
  board(id: string): { title: string; template: string } | null;
  /** The boards the board filter offers (SE-4), with their zones. */
  boards(): FilterBoard[];
  learn(): Promise<void>;
  /** Opens a board, fiche or the action plan by id (the page's navigation). */
  open(id: string): void;
  /** Centres board point (x, y) at a zoom on the open board, if one is open. */
  setView(x: number, y: number, zoom: number): void;
}

export interface MountedSearch {
  open(): void;
  destroy(): void;
}

let current: MountedSearch | null = null;

/** Opens the search dialog of the page's workshop (no-op before one is mounted). */
export function openSearch(): void {
  current?.open();
}

export function mountSearch(o: SearchOptions): MountedSearch {
  current?.destroy();
  const dialog = new SearchDialog({
    workshop: o.workshop,
    token: o.token,
    identity: o.identity,
    board: o.board,
    boards: o.boards,
    // The open board says whether it shows authors (FA-11); other boards are not loaded here.
    anonymous: (id) => !!document.querySelector(`#board.anonymous[data-board-id="${CSS.escape(id)}"]`),
    learn: o.learn,
    pick: (hit, template) => go(o, hit, template),
  });
  document.body.append(dialog.el);
  const button = h("button", { id: "search-open", type: "button", class: "btn btn-quiet search-open", "aria-keyshortcuts": "Control+K Meta+K", "aria-haspopup": "dialog" });
  bind(button, (el) => {
    // A phone shows only the magnifier (stage.css): the header row is the board tabs' too.
    el.replaceChildren(icon("search", 18), h("span", { class: "search-open-text" }, t("searchOpen")));
    el.title = t("searchOpenLabel");
    el.setAttribute("aria-label", t("searchOpenLabel"));
  });
  button.addEventListener("click", () => dialog.open());
  const slot = document.getElementById("search-slot");
  if (slot) slot.append(button);
  else o.header.prepend(button);
  const onKey = (e: KeyboardEvent) => {
    if (!isSearchShortcut(e)) return;
    e.preventDefault();
    dialog.open();
  };
  document.addEventListener("keydown", onKey, true);
  const mounted: MountedSearch = {
    open: () => dialog.open(),
    destroy() {
      document.removeEventListener("keydown", onKey, true);
      dialog.close();
      dialog.el.remove();
      button.remove();
      if (current === mounted) current = null;
    },
  };
  current = mounted;
  return mounted;
}

/** Opens what a hit points at and lands on it. */
function go(o: SearchOptions, hit: SearchHit, template: string | undefined): void {
  const target = targetOf(hit, template);
  // The room's texts show in the facilitation bar above every view: the open view stays.
  if (target.kind !== "room" && target.kind !== "round-answer") o.open(hit.board);
  const title = o.board(hit.board)?.title ?? "";
  land(target, { host: o.boardHost, setView: (x, y, zoom) => o.setView(x, y, zoom) }, title);
}
