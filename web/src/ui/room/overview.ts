// The facilitator's overview (FA-20..FA-22, contract C3): per group and per board how many notes
// were written and who is done, while a breakout, private writing or a vote runs, never any text.
// Polled from GET /api/workshops/{id}/overview rather than counted from frames: the facilitator's
// own connection never receives other people's private notes or open dots (FA-6, FA-7), only the
// node sees them. Every 2 s while something runs, every 10 s otherwise (to notice a board where
// private writing or a vote started). The text lines are pure (test/ui/overview.test.ts).
import { h } from "../dom";
import { bind, t } from "../i18n";
import { breakoutRunning, type RoomState } from "./state";

export interface OverviewPerson {
  name: string;
  notes?: number;
  spent?: number;
  done: boolean;
}

export interface OverviewGroup {
  group: string;
  name: string;
  notes: number;
  people: OverviewPerson[];
}

export interface OverviewBoard {
  board: string;
  name: string;
  template: string;
  notes: number;
  themes: number;
  private: { writing: boolean; notes: number; people?: OverviewPerson[] };
  vote: { open: boolean; dotsPerPerson: number; people: OverviewPerson[] };
  groups: OverviewGroup[];
}

export interface Overview {
  boards: OverviewBoard[];
  at: number;
}

/** Fast while something runs, slow otherwise (FA-22). */
export const FAST_MS = 2000;
export const SLOW_MS = 10_000;

/** One line of the overview: what it counts, its text, and the numbers for tests and styling. */
export interface OverviewLine {
  kind: "group" | "private" | "vote";
  key: string;
  text: string;
  done: number;
  people: number;
  /** Per person, e.g. "Anna: 2 notities (klaar)". */
  persons: string[];
}

const countDone = (people: OverviewPerson[] | undefined): number => (people ?? []).filter((p) => p.done).length;

function notesText(n: number): string {
  return n === 1 ? t("overviewNote") : t("overviewNotes", { n });
}

function dotsText(n: number): string {
  return n === 1 ? t("overviewDot") : t("overviewDots", { n });
}

/**
 * The lines to show: each group of a running breakout, each board in private writing, each board
 * with an open vote. `breakout`: whether the room's breakout runs (groups are kept after it, C1).
 */
export function overviewLines(o: Overview | null, breakout: boolean): OverviewLine[] {
  if (!o) return [];
  const out: OverviewLine[] = [];
  for (const b of o.boards) {
    if (breakout) {
      for (const g of b.groups) {
        const done = countDone(g.people);
        out.push({ kind: "group", key: `${b.board}/${g.group}`, done, people: g.people.length, persons: g.people.map((p) => personText(p, "notes")),
          text: t("overviewGroup", { name: g.name, notes: notesText(g.notes), done, people: g.people.length }) });
      }
    }
    if (b.private.writing) {
      const people = b.private.people ?? [];
      const done = countDone(people);
      out.push({ kind: "private", key: `${b.board}/private`, done, people: people.length, persons: people.map((p) => personText(p, "notes")),
        text: t("overviewPrivate", { name: b.name, notes: notesText(b.private.notes), done, people: people.length }) });
    }
    if (b.vote.open) {
      const done = countDone(b.vote.people);
      const spent = b.vote.people.reduce((sum, p) => sum + (p.spent ?? 0), 0);
      out.push({ kind: "vote", key: `${b.board}/vote`, done, people: b.vote.people.length, persons: b.vote.people.map((p) => personText(p, "dots")),
        text: t("overviewVote", { name: b.name, dots: dotsText(spent), done, people: b.vote.people.length }) });
    }
  }
  return out;
}

/** Whether anything the overview counts runs now: the room's breakout, or a board's private writing or vote. */
export function overviewBusy(o: Overview | null, breakout: boolean): boolean {
  return breakout || !!o?.boards.some((b) => b.private.writing || b.vote.open);
}

/** A person's line in the details: "Anna: 2 notities ✓". */
export function personText(p: OverviewPerson, what: "notes" | "dots"): string {
  const n = what === "dots" ? dotsText(p.spent ?? 0) : notesText(p.notes ?? 0);
  return t(p.done ? "overviewPersonDone" : "overviewPersonBusy", { name: p.name, count: n });
}

