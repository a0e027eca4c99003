// Theme frames on the board (FA-23..FA-26): one `.theme-frame[data-theme]` per theme, drawn under
// the notes around its members, its head (the title, ungroup, carry forward and, in a vote on
// themes, the dot buttons) above them. Dragging the head moves the theme with its notes; the
// title edits inline. Also each carried note's link back to its source (FA-27), and the
// highlight of the item a source link opened. The arithmetic is themes.ts.
import type { Change } from "../../sync/api";
import { h } from "../dom";
import { t } from "../i18n";
import type { BoardActions } from "./actions";
import { moveChanges, newItemId, type NoteData } from "./model";
import type { BoardParts } from "./parts";
import type { Placing } from "./placing";
import { SourceLinks } from "./source-links";
import {
  anchorOf,
  frameOf,
  gatherMoves,
  groupChanges,
  joinChanges,
  leaveChanges,
  moveThemeChanges,
  readThemes,
  renameChanges,
  themeOf,
  ungroupChanges,
  voteOnThemes,
  type Frame,
  type ThemeData,
} from "./themes";
import { addDotChange, dotsLeft, dotsUsed, myDotsOn, ownDotsOn, removeDotChange, totalVotes } from "./voting";

interface FrameEls {
  el: HTMLElement;
  title: HTMLButtonElement;
  ungroup: HTMLButtonElement;
  carry: HTMLButtonElement;
  votes: HTMLElement;
  data: ThemeData;
  frame: Frame;
}

export interface ThemeHooks {
  /** Opens "to priority actions" for these items (notes or one theme). */
  carry(ids: string[]): void;
  token: string;
  board: string;
}

const center = (n: Pick<NoteData, "x" | "y" | "w" | "h">): [number, number] => [n.x + n.w / 2, n.y + n.h / 2];
const inside = (r: Frame, x: number, y: number) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;

export class ThemeLayer {
  readonly el = h("div", { class: "themes", role: "list" });
  private readonly frames = new Map<string, FrameEls>();
  private readonly sources: SourceLinks;
  private renameNext: string | null = null;

  constructor(
    private readonly p: BoardParts,
    private readonly a: BoardActions,
    private readonly placing: Placing,
    private readonly hooks: ThemeHooks,
  ) {
    p.layer.insertBefore(this.el, p.notes.list);
    this.sources = new SourceLinks(p, hooks, () => this.render());
    this.relabel();
  }

  relabel(): void {
    this.el.setAttribute("aria-label", t("themesLabel"));
    for (const f of this.frames.values()) this.label(f);
    this.sources.relabel();
  }

  private notes(): Map<string, NoteData> {
    const out = new Map<string, NoteData>();
    for (const id of this.p.notes.ids()) {
      const n = this.p.notes.data(id)!;
      const drag = this.a.dragging.get(id);
      out.set(id, drag ? { ...n, x: drag[0], y: drag[1] } : n);
    }
    return out;
  }

  /** Redraws every frame and source link from the items (cheap: a board holds tens of notes). */
  render(): void {
    const items = this.p.client.items;
    const themes = readThemes(items);
    const notes = this.notes();
    for (const [id, f] of this.frames) {
      if (!themes.has(id)) {
        f.el.remove();
        this.frames.delete(id);
      }
    }
    const control = this.p.control();
    const vote = control.vote && voteOnThemes(items) ? control.vote : null;
    const role = this.p.client.role;
    const left = vote ? dotsLeft(vote, dotsUsed(items, this.p.client.replica)) : 0;
    for (const theme of themes.values()) {
      const f = this.frames.get(theme.id) ?? this.make(theme);
      f.data = theme;
      f.frame = frameOf(theme, notes);
      Object.assign(f.el.style, { left: `${f.frame.x}px`, top: `${f.frame.y}px`, width: `${f.frame.w}px`, height: `${f.frame.h}px` });
      f.title.textContent = theme.title || t("themeUntitled");
      f.el.dataset.members = String(theme.members.length);
      f.ungroup.disabled = f.carry.disabled = this.p.readonly;
      this.paintVote(f, vote, role === "observer", left);
      this.label(f);
    }
    this.sources.render(notes);
    if (this.renameNext && this.frames.has(this.renameNext)) {
      const id = this.renameNext;
      this.renameNext = null;
      this.rename(id);
    }
    this.sources.highlight(themes, notes, (id) => {
      const f = this.frames.get(id);
      return f ? { el: f.el, focus: f.title, rect: f.frame } : null;
    });
  }

