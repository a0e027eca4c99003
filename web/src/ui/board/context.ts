// The board's context menu (#board-menu), opened by a right-click, a long press or the context
// menu key: on a note edit, duplicate, copy, delete; on a zone or the board add a note there,
// paste, tidy the zone, select everything. Read-only viewers get what reads (copy, select all).
import { t } from "../i18n";
import { openMenu, type MenuItem } from "../menu";
import type { BoardActions } from "./actions";
import type { BoardParts } from "./parts";
import type { Placing } from "./placing";
import type { MenuTarget } from "./pointer";
import type { ArrowLayer } from "./arrow-layer";
import type { Carry } from "./carry";
import { truncate } from "./model";
import type { ThemeLayer } from "./theme-layer";
import { themeOf } from "./themes";

export class ContextMenu {
  constructor(
    private readonly p: BoardParts,
    private readonly a: BoardActions,
    private readonly placing: Placing,
    /** The positioned element menus open in (the stage). */
    private readonly host: HTMLElement,
    /** Grouping and carrying forward (FA-24, FA-27); absent on compact boards. */
    private readonly themes: { layer: ThemeLayer; carry: Carry | null } | null = null,
    /** The change map's arrows (IT-6); absent or disabled on other boards. */
    private readonly arrows: ArrowLayer | null = null,
  ) {}

  /** At a screen point (pointer). */
  openAt(clientX: number, clientY: number, target: MenuTarget): void {
    const r = this.host.getBoundingClientRect();
    this.show(this.items(target), clientX - r.left, clientY - r.top);
  }

  /** Beside an element (keyboard). */
  openBeside(el: HTMLElement, target: MenuTarget): void {
    const r = this.host.getBoundingClientRect();
    const e = el.getBoundingClientRect();
    const at: [number, number] = this.p.camera.toBoard(e.left + e.width / 2, e.top + e.height / 2);
    this.show(this.items({ ...target, at }), e.left - r.left + 12, e.bottom - r.top + 4, el);
  }

  private show(items: MenuItem[], x: number, y: number, back?: HTMLElement): void {
    if (items.length) openMenu(this.host, items, x, y, { id: "board-menu", label: t("menuLabel"), returnFocus: back ?? null });
  }

  private items(target: MenuTarget): MenuItem[] {
    const ro = this.p.readonly;
    const out: MenuItem[] = [];
    const note = target.note;
    if (note) {
      const ids = this.a.targets(note);
      if (!this.a.selection.has(note)) this.a.select([note]);
      if (!ro && ids.length === 1) out.push({ id: "edit", label: t("menuEdit"), icon: "pen", run: () => this.a.edit(note) });
      if (!ro) out.push({ id: "duplicate", label: t("duplicateNote"), icon: "copy", run: () => void this.placing.duplicate() });
      out.push({ id: "copy", label: t("menuCopy"), icon: "copy", run: () => void this.placing.copy() });
      if (!ro) out.push({ id: "delete", label: t("deleteNoteLabel"), icon: "trash", run: () => this.a.deleteIds(this.a.targets(note)) });
      if (!ro && this.themes) this.themeItems(out, this.a.targets(note), this.themes);
      if (!ro && ids.length === 1 && this.arrows?.enabled) this.arrowItems(out, note, this.arrows);
    } else if (!ro) {
      out.push({ id: "add-here", label: t("menuAddHere"), icon: "plus", run: () => void this.placing.createAt(...target.at) });
      out.push({ id: "paste", label: t("menuPaste"), icon: "copy", run: () => void this.placing.paste() });
    }
    const zone = target.zone ?? this.p.notes.data(note ?? "")?.zone ?? null;
    if (!ro && zone) out.push({ id: "tidy", label: t("menuTidy"), icon: "grid", run: () => this.placing.tidy(zone) });
    out.push({ id: "select-all", label: t("menuSelectAll"), icon: "select", run: () => this.a.selectAll() });
    return out;
  }

  /** "Arrow to…" and "Remove an arrow…": each opens a second menu of cards in the same place. */
  private arrowItems(out: MenuItem[], id: string, arrows: ArrowLayer): void {
    const from = this.p.notes.data(id);
    if (!from) return;
    const back = this.p.notes.element(id) ?? null;
    const at = () => {
      const r = this.host.getBoundingClientRect();
      const e = (back ?? this.host).getBoundingClientRect();
      return [e.right - r.left + 4, e.top - r.top] as const;
    };
    const targets = arrows.targets(from, this.p.notes.ids().map((n) => this.p.notes.data(n)!).filter(Boolean));
    out.push({
      id: "arrow-to",
      label: t("menuArrowTo"),
      icon: "convert",
      run: () => {
        if (!targets.length) return this.p.say(t("arrowNoTargets"));
        const items = targets.map((n) => ({ id: `arrow-to-${n.id}`, label: t("arrowTarget", { text: truncate(n.text, 40) || t("emptyNote") }), run: () => arrows.draw(id, n) }));
        openMenu(this.host, items, ...at(), { id: "arrow-menu", label: t("arrowTargetsLabel"), returnFocus: back });
      },
    });
    const outgoing = arrows.outgoing(id);
    if (!outgoing.length) return;
    out.push({
      id: "arrow-remove",
      label: t("menuArrowRemove"),
      icon: "trash",
      run: () => {
        const items = outgoing.map((a) => {
          const to = this.p.notes.data(a.to);
          return { id: `arrow-remove-${a.to}`, label: t("arrowTarget", { text: truncate(to?.text ?? "", 40) || t("emptyNote") }), run: () => arrows.remove(a, to) };
        });
        openMenu(this.host, items, ...at(), { id: "arrow-menu", label: t("arrowRemoveLabel"), returnFocus: back });
      },
    });
  }

  private themeItems(out: MenuItem[], ids: string[], th: { layer: ThemeLayer; carry: Carry | null }): void {
    out.push({ id: "group", label: t("menuGroup"), icon: "grid", run: () => th.layer.group(ids) });
    const inTheme = ids.filter((id) => themeOf(this.p.client.items, id));
    if (inTheme.length) out.push({ id: "leave-theme", label: t("menuLeaveTheme"), icon: "close", run: () => th.layer.leave(inTheme) });
    const carry = th.carry;
    if (!carry) return;
    // Carrying into the priority actions from the priority actions, or a fiche from a board that
    // converts no chosen notes, would only be refused: not offered.
    if (this.p.tpl.id !== "priority-actions") out.push({ id: "carry", label: t("menuCarry"), icon: "convert", run: () => void carry.open(ids) });
    if (this.p.tpl.conversion?.mode === "selected-notes") {
      out.push({ id: "to-fiche", label: t("menuToFiche"), icon: "convert", run: () => void carry.toFiche(ids) });
    }
  }
}
