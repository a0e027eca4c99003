// Who is in which group, shown two ways that do the same: the list of connected participants
// (`[data-person]`, each with a `select[data-assign]` for keyboard users) and one column per
// group whose names can be dragged to another column (HTML5 drag and drop), with the group's
// scribe choice (`select[data-scribe]`). Rows and columns are kept per key and updated in place,
// so a select with focus keeps it when the room changes.
import { h } from "../dom";
import { t } from "../i18n";

export interface PersonRow {
  replica: string;
  name: string;
  /** 1-based group number, 0 = no group. */
  group: number;
}

export interface GroupColumn {
  /** 1-based; 0 is the column of people in no group. */
  n: number;
  title: string;
  members: { replica: string; name: string; connected: boolean }[];
  scribe: string | null;
  /** The group's board, while a breakout runs. */
  board: string | null;
}

export interface PeopleOptions {
  assign(replica: string, group: number): void;
  scribe(group: number, replica: string | null): void;
  openBoard(board: string): void;
}

interface RowParts {
  li: HTMLLIElement;
  name: HTMLSpanElement;
  select: HTMLSelectElement;
  label: HTMLLabelElement;
}

interface ColumnParts {
  col: HTMLElement;
  title: HTMLHeadingElement;
  open: HTMLButtonElement;
  list: HTMLUListElement;
  scribe: HTMLSelectElement | null;
  scribeLabel: HTMLLabelElement | null;
  board: string | null;
}

const DRAG_TYPE = "text/plain";

export class PeopleView {
  readonly list = h("ul", { class: "people-list" });
  readonly columns = h("div", { class: "breakout-columns" });
  private readonly rows = new Map<string, RowParts>();
  private readonly cols = new Map<number, ColumnParts>();
  private groupCount = -1;

  constructor(private readonly o: PeopleOptions) {}

  paintPeople(people: PersonRow[], groups: number): void {
    const rebuildOptions = groups !== this.groupCount;
    this.groupCount = groups;
    const keep = new Set(people.map((p) => p.replica));
    for (const [r, parts] of this.rows) if (!keep.has(r)) (parts.li.remove(), this.rows.delete(r));
    for (const p of people) {
      let parts = this.rows.get(p.replica);
      if (!parts) {
        parts = this.row(p.replica);
        this.rows.set(p.replica, parts);
        this.fillOptions(parts.select, groups);
      } else if (rebuildOptions) {
        this.fillOptions(parts.select, groups);
      }
      parts.name.textContent = p.name;
      parts.label.textContent = t("groupOf", { name: p.name });
      parts.select.value = p.group > 0 && p.group <= groups ? String(p.group) : "";
      this.list.append(parts.li); // keeps the given order
    }
  }

  paintColumns(columns: GroupColumn[]): void {
    const keep = new Set(columns.map((c) => c.n));
    for (const [n, parts] of this.cols) if (!keep.has(n)) (parts.col.remove(), this.cols.delete(n));
    for (const c of columns) {
      let parts = this.cols.get(c.n);
      if (!parts) this.cols.set(c.n, (parts = this.column(c.n)));
      parts.title.textContent = c.title;
      parts.board = c.board;
      parts.open.hidden = !c.board;
      parts.open.textContent = t("breakoutOpenBoard", { group: c.title });
      parts.list.replaceChildren(...c.members.map((m) => this.chip(m, m.replica === c.scribe)));
      if (parts.scribe && parts.scribeLabel) {
        parts.scribeLabel.textContent = t("scribeOf", { group: c.title });
        const none = h("option", { value: "" }, t("noScribe"));
        parts.scribe.replaceChildren(none, ...c.members.map((m) => h("option", { value: m.replica }, m.name)));
        parts.scribe.value = c.scribe && c.members.some((m) => m.replica === c.scribe) ? c.scribe : "";
      }
      this.columns.append(parts.col);
    }
  }

  private row(replica: string): RowParts {
    const id = `assign-${replica}`;
    const select = h("select", { id, "data-assign": replica });
    select.addEventListener("change", () => this.o.assign(replica, Number(select.value || "0")));
    const label = h("label", { for: id, class: "visually-hidden" });
    const name = h("span", { class: "person-name" });
    const li = h("li", { class: "person", "data-person": replica }, name, label, select);
    return { li, name, select, label };
  }

  private fillOptions(select: HTMLSelectElement, groups: number): void {
    const options = [h("option", { value: "" }, t("noGroup"))];
    for (let n = 1; n <= groups; n++) options.push(h("option", { value: String(n) }, String(n)));
    select.replaceChildren(...options);
  }

  private column(n: number): ColumnParts {
    const title = h("h4", { class: "group-title" });
    const open = h("button", { type: "button", class: "btn btn-small" });
    const list = h("ul", { class: "group-members" });
    const col = h("section", { class: "group-column", "data-group-column": n }, title, open, list);
    const parts: ColumnParts = { col, title, open, list, scribe: null, scribeLabel: null, board: null };
    open.addEventListener("click", () => parts.board && this.o.openBoard(parts.board));
    if (n > 0) {
      const id = `scribe-${n}`;
      const scribe = h("select", { id, "data-scribe": n });
      scribe.addEventListener("change", () => this.o.scribe(n, scribe.value || null));
      const scribeLabel = h("label", { for: id, class: "scribe-label" });
      col.append(scribeLabel, scribe);
      Object.assign(parts, { scribe, scribeLabel });
    }
    col.addEventListener("dragover", (ev) => {
      if (!ev.dataTransfer?.types.includes(DRAG_TYPE)) return;
      ev.preventDefault();
      ev.dataTransfer.dropEffect = "move";
      col.classList.add("drop-target");
    });
    col.addEventListener("dragleave", () => col.classList.remove("drop-target"));
    col.addEventListener("drop", (ev) => {
      ev.preventDefault();
      col.classList.remove("drop-target");
      const replica = ev.dataTransfer?.getData(DRAG_TYPE);
      if (replica) this.o.assign(replica, n);
    });
    return parts;
  }

  private chip(m: { replica: string; name: string; connected: boolean }, scribe: boolean): HTMLLIElement {
    const li = h("li", { class: "member-chip", draggable: "true", "data-member": m.replica }, m.name);
    if (scribe) li.append(" ", h("span", { class: "scribe-mark" }, `(${t("scribeMark")})`));
    if (!m.connected) {
      li.classList.add("absent");
      li.append(" ", h("span", { class: "absent-mark" }, t("absent")));
    }
    li.addEventListener("dragstart", (ev) => {
      ev.dataTransfer?.setData(DRAG_TYPE, m.replica);
      if (ev.dataTransfer) ev.dataTransfer.effectAllowed = "move";
    });
    return li;
  }
}