  private make(theme: ThemeData): FrameEls {
    const id = theme.id;
    const title = h("button", { type: "button", class: "theme-title", "data-theme-title": id });
    const ungroup = h("button", { type: "button", class: "theme-tool theme-ungroup", "data-theme-ungroup": id }, "×");
    const carry = h("button", { type: "button", class: "theme-tool theme-carry", "data-theme-carry": id }, "→");
    const votes = h("span", { class: "theme-votes" });
    const head = h("div", { class: "theme-head" }, title, votes, carry, ungroup);
    const el = h("div", { class: "theme-frame", role: "listitem", "data-theme": id }, head);
    title.addEventListener("click", () => this.rename(id));
    ungroup.addEventListener("click", () => this.ungroup(id));
    carry.addEventListener("click", () => this.hooks.carry([id]));
    head.addEventListener("pointerdown", (ev) => this.dragHead(ev, id));
    this.el.append(el);
    const f: FrameEls = { el, title, ungroup, carry, votes, data: theme, frame: { x: 0, y: 0, w: 0, h: 0 } };
    this.frames.set(id, f);
    return f;
  }

  private label(f: FrameEls): void {
    const title = f.data.title || t("themeUntitled");
    f.el.setAttribute("aria-label", t("themeLabel", { title, n: f.data.members.length }));
    f.title.setAttribute("aria-label", t("themeRename", { title }));
    f.ungroup.setAttribute("aria-label", t("themeUngroup", { title }));
    f.ungroup.title = t("themeUngroup", { title });
    f.carry.setAttribute("aria-label", t("themeCarry", { title }));
    f.carry.title = t("themeCarry", { title });
  }

  private paintVote(f: FrameEls, vote: ReturnType<BoardParts["control"]>["vote"], observer: boolean, left: number): void {
    const items = this.p.client.items;
    const id = f.data.id;
    const title = f.data.title || t("themeUntitled");
    const key = !vote ? "" : vote.state === "closed" ? `closed:${totalVotes(f.data.fields)}` : observer ? "" : `open:${myDotsOn(items, this.p.client.replica, id)}:${left}:${this.p.readonly}`;
    if (f.votes.dataset.key === key) return;
    f.votes.dataset.key = key;
    f.votes.replaceChildren();
    delete f.el.dataset.votes;
    if (!key) return;
    if (vote!.state === "closed") {
      const total = totalVotes(f.data.fields);
      f.el.dataset.votes = String(total);
      f.votes.append(h("span", { class: "theme-vote-count", "data-count": String(total) }, t("themeVotes", { n: total })));
      return;
    }
    const mine = myDotsOn(items, this.p.client.replica, id);
    const button = (delta: 1 | -1) => {
      const b = h("button", { type: "button", class: `vote-button vote-${delta > 0 ? "add" : "remove"}`, [delta > 0 ? "data-vote-add" : "data-vote-remove"]: id }, delta > 0 ? "+" : "−");
      b.setAttribute("aria-label", t(delta > 0 ? "voteAdd" : "voteRemove", { text: title }));
      b.title = b.getAttribute("aria-label")!;
      b.disabled = this.p.readonly || (delta > 0 ? left <= 0 : ownDotsOn(items, this.p.client.replica, id) <= 0);
      b.addEventListener("click", () => this.vote(id, delta));
      return b;
    };
    const count = h("span", { class: "theme-my-dots", "data-count": String(mine) }, String(mine));
    f.votes.append(h("span", { class: "theme-vote", role: "group", "aria-label": t("themeDots", { title, n: mine }) }, button(-1), count, button(1)));
  }

  private vote(id: string, delta: 1 | -1): void {
    const vote = this.p.control().vote;
    if (!vote || vote.state !== "open" || !this.a.guard()) return;
    const items = this.p.client.items;
    // A theme takes part wherever it sits: the node checks the zone against the theme's own.
    const target = { id, zone: (items.value(id, "zone") as string | null) ?? null };
    const change = delta > 0 ? addDotChange(items, this.p.client.replica, vote, target) : removeDotChange(items, this.p.client.replica, vote, target);
    if (!change) {
      if (delta > 0) this.p.say(t("noDotsLeft"));
      return;
    }
    this.p.client.change([change]);
  }

