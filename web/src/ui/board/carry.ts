// Carrying notes or a theme forward (FA-27, FA-28): "To priority actions" asks for a board of the
// workshop's "5 priority actions" and a row, then writes one note into that row's title zone with
// a link back to its source; or a side panel ("Reflectie beleidsplan", "Inzichten uit de
// windroos", preselected from a policy-plan reflection or a windroos), then one keyword per note.
// Written through a short-lived client of that board (write-once.ts: same seat and replica, so the
// node sees the same person). "To a new fiche" uses the existing conversion (FI-3).
import type { Change } from "../../sync/api";
import type { Identity } from "../../sync/identity";
import { convertToFiches, fetchTemplates, fetchWorkshop, type BoardRef } from "../api";
import { h } from "../dom";
import { errorMessage } from "../errors";
import { loc, t } from "../i18n";
import type { Template } from "../template";
import { carriedParts, carriedText, carryChanges, panelChanges, panelFor, sidePanels } from "./themes";
import { newItemId } from "./model";
import { writeOnce } from "./write-once";
import type { BoardParts } from "./parts";

export const PRIORITY_ACTIONS = "priority-actions";
export const ROWS = 5;
/** The carry dialog's option values for a side panel: this, then the panel's zone id. */
const PANEL = "panel:";

export interface CarryOptions {
  workshop: string;
  token: string;
  board: string;
  identity: Identity;
  name: string;
  /** Where the dialog opens (the board's stage). */
  host: HTMLElement;
}

export class Carry {
  private dialog: HTMLElement | null = null;
  private tpl: Template | null = null;

  constructor(private readonly p: BoardParts, private readonly o: CarryOptions) {}

  /** Opens the row picker for these notes or this theme. */
  async open(ids: string[]): Promise<void> {
    const text = carriedText(this.p.client.items, ids);
    if (!text) return this.p.say(t("carryNothing"));
    let boards: BoardRef[];
    try {
      boards = (await fetchWorkshop(this.o.workshop, this.o.token)).boards.filter((b) => b.template === PRIORITY_ACTIONS);
    } catch (e) {
      return this.p.say(t("carryFailed", { message: errorMessage(e) }));
    }
    if (boards.length === 0) return this.p.say(t("carryNoBoard"));
    try {
      this.tpl = (await fetchTemplates()).find((x) => x.id === PRIORITY_ACTIONS) ?? null;
    } catch (e) {
      return this.p.say(t("carryFailed", { message: errorMessage(e) }));
    }
    this.show(ids, text, boards);
  }

  private show(ids: string[], text: string, boards: BoardRef[]): void {
    this.close();
    const back = document.activeElement as HTMLElement | null;
    const board = h("select", { id: "carry-board" });
    const name = loc(this.tpl?.title) || PRIORITY_ACTIONS;
    boards.forEach((b, i) => board.append(h("option", { value: b.id }, boards.length > 1 ? `${name} (${i + 1})` : name)));
    const row = h("select", { id: "carry-row" });
    for (let n = 1; n <= ROWS; n++) row.append(h("option", { value: String(n) }, t("carryRowLabel", { n })));
    const tpl = this.tpl;
    const panelLabel = (panel: string) => loc(tpl?.zones.find((z) => z.id === panel)?.label) || panel;
    for (const panel of tpl ? sidePanels(tpl) : []) {
      row.append(h("option", { value: PANEL + panel }, t("carryPanelLabel", { panel: panelLabel(panel) })));
    }
    const fed = tpl ? panelFor(this.p.tpl.id, tpl) : null;
    if (fed) row.value = PANEL + fed;
    const hint = h("p", { class: "carry-hint", id: "carry-hint", "aria-live": "polite" });
    const showHint = () => (hint.textContent = row.value.startsWith(PANEL) ? t("carryPanelHint") : "");
    row.addEventListener("change", showHint);
    showHint();
    const go = h("button", { type: "button", id: "carry-go", class: "tool tool-primary" }, t("carryGo"));
    const cancel = h("button", { type: "button", id: "carry-cancel", class: "tool" }, t("carryCancel"));
    const preview = h("p", { class: "carry-preview" }, text.length > 140 ? text.slice(0, 139) + "…" : text);
    const dialog = h(
      "div",
      { id: "carry-dialog", class: "carry-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "carry-heading" },
      h("h2", { id: "carry-heading" }, t("carryTitle")),
      preview,
      h("div", { class: "field-inline" }, h("label", { for: "carry-board" }, t("carryBoard")), board),
      h("div", { class: "field-inline" }, h("label", { for: "carry-row" }, t("carryRow")), row),
      hint,
      h("div", { class: "tool-group" }, go, cancel),
    );
    const finish = () => {
      this.close();
      back?.focus({ preventScroll: true });
    };
    cancel.addEventListener("click", finish);
    dialog.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") finish();
      ev.stopPropagation();
    });
    dialog.addEventListener("pointerdown", (ev) => ev.stopPropagation());
    go.addEventListener("click", () => {
      go.disabled = true;
      const panel = row.value.startsWith(PANEL) ? row.value.slice(PANEL.length) : null;
      const n = Number(row.value);
      const done = panel ? t("carryDonePanel", { panel: panelLabel(panel) }) : t("carryDone", { n });
      void (panel ? this.writePanel(board.value, panel, ids) : this.write(board.value, n, text, ids)).then(
        () => {
          this.p.say(done);
          finish();
        },
        (e: unknown) => {
          go.disabled = false;
          this.p.say(t("carryFailed", { message: errorMessage(e) }));
        },
      );
    });
    this.o.host.append(dialog);
    this.dialog = dialog;
    row.focus();
  }

  close(): void {
    this.dialog?.remove();
    this.dialog = null;
  }

  /** The source a carried note links back to: the theme when one is carried, else the first note. */
  private async write(target: string, row: number, text: string, ids: string[]): Promise<void> {
    const tpl = this.tpl;
    if (!tpl) throw new Error(PRIORITY_ACTIONS);
    const changes: Change[] = carryChanges(newItemId(), row, text, { board: this.o.board, item: ids[0]! }, tpl, this.o.name);
    await writeOnce(this.o, target, changes);
  }

  /** Into a side panel: one keyword per note or theme, each linking back to it. */
  private async writePanel(target: string, panel: string, ids: string[]): Promise<void> {
    const tpl = this.tpl;
    if (!tpl) throw new Error(PRIORITY_ACTIONS);
    const parts = carriedParts(this.p.client.items, ids)
      .map((p) => ({ id: newItemId(), text: p.text, source: { board: this.o.board, item: p.item } }));
    const changes = panelChanges(parts, panel, tpl, this.o.name);
    await writeOnce(this.o, target, changes);
  }

  /** "To a new fiche": the existing conversion of the chosen notes or theme (FI-3, FA-28). */
  async toFiche(ids: string[]): Promise<void> {
    try {
      const r = await convertToFiches(this.o.workshop, this.o.token, this.o.board, ids);
      this.p.say(t("toFicheDone", { title: r.fiches.map((f) => f.title).join(", ") }));
    } catch (e) {
      this.p.say(t("toFicheFailed", { message: errorMessage(e) }));
    }
  }
}
