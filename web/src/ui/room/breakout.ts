// The breakout part of the room view: before a breakout, a draft (number of groups, random split,
// drag and drop, scribes, mode, template or shared board, duration) that `breakoutStart` turns
// into groups; while one runs, the groups with their boards, `breakoutAssign` / `breakoutScribe`
// for moves, and "bring everyone back" (`breakoutEnd`).
import type { Peer } from "../../sync/api";
import { h } from "../dom";
import { bind, loc, t, type Key } from "../i18n";
import type { Template } from "../template";
import { PeopleView, type GroupColumn } from "./people";
import type { Run } from "./run";
import { breakoutGroups, pruneDraft, randomSplit, readSeconds, type Draft } from "./split";
import { memberName, type RoomState } from "./state";

export interface BoardChoice {
  id: string;
  title: string;
  template: Template | undefined;
}

export interface BreakoutOptions {
  run: Run;
  showError: (message: string | null) => void;
  /** Templates a group's copy can be made of. */
  templates: Template[];
  /** The workshop's own boards (not the room, fiches or breakout copies). */
  boards: () => BoardChoice[];
  openView: (id: string) => void;
  random?: () => number;
}

export interface BreakoutView {
  el: HTMLElement;
  /** `running`: a breakout exists and is not over (FA-3) at this moment. */
  paint(state: RoomState, people: Peer[], running: boolean): void;
}

function labelled<E extends HTMLElement & { id: string }>(control: E, key: Key): HTMLElement {
  const label = bind(h("label", { for: control.id }), (el) => (el.textContent = t(key)));
  return h("div", { class: "field" }, label, control);
}