  // --- grouping ----------------------------------------------------------------------------------

  /**
   * "Group": the notes become one new theme, gathered under the top-most of them in one batch
   * (one undo step), and the theme's name is then edited inline.
   */
  group(ids: string[]): void {
    const notes = this.notes();
    const chosen = ids.map((id) => notes.get(id)).filter((n): n is NoteData => !!n);
    const anchor = anchorOf(chosen);
    if (!anchor || !this.a.guard()) return;
    const noteIds = [anchor.id, ...chosen.map((n) => n.id).filter((id) => id !== anchor.id)];
    const themeId = "t" + newItemId().slice(1);
    const title = t("themeNewName", { n: readThemes(this.p.client.items).size + 1 });
    const changes = groupChanges(themeId, title, noteIds, notes);
    const moves = gatherMoves(anchor, noteIds, [...notes.values()].filter((n) => !noteIds.includes(n.id)));
    if (moves.length === 0) this.p.client.change(changes, { undoable: true });
    else if (!this.placing.moveTo(moves, changes)) return; // refused (a full cell, a lock): nothing written
    this.made(themeId, title, noteIds.length);
  }

  private made(themeId: string, title: string, n: number): void {
    this.p.say(t(n === 1 ? "themeMadeOne" : "themeMade", { title, n }));
    this.renameNext = themeId;
    this.render();
  }

  /** Where a note joining `themeId` goes: the theme's next free slot. */
  private nextSlot(themeId: string, noteId: string, notes: ReadonlyMap<string, NoteData>): { id: string; x: number; y: number }[] | null {
    const theme = readThemes(this.p.client.items).get(themeId);
    const members = (theme?.members ?? []).filter((id) => id !== noteId).map((id) => notes.get(id)).filter((n): n is NoteData => !!n);
    const anchor = anchorOf(members);
    if (!anchor) return null;
    const inTheme = new Set(members.map((n) => n.id));
    return gatherMoves(anchor, [noteId], [...notes.values()].filter((n) => n.id !== noteId && !inTheme.has(n.id)), members);
  }

  leave(ids: string[]): void {
    if (!this.a.guard()) return;
    this.p.client.change(leaveChanges(ids), { undoable: true });
    this.p.say(t("themeLeft"));
  }

  ungroup(id: string): void {
    const f = this.frames.get(id);
    if (!f || !this.a.guard()) return;
    this.p.client.change(ungroupChanges(f.data), { undoable: true });
    this.p.say(t("themeUngrouped", { title: f.data.title || t("themeUntitled") }));
  }

