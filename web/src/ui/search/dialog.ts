// The search dialog (server/PROTOCOL.md SE-1): a modal <dialog> with a combobox input and a listbox
// of results grouped by board, the matched words marked. Results follow the typing (a short pause
// first; a newer search aborts the older one, and a late answer never replaces a newer one).
// Keyboard: arrows move through the results, Enter opens one, Escape closes (native dialog).
import type { Identity } from "../../sync/identity";
import { ApiError } from "../api";
import { h } from "../dom";
import { errorMessage } from "../errors";
import { bind, t, type Key } from "../i18n";
import { fetchSearch } from "./api";
import { buildFilters, type FilterBoard, type Filters } from "./filters";
import { groupByBoard, hitKind, moveActive, snippetParts, type SearchAnswer, type SearchHit } from "./model";

/** What the dialog needs from its page. */
export interface DialogOptions {
  workshop: string;
  token: string;
  identity: Identity | null;
  /** Title and template of a board of this workshop, or null when the page does not know it (yet). */
  board(id: string): { title: string; template: string } | null;
  /** The boards the board filter offers, with their zones. */
  boards(): FilterBoard[];
  /** Whether the page shows a board without authors (FA-11): no author filter there. */
  anonymous(board: string): boolean;
  /** Asks the server for the workshop's boards again (a fiche made since the page loaded). */
  learn(): Promise<void>;
  /** Opens a hit (the dialog is closed first). */
  pick(hit: SearchHit, template: string | undefined): void;
}

export const LIMIT = 30;
const PAUSE_MS = 120;

