// The search dialog's filters (server/PROTOCOL.md SE-4): board, zone (of the chosen board's
// template), colour (the palette), author and "with dots". Native controls with visible labels, so
// Tab reaches each and a screen reader names it. The author filter is left out on a board that
// shows no authors (FA-11: the node keeps none there, so it could never match).
import { PALETTE } from "../colors";
import { h } from "../dom";
import { bind, t, type Key } from "../i18n";
import type { SearchFilters } from "./model";

/** A board the filter offers, with its template's zones. */
export interface FilterBoard {
  id: string;
  title: string;
  zones: { id: string; label: string }[];
}

export interface FilterOptions {
  boards(): FilterBoard[];
  /** Whether the page shows this board without authors (anonymous, FA-11). */
  anonymous(board: string): boolean;
  /** A filter changed: search again. */
  changed(): void;
}

export interface Filters {
  el: HTMLElement;
  value(): SearchFilters;
  /** Fills the board list again (boards made since the page loaded). */
  refresh(): void;
}

export function buildFilters(o: FilterOptions): Filters {
  const field = (id: string, key: Key, control: HTMLElement) =>
    h("div", { class: "search-filter" }, bind(h("label", { for: id }), (el) => (el.textContent = t(key))), control);
  const board = h("select", { id: "search-board" });
  const zone = h("select", { id: "search-zone" });
  const color = h("select", { id: "search-color" });
  const author = h("input", { id: "search-author", type: "text", maxlength: 100, autocomplete: "off", spellcheck: "false" });
  const votes = h("input", { id: "search-has-votes", type: "checkbox" });
  const zoneBox = field("search-zone", "searchFilterZone", zone);
  const authorBox = field("search-author", "searchFilterAuthor", author);
  const votesBox = h("div", { class: "search-filter search-filter-check" }, votes,
    bind(h("label", { for: "search-has-votes" }), (el) => (el.textContent = t("searchFilterVotes"))));
  const legend = bind(h("legend", { class: "search-filters-title" }), (el) => (el.textContent = t("searchFilters")));
  const el = h("fieldset", { class: "search-filters" }, legend,
    field("search-board", "searchFilterBoard", board), zoneBox, field("search-color", "searchFilterColor", color), authorBox, votesBox);

  const option = (value: string, text: string) => h("option", { value }, text);
  const fillBoards = () => {
    const chosen = board.value;
    board.replaceChildren(option("", t("searchAnyBoard")), ...o.boards().map((b) => option(b.id, b.title)));
    board.value = [...board.options].some((x) => x.value === chosen) ? chosen : "";
  };
  const fillZones = () => {
    const chosen = zone.value;
    const zones = o.boards().find((b) => b.id === board.value)?.zones ?? [];
    zone.replaceChildren(option("", t("searchAnyZone")), ...zones.map((z) => option(z.id, z.label)));
    zone.value = zones.some((z) => z.id === chosen) ? chosen : "";
    zoneBox.hidden = zones.length === 0;
    authorBox.hidden = board.value !== "" && o.anonymous(board.value);
  };
  bind(color, () => {
    const chosen = color.value;
    color.replaceChildren(option("", t("searchAnyColor")), ...PALETTE.map((p) => option(p.color, t(`color_${p.key}` as Key))));
    color.value = chosen;
  });
  bind(board, () => {
    fillBoards();
    fillZones();
  });
  board.addEventListener("change", () => {
    fillZones();
    o.changed();
  });
  for (const c of [zone, color, votes]) c.addEventListener("change", () => o.changed());
  author.addEventListener("input", () => o.changed());

  return {
    el,
    value: () => ({
      board: board.value,
      zone: zoneBox.hidden ? "" : zone.value,
      color: color.value,
      author: authorBox.hidden ? "" : author.value.trim(),
      hasVotes: votes.checked,
    }),
    refresh() {
      fillBoards();
      fillZones();
    },
  };
}