  rename(id: string): void {
    const f = this.frames.get(id);
    if (!f || !this.a.guard()) return;
    const input = h("input", { type: "text", class: "theme-title-input", maxlength: 200, value: f.data.title, "data-theme-input": id });
    input.setAttribute("aria-label", t("themeTitleInput"));
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      if (save && input.value.trim() !== f.data.title) this.p.client.change(renameChanges(id, input.value), { undoable: true });
      input.replaceWith(f.title);
      f.title.focus({ preventScroll: true });
    };
    input.addEventListener("keydown", (ev) => {
      ev.stopPropagation();
      if (ev.key !== "Enter" && ev.key !== "Escape") return;
      // Focus moves to the title button now: without this, the same Enter would click it open again.
      ev.preventDefault();
      finish(ev.key === "Enter");
    });
    input.addEventListener("blur", () => finish(true));
    input.addEventListener("pointerdown", (ev) => ev.stopPropagation());
    f.title.replaceWith(input);
    input.focus({ preventScroll: true });
    input.select();
  }

  /**
   * A note dropped on another note makes a theme of the two (or joins the target's theme); dropped
   * inside a theme's frame it joins that theme; dragged out of its own frame it leaves it. Returns
   * the theme writes to send with the move, and the move itself when the note goes beside its
   * target, or null when the drop is only a move.
   */
  dropped(moves: { id: string; x: number; y: number }[]): { moves: { id: string; x: number; y: number }[]; changes: Change[]; after?: () => void } | null {
    if (moves.length !== 1 || this.p.readonly) return null;
    const m = moves[0]!;
    const dragged = this.p.notes.data(m.id);
    if (!dragged) return null;
    const items = this.p.client.items;
    const [cx, cy] = center({ ...dragged, x: m.x, y: m.y });
    const own = themeOf(items, m.id);
    const notes = this.notes();
    for (const [id, n] of notes) {
      if (id === m.id || !inside(n, cx, cy)) continue;
      const target = themeOf(items, id);
      if (target) {
        if (target === own) return null;
        return { moves: this.nextSlot(target, m.id, notes) ?? moves, changes: joinChanges(target, [m.id]), after: () => this.say("themeJoined", target) };
      }
      // The target stays; the dropped note goes into the slot beside it.
      const themeId = "t" + newItemId().slice(1);
      const title = t("themeNewName", { n: readThemes(items).size + 1 });
      return { moves: gatherMoves(n, [m.id], [...notes.values()].filter((o) => o.id !== m.id && o.id !== n.id)), changes: groupChanges(themeId, title, [id, m.id], notes), after: () => this.made(themeId, title, 2) };
    }
    for (const [id, f] of this.frames) {
      if (id === own || !inside(f.frame, cx, cy)) continue;
      return { moves: this.nextSlot(id, m.id, notes) ?? moves, changes: joinChanges(id, [m.id]), after: () => this.say("themeJoined", id) };
    }
    if (own) {
      const theme = readThemes(items).get(own);
      const others = theme ? { ...theme, members: theme.members.filter((x) => x !== m.id) } : null;
      if (others && others.members.length > 0 && !inside(frameOf(others, notes), cx, cy)) {
        return { moves, changes: leaveChanges([m.id]), after: () => this.p.say(t("themeLeft")) };
      }
    }
    return null;
  }

  private say(key: "themeJoined", themeId: string): void {
    const title = readThemes(this.p.client.items).get(themeId)?.title || t("themeUntitled");
    this.p.say(t(key, { title }));
  }

  /** Dragging a theme's head moves the theme and its notes; one batch, one undo step, on release. */
  private dragHead(ev: PointerEvent, id: string): void {
    if (ev.button !== 0 || (ev.target instanceof Element && ev.target.closest("button, input"))) return;
    ev.stopPropagation();
    const f = this.frames.get(id);
    if (!f || this.p.readonly) return;
    const head = ev.currentTarget as HTMLElement;
    head.setPointerCapture(ev.pointerId);
    const start = [ev.clientX, ev.clientY];
    const origin = new Map(f.data.members.map((mid) => [mid, this.p.notes.data(mid)!]).filter(([, n]) => !!n) as [string, NoteData][]);
    let dx = 0;
    let dy = 0;
    const move = (e: PointerEvent) => {
      dx = (e.clientX - start[0]!) / this.p.camera.scale;
      dy = (e.clientY - start[1]!) / this.p.camera.scale;
      for (const [mid, n] of origin) {
        this.a.dragging.set(mid, [n.x + dx, n.y + dy]);
        this.p.notes.position(mid, n.x + dx, n.y + dy);
      }
      f.el.style.transform = origin.size ? "" : `translate(${dx}px, ${dy}px)`;
      this.render();
    };
    const up = () => {
      head.removeEventListener("pointermove", move);
      head.removeEventListener("pointerup", up);
      head.removeEventListener("pointercancel", up);
      for (const mid of origin.keys()) this.a.dragging.delete(mid);
      f.el.style.transform = "";
      if (Math.hypot(dx, dy) < 2) return;
      const notes = new Map([...origin].map(([mid, n]) => [mid, { x: n.x, y: n.y }]));
      const changes = moveThemeChanges(f.data, notes, dx, dy);
      // Zones follow positions (moveChanges writes the zone too): recomputed for each moved note.
      const zoned = [...origin].map(([mid, n]) => ({ id: mid, x: n.x + dx, y: n.y + dy, zone: this.zoneAt(n.x + dx + n.w / 2, n.y + dy + n.h / 2) }));
      this.p.client.change([...changes.filter((c) => c.item === id), ...moveChanges(zoned)], { undoable: true });
    };
    head.addEventListener("pointermove", move);
    head.addEventListener("pointerup", up);
    head.addEventListener("pointercancel", up);
  }

  private zoneAt(x: number, y: number): string | null {
    for (const z of this.p.tpl.zones) {
      const s = z.shape;
      if ("w" in s && x >= s.x && x <= s.x + s.w && y >= s.y && y <= s.y + s.h) return z.id;
    }
    return null;
  }
}