export type FetchOverview = () => Promise<Overview>;

/** GET /api/workshops/{id}/overview with the facilitator's token (FA-20). */
export async function fetchOverview(workshop: string, token: string): Promise<Overview> {
  const res = await fetch(`/api/workshops/${encodeURIComponent(workshop)}/overview`, {
    headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`overview: HTTP ${res.status}`);
  return (await res.json()) as Overview;
}

/**
 * Asks for the overview again and again: after FAST_MS while something runs, SLOW_MS otherwise.
 * One request at a time; a failed one is shown as stale, never thrown. Clock and timers injected.
 */
export class OverviewPoller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private stopped = true;
  last: Overview | null = null;
  failed = false;

  constructor(
    private readonly fetchOverview: FetchOverview,
    private readonly breakout: () => boolean,
    private readonly onUpdate: () => void,
    private readonly timers: { set: (f: () => void, ms: number) => ReturnType<typeof setTimeout>; clear: (t: ReturnType<typeof setTimeout>) => void } = {
      set: (f, ms) => setTimeout(f, ms),
      clear: (x) => clearTimeout(x),
    },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** Asks now (e.g. a breakout just started) instead of at the next tick. */
  now(): void {
    if (this.stopped || this.inFlight) return;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    void this.poll();
  }

  /** The wait before the next request. */
  delay(): number {
    return overviewBusy(this.last, this.breakout()) ? FAST_MS : SLOW_MS;
  }

  private async poll(): Promise<void> {
    this.inFlight = true;
    try {
      this.last = await this.fetchOverview();
      this.failed = false;
    } catch {
      this.failed = true; // offline or refused: the last counts stay, marked as not current
    } finally {
      this.inFlight = false;
    }
    if (this.stopped) return;
    this.onUpdate();
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.poll();
    }, this.delay());
  }
}

export interface OverviewPanelOptions {
  fetchOverview: FetchOverview;
  /** Only a facilitator asks (the node answers 403 to anyone else). */
  isFacilitator: () => boolean;
  serverNow: () => number;
}

/** The compact overview in the facilitation bar (#overview), for facilitators only. */
export function buildOverviewPanel(o: OverviewPanelOptions): { el: HTMLElement; paint(state: RoomState): void; stop(): void } {
  let state: RoomState | null = null;
  let wasRunning = false;
  const opened = new Set<string>();
  const title = bind(h("span", { class: "overview-label", id: "overview-label" }), (el) => (el.textContent = t("overviewTitle")));
  const list = h("ul", { class: "overview-lines", "aria-labelledby": "overview-label" });
  const stale = bind(h("span", { class: "overview-stale" }), (el) => (el.textContent = t("overviewStale")));
  const el = h("section", { id: "overview", class: "overview", "aria-live": "off" }, title, list, stale);
  el.hidden = true;
  const running = () => !!state && breakoutRunning(state, o.serverNow());
  const render = () => {
    const lines = overviewLines(poller.last, running());
    list.replaceChildren(
      ...lines.map((l) => {
        // Each line opens to its people; which ones are open survives the next poll's repaint.
        const details = h("details", { open: opened.has(l.key) }, h("summary", {}, l.text), h("ul", { class: "overview-people" }, ...l.persons.map((p) => h("li", {}, p))));
        details.addEventListener("toggle", () => (details.open ? opened.add(l.key) : opened.delete(l.key)));
        const li = h("li", { "data-overview": l.key, "data-kind": l.kind, "data-done": l.done, "data-people": l.people }, details);
        li.classList.toggle("overview-all-done", l.people > 0 && l.done === l.people);
        return li;
      }),
    );
    stale.hidden = !poller.failed;
    el.hidden = !o.isFacilitator() || lines.length === 0;
  };
  const poller = new OverviewPoller(o.fetchOverview, running, render);
  return {
    el,
    paint(next) {
      state = next;
      if (!o.isFacilitator()) {
        poller.stop();
        el.hidden = true;
        return;
      }
      poller.start();
      const now = running();
      if (now !== wasRunning) poller.now(); // a breakout started or ended: count at once
      wasRunning = now;
      render();
    },
    stop: () => poller.stop(),
  };
}