export class SearchDialog {
  readonly el: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLElement;
  private readonly filters: Filters;
  private options: { el: HTMLElement; hit: SearchHit }[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: AbortController | null = null;
  private ticket = 0;

  constructor(private readonly o: DialogOptions) {
    const title = bind(h("h2", { id: "search-title", class: "search-title" }), (el) => (el.textContent = t("searchTitle")));
    const label = bind(h("label", { for: "search-input", class: "visually-hidden" }), (el) => (el.textContent = t("searchInput")));
    this.input = h("input", {
      id: "search-input",
      type: "search",
      role: "combobox",
      autocomplete: "off",
      spellcheck: "false",
      maxlength: 200,
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": "search-results",
      "aria-describedby": "search-help",
    });
    bind(this.input, (el) => (el.placeholder = t("searchPlaceholder")));
    const help = bind(h("p", { id: "search-help", class: "help search-help" }), (el) => (el.textContent = t("searchHelp")));
    this.status = h("p", { id: "search-status", class: "search-status", role: "status", "aria-live": "polite" });
    this.list = h("div", { id: "search-results", class: "search-results", role: "listbox" });
    bind(this.list, (el) => el.setAttribute("aria-label", t("searchResults")));
    const close = bind(h("button", { id: "search-close", type: "button", class: "btn btn-quiet search-close" }),
      (el) => (el.textContent = t("searchClose")));
    close.addEventListener("click", () => this.close());
    this.filters = buildFilters({ boards: () => o.boards(), anonymous: (b) => o.anonymous(b), changed: () => this.schedule() });
    this.el = h("dialog", { id: "search-dialog", class: "search-dialog", "aria-labelledby": "search-title" },
      h("div", { class: "search-head" }, title, close), label, this.input, this.filters.el, help, this.status, this.list);
    this.input.addEventListener("input", () => this.schedule());
    this.input.addEventListener("keydown", (e) => this.onKey(e));
    this.el.addEventListener("close", () => this.stop());
  }

  open(): void {
    this.filters.refresh();
    if (!this.el.open) this.el.showModal();
    this.input.focus();
    this.input.select();
  }

  close(): void {
    if (this.el.open) this.el.close();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running?.abort();
    this.running = null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), PAUSE_MS);
  }

  private async run(): Promise<void> {
    this.timer = null;
    const q = this.input.value;
    const ticket = ++this.ticket;
    this.running?.abort();
    if (!q.trim()) {
      this.render(null, q);
      return;
    }
    const abort = new AbortController();
    this.running = abort;
    this.list.setAttribute("aria-busy", "true");
    try {
      const answer = await fetchSearch(this.o.workshop, this.o.token, this.o.identity, q, LIMIT, abort.signal, this.filters.value());
      if (answer.hits.some((hit) => !this.o.board(hit.board))) await this.o.learn().catch(() => undefined);
      if (ticket === this.ticket) this.render(answer, q);
    } catch (e) {
      if (ticket !== this.ticket || (e instanceof DOMException && e.name === "AbortError")) return;
      this.render(null, q);
      this.status.textContent = e instanceof ApiError && e.code === "busy" ? t("searchBusy") : t("searchFailed", { message: errorMessage(e) });
    } finally {
      if (ticket === this.ticket) this.list.removeAttribute("aria-busy");
    }
  }

  private render(answer: SearchAnswer | null, q: string): void {
    this.options = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    const groups = answer ? groupByBoard(answer.hits) : [];
    const children: HTMLElement[] = [];
    for (const group of groups) {
      const info = this.o.board(group.board);
      const title = info?.title ?? group.board;
      const box = h("div", { role: "group", class: "search-group", "aria-label": title, "data-search-board": group.board },
        h("div", { class: "search-group-title", "aria-hidden": "true" }, title));
      for (const hit of group.hits) box.append(this.option(hit, info?.template));
      children.push(box);
    }
    this.list.replaceChildren(...children);
    this.input.setAttribute("aria-expanded", String(this.options.length > 0));
    if (!answer) this.status.textContent = "";
    else if (answer.total === 0) this.status.textContent = t("searchNone", { q: q.trim() });
    else if (answer.total > answer.hits.length) this.status.textContent = t("searchCountMore", { shown: answer.hits.length, n: answer.total });
    else this.status.textContent = answer.total === 1 ? t("searchCountOne") : t("searchCount", { n: answer.total });
  }

  private option(hit: SearchHit, template: string | undefined): HTMLElement {
    const index = this.options.length;
    const kind = hitKind(hit, template);
    const kindText = kind.key === "fiche" ? t("searchField_fiche", { field: kind.field ?? hit.field }) : t(`searchField_${kind.key}` as Key);
    const snippet = h("span", { class: "search-snippet" });
    for (const part of snippetParts(hit.snippet)) snippet.append(part.marked ? h("mark", {}, part.text) : part.text);
    const el = h("div", {
      id: `search-hit-${index}`,
      role: "option",
      class: "search-hit",
      "aria-selected": "false",
      "data-search-hit": "",
      "data-board": hit.board,
      "data-item": hit.item,
      "data-field": hit.field,
    }, h("span", { class: "search-kind" }, kindText), snippet);
    el.addEventListener("mousemove", () => this.setActive(index));
    el.addEventListener("click", () => this.pick(index));
    this.options.push({ el, hit });
    return el;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "Escape") {
      // A search input's own Escape would only clear its text: one Escape closes the dialog.
      e.preventDefault();
      this.close();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.setActive(moveActive(this.active, this.options.length, e.key));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (this.timer) {
        // Enter before the pause ran out: search now, then open the first result.
        void this.run().then(() => this.pick(Math.max(0, this.active)));
        return;
      }
      this.pick(Math.max(0, this.active));
    }
  }

  private setActive(index: number): void {
    this.options[this.active]?.el.setAttribute("aria-selected", "false");
    this.options[this.active]?.el.classList.remove("active");
    this.active = index;
    const next = this.options[index];
    if (!next) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    next.el.setAttribute("aria-selected", "true");
    next.el.classList.add("active");
    this.input.setAttribute("aria-activedescendant", next.el.id);
    next.el.scrollIntoView({ block: "nearest" });
  }

  private pick(index: number): void {
    const chosen = this.options[index];
    if (!chosen) return;
    this.close();
    this.o.pick(chosen.hit, this.o.board(chosen.hit.board)?.template);
  }
}
