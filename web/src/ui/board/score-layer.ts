// The integrative method's scores on the board (IT-7): in each criterion cell of a row that has a
// candidate, this person's score as a select (`[data-score-cell=<row>.<criterion>]`) and the sum
// of everyone's; in the row's header the row's total and rank (`[data-row-total=<row>][data-rank]`).
// The arithmetic is scores.ts; elements are kept per cell so a focused select survives re-renders.
import { h } from "../dom";
import { loc, t } from "../i18n";
import type { RectShape, Template } from "../template";
import { truncate, type NoteData } from "./model";
import type { BoardParts } from "./parts";
import { myScore, rowScores, scoreChange, type ScoreSpec } from "./scores";

type ScoreParts = Pick<BoardParts, "tpl" | "client" | "say">;

interface Cell {
  el: HTMLElement;
  select: HTMLSelectElement;
  /** The short sum people see, and the sentence screen readers get instead. */
  sum: HTMLElement;
  said: HTMLElement;
  note: string;
}

export class ScoreLayer {
  private readonly spec: ScoreSpec | null;
  private readonly el = h("div", { class: "scores" });
  private readonly cells = new Map<string, Cell>();
  private readonly totals = new Map<string, HTMLElement>();

  constructor(private readonly p: ScoreParts, layer: HTMLElement, private readonly readonly: () => boolean) {
    this.spec = p.tpl.scores ?? null;
    if (this.spec) layer.append(this.el);
  }

  render(notes: Iterable<NoteData>): void {
    const spec = this.spec;
    if (!spec) return;
    const items = this.p.client.items;
    const byId = new Map([...notes].map((n) => [n.id, n]));
    const seen = new Set<string>();
    for (const r of rowScores(items, this.p.tpl, byId.values())) {
      const action = truncate(byId.get(r.note)?.text ?? "", 40);
      for (const c of spec.criteria) {
        const key = `${r.row}.${c}`;
        const rect = this.rect(key);
        if (!rect) continue;
        seen.add(key);
        const cell = this.cell(key, rect, c);
        cell.note = r.note;
        const mine = myScore(items, r.note, c, this.p.client.replica, spec);
        const value = mine === null ? "" : String(mine);
        if (cell.select.value !== value && document.activeElement !== cell.select) cell.select.value = value;
        cell.select.disabled = this.readonly();
        cell.select.setAttribute("aria-label", t("scoreMine", { criterion: this.criterionLabel(c), action }));
        const { sum, people } = r.criteria[c]!;
        cell.sum.textContent = t("scoreSum", { sum, people });
        cell.said.textContent = t("scoreSumLabel", { sum, people });
        cell.el.dataset.sum = String(sum);
      }
      seen.add(r.row);
      this.total(r.row, this.rect(`${r.row}.${spec.column}`), r.total, r.rank, r.people, action);
    }
    for (const [key, cell] of this.cells) if (!seen.has(key)) (cell.el.remove(), this.cells.delete(key));
    for (const [row, el] of this.totals) if (!seen.has(row)) (el.remove(), this.totals.delete(row));
  }

  private cell(key: string, rect: RectShape, criterion: string): Cell {
    const had = this.cells.get(key);
    if (had) return had;
    const spec = this.spec!;
    const select = h("select", { class: "score-select", "data-score-select": key });
    select.append(h("option", { value: "" }, t("scoreNone")));
    for (let v = spec.min; v <= spec.max; v++) {
      const label = loc(spec.labels?.[String(v)]);
      select.append(h("option", { value: String(v) }, label ? `${v} · ${label}` : String(v)));
    }
    const sum = h("span", { class: "score-sum", "aria-hidden": "true" });
    const said = h("span", { class: "visually-hidden" });
    const el = h("div", { class: "score-cell", "data-score-cell": key }, select, sum, said);
    Object.assign(el.style, { left: `${rect.x + 10}px`, top: `${rect.y + rect.h - 74}px`, width: `${rect.w - 20}px` });
    const cell: Cell = { el, select, sum, said, note: "" };
    select.addEventListener("change", () => {
      const value = select.value === "" ? null : Number(select.value);
      this.p.client.change([scoreChange(cell.note, criterion, this.p.client.replica, value)], { undoable: true });
      if (value !== null) this.p.say(t("scoreSet", { value, criterion: this.criterionLabel(criterion) }));
    });
    // A click on the select must not start a drag or a rubber band on the board.
    select.addEventListener("pointerdown", (ev) => ev.stopPropagation());
    select.addEventListener("dblclick", (ev) => ev.stopPropagation());
    this.el.append(el);
    this.cells.set(key, cell);
    return cell;
  }

  private total(row: string, rect: RectShape | null, total: number, rank: number, people: number, action: string): void {
    if (!rect) return;
    let el = this.totals.get(row);
    if (!el) {
      el = h("div", { class: "score-total", "data-row-total": row });
      // In the row's header, under its label: the candidate's cell is the note's.
      Object.assign(el.style, { left: "12px", top: `${rect.y + rect.h / 2 + 18}px`, width: `${Math.max(120, rect.x - 24)}px` });
      this.el.append(el);
      this.totals.set(row, el);
    }
    el.dataset.total = String(total);
    el.dataset.rank = String(rank);
    el.classList.toggle("score-top", rank === 1 && total > 0);
    el.replaceChildren(h("span", { "aria-hidden": "true" }, t("scoreTotal", { total, rank })), h("span", { class: "visually-hidden" }, t("scoreTotalLabel", { action, total, people, rank })));
  }

  private rect(zoneId: string): RectShape | null {
    const z = this.p.tpl.zones.find((x) => x.id === zoneId);
    return z && z.shape.type === "rect" ? z.shape : null;
  }

  private criterionLabel(criterion: string): string {
    const axis = (this.p.tpl as Template).axes?.columns.find((c) => c.id === criterion);
    return axis ? loc(axis.label) : criterion;
  }
}