export function buildBreakout(o: BreakoutOptions): BreakoutView {
  const random = o.random ?? Math.random;
  let draft: Draft = new Map();
  const scribes = new Map<number, string>();
  let last: { state: RoomState; people: Peer[]; running: boolean } | null = null;

  const count = h("input", { id: "breakout-groups", type: "number", min: 1, max: 20, step: 1, value: 2, inputmode: "numeric" });
  const groupCount = () => Math.min(20, Math.max(1, Math.floor(Number(count.value) || 2)));
  const shuffleBtn = bind(h("button", { id: "breakout-random", type: "button", class: "btn" }), (el) => (el.textContent = t("breakoutRandom")));
  const dragHelp = bind(h("p", { class: "help" }), (el) => (el.textContent = t("breakoutDragHelp")));
  const mode = h("select", { id: "breakout-mode" });
  for (const m of ["copies", "zones"] as const) {
    mode.append(bind(h("option", { value: m }), (el) => (el.textContent = t(m === "copies" ? "modeCopies" : "modeZones"))));
  }
  const template = h("select", { id: "breakout-template" });
  const board = h("select", { id: "breakout-board" });
  const noZoneBoard = bind(h("p", { class: "help" }), (el) => (el.textContent = t("breakoutNoZoneBoard")));
  const seconds = h("input", { id: "breakout-seconds", type: "number", min: 1, max: 7200, step: 1, inputmode: "numeric", "aria-describedby": "breakout-seconds-help" });
  const secondsHelp = bind(h("p", { id: "breakout-seconds-help", class: "help" }), (el) => (el.textContent = t("breakoutSecondsHelp")));
  const start = bind(h("button", { id: "breakout-start", type: "button", class: "btn btn-primary" }), (el) => (el.textContent = t("breakoutStart")));
  const end = bind(h("button", { id: "breakout-end", type: "button", class: "btn btn-primary" }), (el) => (el.textContent = t("breakoutEnd")));
  const status = h("p", { id: "breakout-status", class: "breakout-status", role: "status" });
  const nobody = bind(h("p", { class: "help room-nobody" }), (el) => (el.textContent = t("roomNobody")));
  const peopleTitle = bind(h("h4"), (el) => (el.textContent = t("roomPeople")));

  const templateField = labelled(template, "breakoutTemplate");
  const boardField = h("div", {}, labelled(board, "breakoutBoard"), noZoneBoard);
  const setup = h(
    "div",
    { class: "breakout-setup" },
    h("div", { class: "room-inline" }, labelled(count, "breakoutGroups"), shuffleBtn),
    dragHelp,
  );
  const options = h(
    "div",
    { class: "breakout-options" },
    labelled(mode, "breakoutMode"),
    templateField,
    boardField,
    labelled(seconds, "breakoutSeconds"),
    secondsHelp,
    start,
  );

  const people = new PeopleView({
    assign: (replica, n) => {
      const state = last?.state;
      if (state && last?.running) {
        const group = n > 0 ? state.groups[n - 1]?.id ?? null : null;
        void o.run("breakoutAssign", { replica, group });
      } else {
        if (n > 0) draft.set(replica, n);
        else draft.delete(replica);
        repaint();
      }
    },
    scribe: (n, replica) => {
      const state = last?.state;
      if (state && last?.running) {
        const group = state.groups[n - 1];
        if (group) void o.run("breakoutScribe", { group: group.id, replica });
      } else {
        if (replica) scribes.set(n, replica);
        else scribes.delete(n);
        repaint();
      }
    },
    openBoard: (id) => o.openView(id),
  });

  const title = bind(h("h3"), (el) => (el.textContent = t("breakoutTitle")));
  const el = h("section", { class: "card room-card room-breakout" }, title, status, peopleTitle, nobody, people.list, setup, people.columns, options, end);

  const fillChoices = () => {
    const current = template.value;
    template.replaceChildren(...o.templates.map((tpl) => h("option", { value: tpl.id }, loc(tpl.title))));
    const firstBoardTpl = o.boards()[0]?.template?.id;
    template.value = current || firstBoardTpl || o.templates[0]?.id || "";
    const zoned = o.boards().filter((b) => (b.template?.zones.length ?? 0) > 0);
    const chosen = board.value;
    board.replaceChildren(...zoned.map((b) => h("option", { value: b.id }, b.title)));
    const preferred = zoned.find((b) => b.template?.facilitation?.zonePerBreakoutGroup)?.id ?? zoned[0]?.id ?? "";
    board.value = zoned.some((b) => b.id === chosen) ? chosen : preferred;
    noZoneBoard.hidden = zoned.length > 0;
  };
  const paintMode = () => {
    templateField.hidden = mode.value !== "copies";
    boardField.hidden = mode.value !== "zones";
  };
  mode.addEventListener("change", paintMode);

  count.addEventListener("change", () => repaint());
  shuffleBtn.addEventListener("click", () => {
    const replicas = (last?.people ?? []).map((p) => p.replica);
    draft = randomSplit(replicas, groupCount(), random);
    scribes.clear();
    repaint();
  });
  start.addEventListener("click", () => {
    const present = (last?.people ?? []).map((p) => p.replica);
    const n = groupCount();
    const groups = breakoutGroups(pruneDraft(draft, new Set(present), n), n, present, scribes, (k) => t("groupName", { n: k })).filter(
      (g) => g.members.length > 0,
    );
    if (groups.length === 0) return o.showError(t("breakoutNeedsMembers"));
    const secs = seconds.value.trim() === "" ? null : readSeconds(seconds.value, 1, 7200);
    if (seconds.value.trim() !== "" && secs === null) return o.showError(t("breakoutBadSeconds"));
    const args: Record<string, unknown> = { mode: mode.value, groups };
    if (mode.value === "copies") {
      if (template.value) args.template = template.value;
    } else {
      if (!board.value) return o.showError(t("breakoutNoZoneBoard"));
      args.board = board.value;
    }
    if (secs !== null) args.seconds = secs;
    void o.run("breakoutStart", args);
  });
  end.addEventListener("click", () => void o.run("breakoutEnd"));

  function repaint(): void {
    if (last) paint(last.state, last.people, last.running);
  }

  function paint(state: RoomState, connected: Peer[], running: boolean): void {
    last = { state, people: connected, running };
    const names = new Map(connected.map((p) => [p.replica, p.name]));
    nobody.hidden = connected.length > 0;
    setup.hidden = options.hidden = running;
    end.hidden = !running;
    status.textContent = running ? t("breakoutRunning", { n: state.groups.length }) : "";
    status.hidden = !running;
    if (running) {
      const groupOf = new Map<string, number>();
      state.groups.forEach((g, i) => g.members.forEach((r) => groupOf.set(r, i + 1)));
      people.paintPeople(
        connected.map((p) => ({ replica: p.replica, name: p.name, group: groupOf.get(p.replica) ?? 0 })),
        state.groups.length,
      );
      const columns: GroupColumn[] = state.groups.map((g, i) => ({
        n: i + 1,
        title: g.name,
        board: g.board,
        scribe: g.scribe,
        members: g.members.map((r) => ({ replica: r, name: memberName(g, r, names.get(r)), connected: names.has(r) })),
      }));
      const loose = connected.filter((p) => !groupOf.has(p.replica));
      columns.push({ n: 0, title: t("breakoutUnassigned"), board: null, scribe: null, members: loose.map((p) => ({ ...p, connected: true })) });
      people.paintColumns(columns);
      return;
    }
    const n = groupCount();
    const order = connected.map((p) => p.replica);
    draft = pruneDraft(draft, new Set(order), n);
    people.paintPeople(
      connected.map((p) => ({ replica: p.replica, name: p.name, group: draft.get(p.replica) ?? 0 })),
      n,
    );
    const columns: GroupColumn[] = [];
    for (let k = 1; k <= n; k++) {
      const members = connected.filter((p) => draft.get(p.replica) === k).map((p) => ({ ...p, connected: true }));
      const scribe = scribes.get(k) ?? null;
      columns.push({ n: k, title: t("groupName", { n: k }), board: null, scribe: members.some((m) => m.replica === scribe) ? scribe : null, members });
    }
    columns.push({ n: 0, title: t("breakoutUnassigned"), board: null, scribe: null, members: connected.filter((p) => !draft.has(p.replica)).map((p) => ({ ...p, connected: true })) });
    people.paintColumns(columns);
  }

  fillChoices();
  paintMode();
  return { el, paint };
}
