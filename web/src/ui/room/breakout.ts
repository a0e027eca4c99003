// The breakout part of the room view: before a breakout, a draft (number of groups, random split,
// drag and drop, scribes, mode, template or shared board, duration) that `breakoutStart` turns
// into groups; while one runs, the groups with their boards, `breakoutAssign` / `breakoutScribe`
// for moves, and "bring everyone back" (`breakoutEnd`). After a breakout the draft starts from the
// room's kept groups, mode, names and zones (FA-14), so a second breakout needs no re-assigning;
// a refusal shows right under the buttons (#breakout-error), not far away.
import type { Peer } from "../../sync/api";
import { h } from "../dom";
import { bind, loc, t, type Key } from "../i18n";
import type { Template } from "../template";
import { PeopleView, type GroupColumn } from "./people";
import type { Run } from "./run";
import { breakoutGroups, draftFromGroups, pruneDraft, randomSplit, readClock, sameGroups, type Draft } from "./split";
import { memberName, type RoomState } from "./state";

export interface BoardChoice {
  id: string;
  title: string;
  template: Template | undefined;
}

export interface BreakoutOptions {
  run: Run;
  showError: (message: string | null) => void;
  /** A control runner that shows its failures where `show` puts them (at this card's buttons). */
  runner?: (show: (message: string | null) => void) => Run;
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
  /** Group number → the facilitator's name and (zones mode) zone for it. */
  const groupNames = new Map<number, string>();
  const groupZones = new Map<number, string>();
  /** The breakout (its start time) the draft was last taken from. */
  let keptFrom: string | null = null;
  /** Whether the facilitator chose a template since the draft was taken: then copies are made anew. */
  let templateChosen = false;
  const error = h("p", { id: "breakout-error", class: "alert control-error", role: "alert", hidden: true });
  const showHere = (message: string | null) => {
    error.textContent = message ?? "";
    error.hidden = !message;
  };
  const run: Run = o.runner ? o.runner(showHere) : o.run;
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
  const groupRows = h("div", { class: "breakout-group-rows" });
  let rowsKey = "";
  const seconds = h("input", { id: "breakout-seconds", type: "text", inputmode: "numeric", autocomplete: "off", "aria-describedby": "breakout-seconds-help" });
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
    groupRows,
    labelled(seconds, "breakoutSeconds"),
    secondsHelp,
    start,
  );

  const people = new PeopleView({
    assign: (replica, n) => {
      const state = last?.state;
      if (state && last?.running) {
        const group = n > 0 ? state.groups[n - 1]?.id ?? null : null;
        void run("breakoutAssign", { replica, group });
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
        if (group) void run("breakoutScribe", { group: group.id, replica });
      } else {
        if (replica) scribes.set(n, replica);
        else scribes.delete(n);
        repaint();
      }
    },
    openBoard: (id) => o.openView(id),
  });

  const title = bind(h("h3"), (el) => (el.textContent = t("breakoutTitle")));
  const el = h("section", { class: "card room-card room-breakout" }, title, status, peopleTitle, nobody, people.list, setup, people.columns, options, end, error);

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
    paintGroupRows();
  };
  mode.addEventListener("change", paintMode);
  template.addEventListener("change", () => (templateChosen = true));
  board.addEventListener("change", () => paintGroupRows());

  /** One name field per group, and in zones mode the zone (quadrant) each group gets. */
  function paintGroupRows(): void {
    const n = groupCount();
    const zones = mode.value === "zones" ? (o.boards().find((b) => b.id === board.value)?.template?.zones ?? []) : [];
    const key = JSON.stringify([n, zones.map((z) => z.id), [...groupNames], [...groupZones]]);
    if (key === rowsKey) return; // rebuilt only on change, so a field being typed in keeps focus
    rowsKey = key;
    const rows: HTMLElement[] = [];
    for (let k = 1; k <= n; k++) {
      const name = h("input", { id: `breakout-name-${k}`, type: "text", maxlength: 60, value: groupNames.get(k) ?? "", placeholder: t("groupName", { n: k }) });
      name.addEventListener("input", () => {
        if (name.value.trim()) groupNames.set(k, name.value);
        else groupNames.delete(k);
        rowsKey = JSON.stringify([n, zones.map((z) => z.id), [...groupNames], [...groupZones]]);
      });
      const nameLabel = bind(h("label", { for: name.id }), (e) => (e.textContent = t("breakoutGroupName", { n: k })));
      const row = h("div", { class: "field breakout-group-row" }, nameLabel, name);
      if (zones.length > 0) {
        const zone = h("select", { id: `breakout-zone-${k}` });
        zone.append(bind(h("option", { value: "" }), (e) => (e.textContent = t("breakoutZoneAuto"))));
        for (const z of zones) zone.append(h("option", { value: z.id }, loc(z.label)));
        zone.value = zones.some((z) => z.id === groupZones.get(k)) ? (groupZones.get(k) ?? "") : "";
        zone.addEventListener("change", () => {
          if (zone.value) groupZones.set(k, zone.value);
          else groupZones.delete(k);
          rowsKey = JSON.stringify([n, zones.map((z) => z.id), [...groupNames], [...groupZones]]);
        });
        const zoneLabel = bind(h("label", { for: zone.id }), (e) => (e.textContent = t("breakoutGroupZone", { n: k })));
        row.append(zoneLabel, zone);
      }
      rows.push(row);
    }
    groupRows.replaceChildren(...rows);
  }

  /** After (or during) a breakout, the draft is its groups again: same people, names, zones and mode. */
  function keep(state: RoomState): void {
    const b = state.breakout;
    const key = b ? `${b.started ?? ""}:${state.groups.map((g) => g.id).join(",")}` : null;
    if (!b || state.groups.length === 0 || key === keptFrom) return;
    keptFrom = key;
    templateChosen = false;
    draft = draftFromGroups(state.groups);
    count.value = String(state.groups.length);
    groupNames.clear();
    groupZones.clear();
    scribes.clear();
    state.groups.forEach((g, i) => {
      if (g.name) groupNames.set(i + 1, g.name);
      if (g.zone) groupZones.set(i + 1, g.zone);
      if (g.scribe) scribes.set(i + 1, g.scribe);
    });
    mode.value = b.mode;
    if (b.mode === "zones" && b.plenary && [...board.options].some((opt) => opt.value === b.plenary)) board.value = b.plenary;
    paintMode();
  }

  count.addEventListener("change", () => {
    paintGroupRows();
    repaint();
  });
  shuffleBtn.addEventListener("click", () => {
    const replicas = (last?.people ?? []).map((p) => p.replica);
    draft = randomSplit(replicas, groupCount(), random);
    scribes.clear();
    repaint();
  });
  start.addEventListener("click", () => {
    const present = (last?.people ?? []).map((p) => p.replica);
    const n = groupCount();
    const zoned = mode.value === "zones";
    const groups = breakoutGroups(pruneDraft(draft, new Set(present), n), n, present, scribes, (k) => groupNames.get(k)?.trim() || t("groupName", { n: k }))
      .map((g, i) => (zoned && groupZones.get(i + 1) ? { ...g, zone: groupZones.get(i + 1) } : g))
      .filter((g) => g.members.length > 0);
    if (groups.length === 0) return showHere(t("breakoutNeedsMembers"));
    const secs = seconds.value.trim() === "" ? null : readClock(seconds.value, 1, 7200);
    if (seconds.value.trim() !== "" && secs === null) return showHere(t("breakoutBadSeconds"));
    const kept = last?.state;
    if (mode.value === "copies" && kept?.breakout?.mode === "copies" && !templateChosen
      && kept.groups.every((g) => g.board) && sameGroups(kept.groups, groups)) {
      // FA-14: the same groups again go back to their own boards, with what they wrote there.
      void run("breakoutStart", secs === null ? { reuse: true } : { reuse: true, seconds: secs });
      return;
    }
    const args: Record<string, unknown> = { mode: mode.value, groups };
    if (mode.value === "copies") {
      if (template.value) args.template = template.value;
    } else {
      if (!board.value) return showHere(t("breakoutNoZoneBoard"));
      args.board = board.value;
    }
    if (secs !== null) args.seconds = secs;
    void run("breakoutStart", args);
  });
  end.addEventListener("click", () => void run("breakoutEnd"));

  function repaint(): void {
    if (last) paint(last.state, last.people, last.running);
  }

  function paint(state: RoomState, connected: Peer[], running: boolean): void {
    keep(state);
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
      columns.push({ n: k, title: groupNames.get(k)?.trim() || t("groupName", { n: k }), board: null, scribe: members.some((m) => m.replica === scribe) ? scribe : null, members });
    }
    columns.push({ n: 0, title: t("breakoutUnassigned"), board: null, scribe: null, members: connected.filter((p) => !draft.has(p.replica)).map((p) => ({ ...p, connected: true })) });
    people.paintColumns(columns);
  }

  fillChoices();
  paintMode();
  return { el, paint };
}
